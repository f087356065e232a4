using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace PeimsRules.Attendance.Columnar;

/// <summary>
/// The sums of one population over a run of records: the record count, the eligible days present counted toward ADA,
/// the days present and the days absent counted toward PIA, all in half days.
/// </summary>
internal struct CellSums
{
    public long Count;
    public long Eligible;
    public long Present;
    public long Absent;

    public void Add(in CellSums other)
    {
        Count += other.Count;
        Eligible += other.Eligible;
        Present += other.Present;
        Absent += other.Absent;
    }
}

/// <summary>
/// The hot loop: the sums of a run of records of one cell, in one pass over the columns the rules need (the flags
/// byte and three or five bytes of half days a record), with no allocation and no branch per record.
/// </summary>
/// <remarks>
/// <para>
/// Every record's membership (eligible + ineligible present + absent + remote) is at most its days taught, and a
/// store's days taught fit a byte of half days, so the sum of any of a record's day counts fits a byte: the loop adds
/// bytes lane by lane without widening and only then sums 8 lanes at a time into 64-bit totals (SAD against zero).
/// The rules' questions are bits of the flags byte (<see cref="RecordBits"/>), turned into lane masks by one
/// compare each.
/// </para>
/// <para>
/// What counts is exactly what <see cref="PeriodAda.CountedEligibleDaysPresent"/> and
/// <see cref="PercentInAttendance.CountedDaysPresent"/> count: eligible days (+ remote days in the years that count
/// them) under an eligible code toward ADA; eligible + ineligible days (+ remote) and days absent under any code but 0
/// toward PIA. The agreement property test holds the two paths to the same results.
/// </para>
/// </remarks>
internal static class CellKernel
{
    /// <summary>32 bytes of 0xFF then 32 of 0x00: the 32 bytes from offset 32 - n keep the first n lanes of a block.</summary>
    private static readonly byte[] TailMasks = [.. Enumerable.Repeat((byte)0xFF, 32), .. new byte[32]];

    private static readonly Vector256<byte> LaneIndexes = Vector256.Create(
        (byte)0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31);

    /// <summary>Sums records [<paramref name="from"/>, <paramref name="to"/>) of one cell.</summary>
    /// <param name="columns">The store's record columns.</param>
    /// <param name="from">The first record.</param>
    /// <param name="to">One past the last record.</param>
    /// <param name="remote">Whether remote days count (and the store has them).</param>
    /// <param name="k3">Whether to sum the K-3 populations too.</param>
    /// <param name="all">The sums of every record.</param>
    /// <param name="economic">The sums of the K-3 economically disadvantaged records (when <paramref name="k3"/>).</param>
    /// <param name="emergentBilingual">The sums of the K-3 emergent bilingual records (when <paramref name="k3"/>).</param>
    public static void Sum(
        AttendanceStore.RecordColumns columns, int from, int to, bool remote, bool k3,
        out CellSums all, out CellSums economic, out CellSums emergentBilingual)
    {
        all = default;
        economic = default;
        emergentBilingual = default;
        if (Avx2.IsSupported && to - from >= 16)
        {
            if (remote)
            {
                if (k3)
                {
                    SumAvx2<On, On>(columns, from, to, ref all, ref economic, ref emergentBilingual);
                }
                else
                {
                    SumAvx2<On, Off>(columns, from, to, ref all, ref economic, ref emergentBilingual);
                }
            }
            else if (k3)
            {
                SumAvx2<Off, On>(columns, from, to, ref all, ref economic, ref emergentBilingual);
            }
            else
            {
                SumAvx2<Off, Off>(columns, from, to, ref all, ref economic, ref emergentBilingual);
            }
        }
        else
        {
            SumScalar(columns, from, to, remote, k3, null, ref all, ref economic, ref emergentBilingual);
        }
    }

    /// <summary>
    /// Sums the whole cells [<paramref name="firstCell"/>, <paramref name="endCell"/>) straight into the partials'
    /// arrays (<see cref="AttendancePartials"/>: count, eligible, present, absent per cell, and per K-3 cell the same
    /// for each K-3 population).
    /// </summary>
    public static void SumCells(
        AttendanceStore.RecordColumns columns, CellTable cells, int[] cellStart, int firstCell, int endCell, bool remote, bool withK3, int[] all, int[] k3)
    {
        if (!Avx2.IsSupported)
        {
            for (var c = firstCell; c < endCell; c++)
            {
                var cellK3 = withK3 && cells.K3Rank[c] >= 0;
                Sum(columns, cellStart[c], cellStart[c + 1], remote, cellK3, out var sums, out var economic, out var bilingual);
                AttendancePartials.Store(all, c * AttendancePartials.AllWidth, sums);
                if (cellK3)
                {
                    AttendancePartials.Store(k3, cells.K3Rank[c] * AttendancePartials.K3Width, economic);
                    AttendancePartials.Store(k3, (cells.K3Rank[c] * AttendancePartials.K3Width) + AttendancePartials.AllWidth, bilingual);
                }
            }

            return;
        }

        if (remote)
        {
            if (withK3)
            {
                SumCellsAvx2<On, On>(columns, cells, cellStart, firstCell, endCell, all, k3);
            }
            else
            {
                SumCellsAvx2<On, Off>(columns, cells, cellStart, firstCell, endCell, all, k3);
            }
        }
        else if (withK3)
        {
            SumCellsAvx2<Off, On>(columns, cells, cellStart, firstCell, endCell, all, k3);
        }
        else
        {
            SumCellsAvx2<Off, Off>(columns, cells, cellStart, firstCell, endCell, all, k3);
        }
    }

    /// <summary>
    /// The loop over cells: per cell, a vector loop over its records and one reduction of its four sums into the
    /// four slots of its row (no horizontal sum per figure, no call, no bounds check).
    /// </summary>
    private static void SumCellsAvx2<TRemote, TK3>(
        AttendanceStore.RecordColumns columns, CellTable cells, int[] cellStart, int firstCell, int endCell, int[] all, int[] k3)
        where TRemote : struct, IFlag
        where TK3 : struct, IFlag
    {
        ref var flagsBase = ref MemoryMarshal.GetArrayDataReference(columns.Flags);
        ref var eligibleBase = ref MemoryMarshal.GetArrayDataReference(columns.Eligible);
        ref var ineligibleBase = ref MemoryMarshal.GetArrayDataReference(columns.Ineligible);
        ref var absentBase = ref MemoryMarshal.GetArrayDataReference(columns.Absent);
        ref var syncBase = ref default(TRemote).Value ? ref MemoryMarshal.GetArrayDataReference(columns.RemoteSynchronous!) : ref flagsBase;
        ref var asyncBase = ref default(TRemote).Value ? ref MemoryMarshal.GetArrayDataReference(columns.RemoteAsynchronous!) : ref flagsBase;
        ref var startBase = ref MemoryMarshal.GetArrayDataReference(cellStart);
        ref var rankBase = ref MemoryMarshal.GetArrayDataReference(cells.K3Rank);
        ref var allBase = ref MemoryMarshal.GetArrayDataReference(all);
        ref var k3Base = ref default(TK3).Value ? ref MemoryMarshal.GetArrayDataReference(k3) : ref allBase;

        var membershipBit = Vector256.Create(RecordBits.InMembership);
        var eligibleBit = Vector256.Create(RecordBits.Eligible);
        var economicBit = Vector256.Create(RecordBits.EconomicallyDisadvantaged);
        var bilingualBit = Vector256.Create(RecordBits.EmergentBilingualFunded);
        var zero = Vector256<byte>.Zero;

        // Unchecked: sums of bytes into 64-bit lanes cannot overflow, and the JIT then drops the overflow checks.
        // A cell's last, partial block of 32 records has the lanes past its end masked off the flags (a table load).
        // The plain loop writes its block out twice, unmasked for full blocks and masked for the last; the K-3 loop,
        // heavier per block, masks every block and loads the mask only for the last.
        unchecked
        {
            ref var tailMasks = ref MemoryMarshal.GetArrayDataReference(TailMasks);
            for (var c = firstCell; c < endCell; c++)
            {
                var from = Unsafe.Add(ref startBase, c);
                var to = Unsafe.Add(ref startBase, c + 1);
                var rank = default(TK3).Value ? Unsafe.Add(ref rankBase, c) : -1;
                var e = Vector256<ulong>.Zero;
                var p = Vector256<ulong>.Zero;
                var a = Vector256<ulong>.Zero;
                var i = from;
                if (default(TK3).Value && rank >= 0)
                {
                    var ee = Vector256<ulong>.Zero;
                    var ep = Vector256<ulong>.Zero;
                    var ea = Vector256<ulong>.Zero;
                    var be = Vector256<ulong>.Zero;
                    var bp = Vector256<ulong>.Zero;
                    var ba = Vector256<ulong>.Zero;
                    ulong economicCount = 0;
                    ulong bilingualCount = 0;
                    var live = Vector256<byte>.AllBitsSet;
                    while (i < to)
                    {
                        if (to - i < Vector256<byte>.Count)
                        {
                            live = Vector256.LoadUnsafe(ref tailMasks, (nuint)(Vector256<byte>.Count - (to - i)));
                        }

                        var offset = (nuint)i;
                        var flags = Vector256.LoadUnsafe(ref flagsBase, offset) & live;
                        var eligible = Vector256.LoadUnsafe(ref eligibleBase, offset);
                        if (default(TRemote).Value)
                        {
                            eligible += Vector256.LoadUnsafe(ref syncBase, offset) + Vector256.LoadUnsafe(ref asyncBase, offset);
                        }

                        var member = Vector256.Equals(flags & membershipBit, membershipBit);
                        var counted = eligible & Vector256.Equals(flags & eligibleBit, eligibleBit);
                        var present = (eligible + Vector256.LoadUnsafe(ref ineligibleBase, offset)) & member;
                        var absent = Vector256.LoadUnsafe(ref absentBase, offset) & member;
                        e += Avx2.SumAbsoluteDifferences(counted, zero).AsUInt64();
                        p += Avx2.SumAbsoluteDifferences(present, zero).AsUInt64();
                        a += Avx2.SumAbsoluteDifferences(absent, zero).AsUInt64();
                        var economicMask = Vector256.Equals(flags & economicBit, economicBit);
                        var bilingualMask = Vector256.Equals(flags & bilingualBit, bilingualBit);
                        ee += Avx2.SumAbsoluteDifferences(counted & economicMask, zero).AsUInt64();
                        ep += Avx2.SumAbsoluteDifferences(present & economicMask, zero).AsUInt64();
                        ea += Avx2.SumAbsoluteDifferences(absent & economicMask, zero).AsUInt64();
                        be += Avx2.SumAbsoluteDifferences(counted & bilingualMask, zero).AsUInt64();
                        bp += Avx2.SumAbsoluteDifferences(present & bilingualMask, zero).AsUInt64();
                        ba += Avx2.SumAbsoluteDifferences(absent & bilingualMask, zero).AsUInt64();
                        economicCount += (ulong)BitOperations.PopCount(economicMask.ExtractMostSignificantBits());
                        bilingualCount += (ulong)BitOperations.PopCount(bilingualMask.ExtractMostSignificantBits());
                        i += Vector256<byte>.Count;
                    }

                    Narrow(Totals(Vector256.CreateScalar(economicCount), ee, ep, ea)).StoreUnsafe(ref k3Base, (nuint)(rank * AttendancePartials.K3Width));
                    Narrow(Totals(Vector256.CreateScalar(bilingualCount), be, bp, ba))
                        .StoreUnsafe(ref k3Base, (nuint)((rank * AttendancePartials.K3Width) + AttendancePartials.AllWidth));
                }
                else
                {
                    for (; i <= to - Vector256<byte>.Count; i += Vector256<byte>.Count)
                    {
                        var offset = (nuint)i;
                        var flags = Vector256.LoadUnsafe(ref flagsBase, offset);
                        var eligible = Vector256.LoadUnsafe(ref eligibleBase, offset);
                        if (default(TRemote).Value)
                        {
                            eligible += Vector256.LoadUnsafe(ref syncBase, offset) + Vector256.LoadUnsafe(ref asyncBase, offset);
                        }

                        var member = Vector256.Equals(flags & membershipBit, membershipBit);
                        e += Avx2.SumAbsoluteDifferences(eligible & Vector256.Equals(flags & eligibleBit, eligibleBit), zero).AsUInt64();
                        p += Avx2.SumAbsoluteDifferences((eligible + Vector256.LoadUnsafe(ref ineligibleBase, offset)) & member, zero).AsUInt64();
                        a += Avx2.SumAbsoluteDifferences(Vector256.LoadUnsafe(ref absentBase, offset) & member, zero).AsUInt64();
                    }

                    if (i < to)
                    {
                        var offset = (nuint)i;
                        var live = Vector256.LoadUnsafe(ref tailMasks, (nuint)(Vector256<byte>.Count - (to - i)));
                        var flags = Vector256.LoadUnsafe(ref flagsBase, offset) & live;
                        var eligible = Vector256.LoadUnsafe(ref eligibleBase, offset);
                        if (default(TRemote).Value)
                        {
                            eligible += Vector256.LoadUnsafe(ref syncBase, offset) + Vector256.LoadUnsafe(ref asyncBase, offset);
                        }

                        var member = Vector256.Equals(flags & membershipBit, membershipBit);
                        e += Avx2.SumAbsoluteDifferences(eligible & Vector256.Equals(flags & eligibleBit, eligibleBit), zero).AsUInt64();
                        p += Avx2.SumAbsoluteDifferences((eligible + Vector256.LoadUnsafe(ref ineligibleBase, offset)) & member, zero).AsUInt64();
                        a += Avx2.SumAbsoluteDifferences(Vector256.LoadUnsafe(ref absentBase, offset) & member, zero).AsUInt64();
                    }
                }

                Narrow(Totals(Vector256.CreateScalar((ulong)(to - from)), e, p, a)).StoreUnsafe(ref allBase, (nuint)(c * AttendancePartials.AllWidth));
            }
        }
    }

    /// <summary>
    /// The four totals as 32-bit values (a cell holds at most <see cref="AttendanceStoreBuilder.MaximumCellRecords"/>
    /// records of at most 255 half days, so every total fits).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<int> Narrow(Vector256<ulong> totals) =>
        Avx2.PermuteVar8x32(totals.AsInt32(), Vector256.Create(0, 2, 4, 6, 1, 3, 5, 7)).GetLower();

    /// <summary>The totals of four vectors of four 64-bit lanes, as one vector: a transpose and two adds.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<ulong> Totals(Vector256<ulong> v0, Vector256<ulong> v1, Vector256<ulong> v2, Vector256<ulong> v3)
    {
        var s01 = Avx2.UnpackLow(v0, v1) + Avx2.UnpackHigh(v0, v1);
        var s23 = Avx2.UnpackLow(v2, v3) + Avx2.UnpackHigh(v2, v3);
        return Avx2.Permute2x128(s01, s23, 0x20) + Avx2.Permute2x128(s01, s23, 0x31);
    }

    /// <summary>
    /// Sums the records of a focus list only: one record at a time (a set lookup per record), for drill-downs and
    /// what-ifs over a list of students rather than statewide runs.
    /// </summary>
    public static void SumFocused(
        AttendanceStore.RecordColumns columns, int from, int to, bool remote, bool k3, HashSet<long> focus,
        out CellSums all, out CellSums economic, out CellSums emergentBilingual)
    {
        all = default;
        economic = default;
        emergentBilingual = default;
        SumScalar(columns, from, to, remote, k3, focus, ref all, ref economic, ref emergentBilingual);
    }

    /// <summary>The plain loop: the definition the vector loop must match, and the path for short runs and other CPUs.</summary>
    private static void SumScalar(
        AttendanceStore.RecordColumns columns, int from, int to, bool remote, bool k3, HashSet<long>? focus,
        ref CellSums all, ref CellSums economic, ref CellSums emergentBilingual)
    {
        for (var i = from; i < to; i++)
        {
            if (focus is not null && !focus.Contains(columns.Student[i]))
            {
                continue;
            }

            int flags = columns.Flags[i];
            int eligible = columns.Eligible[i];
            if (remote)
            {
                eligible += columns.RemoteSynchronous![i] + columns.RemoteAsynchronous![i];
            }

            var counted = (flags & RecordBits.Eligible) != 0 ? eligible : 0;
            var member = (flags & RecordBits.InMembership) != 0;
            var present = member ? eligible + columns.Ineligible[i] : 0;
            var absent = member ? columns.Absent[i] : 0;
            Add(ref all, counted, present, absent);
            if (k3)
            {
                if ((flags & RecordBits.EconomicallyDisadvantaged) != 0)
                {
                    Add(ref economic, counted, present, absent);
                }

                if ((flags & RecordBits.EmergentBilingualFunded) != 0)
                {
                    Add(ref emergentBilingual, counted, present, absent);
                }
            }
        }

        static void Add(ref CellSums sums, int counted, int present, int absent)
        {
            sums.Count++;
            sums.Eligible += counted;
            sums.Present += present;
            sums.Absent += absent;
        }
    }

    private static void SumAvx2<TRemote, TK3>(
        AttendanceStore.RecordColumns columns, int from, int to,
        ref CellSums all, ref CellSums economic, ref CellSums emergentBilingual)
        where TRemote : struct, IFlag
        where TK3 : struct, IFlag
    {
        ref var flagsBase = ref MemoryMarshal.GetArrayDataReference(columns.Flags);
        ref var eligibleBase = ref MemoryMarshal.GetArrayDataReference(columns.Eligible);
        ref var ineligibleBase = ref MemoryMarshal.GetArrayDataReference(columns.Ineligible);
        ref var absentBase = ref MemoryMarshal.GetArrayDataReference(columns.Absent);
        ref var syncBase = ref default(TRemote).Value ? ref MemoryMarshal.GetArrayDataReference(columns.RemoteSynchronous!) : ref flagsBase;
        ref var asyncBase = ref default(TRemote).Value ? ref MemoryMarshal.GetArrayDataReference(columns.RemoteAsynchronous!) : ref flagsBase;

        var membershipBit = Vector256.Create(RecordBits.InMembership);
        var eligibleBit = Vector256.Create(RecordBits.Eligible);
        var economicBit = Vector256.Create(RecordBits.EconomicallyDisadvantaged);
        var bilingualBit = Vector256.Create(RecordBits.EmergentBilingualFunded);
        var zero = Vector256<byte>.Zero;

        var e = Vector256<ulong>.Zero;
        var p = Vector256<ulong>.Zero;
        var a = Vector256<ulong>.Zero;
        var ee = Vector256<ulong>.Zero;
        var ep = Vector256<ulong>.Zero;
        var ea = Vector256<ulong>.Zero;
        var be = Vector256<ulong>.Zero;
        var bp = Vector256<ulong>.Zero;
        var ba = Vector256<ulong>.Zero;
        long economicCount = 0;
        long bilingualCount = 0;

        var i = from;
        var tail = Vector256<byte>.AllBitsSet;
        while (i < to)
        {
            // The last block reads past the run (into the next cell or the array's padding) with those lanes masked
            // off the flags, so they count for nothing.
            if (to - i < Vector256<byte>.Count)
            {
                tail = Vector256.LessThan(LaneIndexes, Vector256.Create((byte)(to - i)));
            }

            var offset = (nuint)i;
            var flags = Vector256.LoadUnsafe(ref flagsBase, offset) & tail;
            var eligible = Vector256.LoadUnsafe(ref eligibleBase, offset);
            if (default(TRemote).Value)
            {
                eligible += Vector256.LoadUnsafe(ref syncBase, offset) + Vector256.LoadUnsafe(ref asyncBase, offset);
            }

            var member = Vector256.Equals(flags & membershipBit, membershipBit);
            var counted = eligible & Vector256.Equals(flags & eligibleBit, eligibleBit);
            var present = (eligible + Vector256.LoadUnsafe(ref ineligibleBase, offset)) & member;
            var absent = Vector256.LoadUnsafe(ref absentBase, offset) & member;
            e += Avx2.SumAbsoluteDifferences(counted, zero).AsUInt64();
            p += Avx2.SumAbsoluteDifferences(present, zero).AsUInt64();
            a += Avx2.SumAbsoluteDifferences(absent, zero).AsUInt64();
            if (default(TK3).Value)
            {
                var economicMask = Vector256.Equals(flags & economicBit, economicBit);
                var bilingualMask = Vector256.Equals(flags & bilingualBit, bilingualBit);
                ee += Avx2.SumAbsoluteDifferences(counted & economicMask, zero).AsUInt64();
                ep += Avx2.SumAbsoluteDifferences(present & economicMask, zero).AsUInt64();
                ea += Avx2.SumAbsoluteDifferences(absent & economicMask, zero).AsUInt64();
                be += Avx2.SumAbsoluteDifferences(counted & bilingualMask, zero).AsUInt64();
                bp += Avx2.SumAbsoluteDifferences(present & bilingualMask, zero).AsUInt64();
                ba += Avx2.SumAbsoluteDifferences(absent & bilingualMask, zero).AsUInt64();
                economicCount += BitOperations.PopCount(economicMask.ExtractMostSignificantBits());
                bilingualCount += BitOperations.PopCount(bilingualMask.ExtractMostSignificantBits());
            }

            i += Vector256<byte>.Count;
        }

        all.Count += to - from;
        all.Eligible += (long)Vector256.Sum(e);
        all.Present += (long)Vector256.Sum(p);
        all.Absent += (long)Vector256.Sum(a);
        if (default(TK3).Value)
        {
            economic.Count += economicCount;
            economic.Eligible += (long)Vector256.Sum(ee);
            economic.Present += (long)Vector256.Sum(ep);
            economic.Absent += (long)Vector256.Sum(ea);
            emergentBilingual.Count += bilingualCount;
            emergentBilingual.Eligible += (long)Vector256.Sum(be);
            emergentBilingual.Present += (long)Vector256.Sum(bp);
            emergentBilingual.Absent += (long)Vector256.Sum(ba);
        }
    }

    /// <summary>A flag the JIT folds to a constant, so each combination gets its own loop without a test inside it.</summary>
    private interface IFlag
    {
        bool Value { get; }
    }

    private readonly struct On : IFlag
    {
        public bool Value
        {
            [MethodImpl(MethodImplOptions.AggressiveInlining)]
            get => true;
        }
    }

    private readonly struct Off : IFlag
    {
        public bool Value
        {
            [MethodImpl(MethodImplOptions.AggressiveInlining)]
            get => false;
        }
    }
}
