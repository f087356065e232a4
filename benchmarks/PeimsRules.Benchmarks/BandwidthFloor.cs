using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using PeimsRules.Attendance.Columnar;

namespace PeimsRules.Benchmarks;

/// <summary>
/// The memory-bandwidth floor: one vectorised pass that only sums the bytes of the columns the aggregation must read
/// (the store's own flags, eligible, ineligible and absent arrays; 4 bytes a record), and computes nothing else. No
/// aggregation that reads those columns can be faster.
/// </summary>
public static class BandwidthFloor
{
    /// <summary>The bytes a record that the pass reads.</summary>
    public const int BytesPerRecord = 4;

    /// <summary>The sum of every byte of the four columns, on <paramref name="threads"/> threads.</summary>
    public static ulong Sum(AttendanceStore store, int threads)
    {
        ArgumentNullException.ThrowIfNull(store);
        var columns = store.Columns;
        var count = store.Count;
        if (threads == 1)
        {
            return SumRange(columns, 0, count);
        }

        var chunk = (count + threads - 1) / threads;
        var sums = new ulong[threads];
        Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, t =>
            sums[t] = SumRange(columns, t * chunk, Math.Min(count, (t + 1) * chunk)));
        return sums.Aggregate(0UL, (a, b) => a + b);
    }

    private static ulong SumRange(AttendanceStore.RecordColumns columns, int from, int to)
    {
        ref var flags = ref MemoryMarshal.GetArrayDataReference(columns.Flags);
        ref var eligible = ref MemoryMarshal.GetArrayDataReference(columns.Eligible);
        ref var ineligible = ref MemoryMarshal.GetArrayDataReference(columns.Ineligible);
        ref var absent = ref MemoryMarshal.GetArrayDataReference(columns.Absent);
        var zero = Vector256<byte>.Zero;
        var acc = Vector256<ulong>.Zero;
        var i = from;
        for (; i + 32 <= to; i += 32)
        {
            var offset = (nuint)i;
            acc += Avx2.SumAbsoluteDifferences(Vector256.LoadUnsafe(ref flags, offset), zero).AsUInt64();
            acc += Avx2.SumAbsoluteDifferences(Vector256.LoadUnsafe(ref eligible, offset), zero).AsUInt64();
            acc += Avx2.SumAbsoluteDifferences(Vector256.LoadUnsafe(ref ineligible, offset), zero).AsUInt64();
            acc += Avx2.SumAbsoluteDifferences(Vector256.LoadUnsafe(ref absent, offset), zero).AsUInt64();
        }

        var sum = Vector256.Sum(acc);
        for (; i < to; i++)
        {
            sum += (ulong)columns.Flags[i] + columns.Eligible[i] + columns.Ineligible[i] + columns.Absent[i];
        }

        return sum;
    }
}
