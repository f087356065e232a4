namespace PeimsRules.Attendance.Columnar;

/// <summary>
/// An append-only column in fixed-size chunks, for building a store while streaming: appending never copies what is
/// already there (a doubling array would hold the old and the new copy at once), so memory grows with the rows and
/// nothing else.
/// </summary>
internal sealed class ChunkedColumn<T>
    where T : unmanaged
{
    internal const int ChunkShift = 16;
    internal const int ChunkSize = 1 << ChunkShift;
    private const int ChunkMask = ChunkSize - 1;

    private readonly List<T[]> _chunks = [];
    private int _count;

    public int Count => _count;

    public T this[int index]
    {
        get => _chunks[index >> ChunkShift][index & ChunkMask];
        set => _chunks[index >> ChunkShift][index & ChunkMask] = value;
    }

    public void Add(T value)
    {
        var within = _count & ChunkMask;
        if (within == 0)
        {
            _chunks.Add(new T[ChunkSize]);
        }

        _chunks[^1][within] = value;
        _count++;
    }

    /// <summary>Appends default values until the column has <paramref name="count"/> values.</summary>
    public void PadTo(int count)
    {
        while (_count < count)
        {
            Add(default);
        }
    }

    /// <summary>The chunk holding values from <paramref name="chunk"/> × <see cref="ChunkSize"/> on.</summary>
    public T[] Chunk(int chunk) => _chunks[chunk];

    public int ChunkCount => _chunks.Count;

    /// <summary>Gives the chunks back to the garbage collector, once their values have been copied out.</summary>
    public void Release()
    {
        _chunks.Clear();
        _chunks.TrimExcess();
        _count = 0;
    }
}
