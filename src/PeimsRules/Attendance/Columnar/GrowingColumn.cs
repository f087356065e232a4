namespace PeimsRules.Attendance.Columnar;

/// <summary>
/// An append-only column in one array, for building a store while streaming. Given the number of records to expect
/// (a reader knows it from the file's length), it is allocated once at about its final size and handed to the store
/// as it is, so the store's columns are written once; past that size it grows by half again.
/// </summary>
internal sealed class GrowingColumn<T>
    where T : unmanaged
{
    private const int MinimumCapacity = 64;

    private T[] _values = new T[MinimumCapacity];
    private int _count;

    public int Count => _count;

    /// <summary>Makes room for <paramref name="capacity"/> values (and <paramref name="padding"/> more), if there is less.</summary>
    public void Reserve(int capacity, int padding)
    {
        var wanted = (long)capacity + padding;
        if (wanted > _values.Length && wanted <= Array.MaxLength)
        {
            Array.Resize(ref _values, (int)wanted);
        }
    }

    public void Add(T value)
    {
        if (_count == _values.Length)
        {
            Array.Resize(ref _values, (int)Math.Min(Array.MaxLength, _values.Length + Math.Max(MinimumCapacity, _values.Length / 2L)));
        }

        _values[_count++] = value;
    }

    /// <summary>Appends default values until the column has <paramref name="count"/> values.</summary>
    public void PadTo(int count)
    {
        while (_count < count)
        {
            Add(default);
        }
    }

    /// <summary>Copies <paramref name="length"/> values from <paramref name="start"/> on to <paramref name="destination"/> at <paramref name="at"/>.</summary>
    public void CopyTo(int start, T[] destination, int at, int length) => Array.Copy(_values, start, destination, at, length);

    /// <summary>
    /// The values as an array with at least <paramref name="padding"/> zeros after them: the column's own array when
    /// it has the room and at most a sixteenth more, a copy of the right length otherwise; the column is empty afterwards.
    /// </summary>
    public T[] Take(int padding)
    {
        var values = _values;
        var length = (long)_count + padding;
        if (length > values.Length || values.Length - length > MinimumCapacity + (_count / 16))
        {
            Array.Resize(ref values, _count + padding);
        }

        Release();
        return values;
    }

    /// <summary>Gives the values back to the garbage collector, once they have been copied out.</summary>
    public void Release()
    {
        _values = [];
        _count = 0;
    }
}
