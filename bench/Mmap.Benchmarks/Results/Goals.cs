using Mmap.Benchmarks.Comparisons;

namespace Mmap.Benchmarks.Results;

/// <summary>
/// The issue's comparisons and targets, one entry per line of bench/results/latest.md. A new comparison is a
/// benchmark class in Comparisons/ plus its line(s) here.
/// </summary>
public static class Goals
{
    private static Point P<T>(string method, string? parameter = null, object? value = null) => new(typeof(T), method, parameter, value);

    /// <summary>Comparison 10 on <paramref name="threads"/> threads: the engine's two ways against raw and the accessor.</summary>
    private static Goal[] ZeroCountGoals(int threads)
    {
        string what = $"count zero bytes one at a time, {threads} thread{(threads == 1 ? "" : "s")}";
        Point Z(string method) => P<ZeroCount>(method, nameof(ZeroCount.Threads), threads);
        return
        [
            new(10, what, "Mmap `Read<byte>` time / raw pointer time", Z(nameof(ZeroCount.MmapReadByte)), Z(nameof(ZeroCount.RawPointer)), Target.None, ShowThroughput: true),
            new(10, what, "Mmap lease `Read<byte>` time / raw pointer time", Z(nameof(ZeroCount.MmapLease)), Z(nameof(ZeroCount.RawPointer)), Target.None, ShowThroughput: true),
            new(10, what, "accessor ReadByte time / Mmap `Read<byte>` time", Z(nameof(ZeroCount.AccessorReadByte)), Z(nameof(ZeroCount.MmapReadByte)), Target.None, ShowThroughput: true),
        ];
    }

    public static readonly IReadOnlyList<Goal> All =
    [
        new(1, "open+map+touch+unmap+close, 4 KiB file", "Mmap (safe Read) time / libc time",
            P<OpenMapClose>(nameof(OpenMapClose.MmapSafeRead)), P<OpenMapClose>(nameof(OpenMapClose.LibcPInvoke)), Target.AtMost(1.1)),
        new(1, "open+map+touch+unmap+close, 4 KiB file", "MemoryMappedFiles time / Mmap time",
            P<OpenMapClose>(nameof(OpenMapClose.MemoryMappedFiles)), P<OpenMapClose>(nameof(OpenMapClose.MmapSafeRead)), Target.AtLeast(2)),
        new(1, "open+map+touch+unmap+close, 4 KiB file", "Mmap (pointer touch) time / libc time",
            P<OpenMapClose>(nameof(OpenMapClose.MmapPointer)), P<OpenMapClose>(nameof(OpenMapClose.LibcPInvoke)), Target.None),
        new(1, "open+map+touch+unmap+close, 4 KiB file", "libc with the engine's system calls (+fstat, +flock) time / libc time",
            P<OpenMapClose>(nameof(OpenMapClose.LibcEngineCalls)), P<OpenMapClose>(nameof(OpenMapClose.LibcPInvoke)), Target.None),
        new(1, "open+map+touch+unmap+close, 4 KiB file", "Mmap (pointer touch) time / libc with the engine's system calls time",
            P<OpenMapClose>(nameof(OpenMapClose.MmapPointer)), P<OpenMapClose>(nameof(OpenMapClose.LibcEngineCalls)), Target.None),

        new(2, "sequential read into a 1 MiB buffer", "Mmap Read throughput / raw pointer copy throughput",
            P<SequentialRead>(nameof(SequentialRead.RawPointerCopy)), P<SequentialRead>(nameof(SequentialRead.MmapRead)), Target.AtLeast(1.0), ShowThroughput: true),
        new(2, "sequential read into a 1 MiB buffer", "ReadArray time / Mmap Read time",
            P<SequentialRead>(nameof(SequentialRead.AccessorReadArray)), P<SequentialRead>(nameof(SequentialRead.MmapRead)), Target.AtLeast(3), ShowThroughput: true),
        new(2, "sequential read into a 1 MiB buffer", "FileStream.Read time / Mmap Read time",
            P<SequentialRead>(nameof(SequentialRead.FileStreamRead)), P<SequentialRead>(nameof(SequentialRead.MmapRead)), Target.None, ShowThroughput: true),

        new(3, "random 8-byte reads, SizeCheck on (default)", "Mmap `Read<long>` time / raw pointer time",
            P<RandomRead>(nameof(RandomRead.MmapReadChecked)), P<RandomRead>(nameof(RandomRead.RawPointer)), Target.AtMost(1.5)),
        new(3, "random 8-byte reads, SizeCheck on (default)", "accessor ReadInt64 time / Mmap `Read<long>` time",
            P<RandomRead>(nameof(RandomRead.AccessorReadInt64)), P<RandomRead>(nameof(RandomRead.MmapReadChecked)), Target.AtLeast(3)),
        new(3, "random 8-byte reads, fault recovery off (a size check per call)", "Mmap `Read<long>` time / raw pointer time",
            P<RandomRead>(nameof(RandomRead.MmapReadSizeChecked)), P<RandomRead>(nameof(RandomRead.RawPointer)), Target.None),
        new(3, "random 8-byte reads, SizeCheck off", "Mmap `Read<long>` time / raw pointer time",
            P<RandomRead>(nameof(RandomRead.MmapReadUnchecked)), P<RandomRead>(nameof(RandomRead.RawPointer)), Target.AtMost(2)),
        new(3, "random 8-byte reads, SizeCheck off", "accessor ReadInt64 time / Mmap `Read<long>` time",
            P<RandomRead>(nameof(RandomRead.AccessorReadInt64)), P<RandomRead>(nameof(RandomRead.MmapReadUnchecked)), Target.AtLeast(3)),

        new(3, "random 8-byte reads through one `Acquire` lease (SizeCheck on, checked once)", "Mmap lease `Read<long>` time / raw pointer time",
            P<RandomRead>(nameof(RandomRead.MmapLeaseRead)), P<RandomRead>(nameof(RandomRead.RawPointer)), Target.AtMost(1.1)),

        new(3, "random 8-byte reads, `Gather<long>` in batches of 4,096 (SizeCheck on)", "Mmap Gather time / raw pointer time",
            P<RandomRead>(nameof(RandomRead.MmapGatherChecked)), P<RandomRead>(nameof(RandomRead.RawPointer)), Target.AtMost(1.2)),
        new(3, "random 8-byte reads, `Gather<long>` in batches of 4,096 (SizeCheck on)", "accessor ReadInt64 time / Mmap Gather time",
            P<RandomRead>(nameof(RandomRead.AccessorReadInt64)), P<RandomRead>(nameof(RandomRead.MmapGatherChecked)), Target.AtLeast(5)),

        new(4, "cold map read once (cache dropped first)", "Populate time / no-Populate time",
            P<ColdRead>(nameof(ColdRead.MapPopulateAndRead)), P<ColdRead>(nameof(ColdRead.MapAndRead)), Target.None, ShowThroughput: true),
        new(4, "cold map read once (cache dropped first)", "Sequential advice time / no-advice time",
            P<ColdRead>(nameof(ColdRead.MapAdviseAndRead)), P<ColdRead>(nameof(ColdRead.MapAndRead)), Target.Below(1.0), ShowThroughput: true),
        new(4, "cold map read once (cache dropped first)", "WillNeed advice time / no-advice time",
            P<ColdRead>(nameof(ColdRead.MapWillNeedAndRead)), P<ColdRead>(nameof(ColdRead.MapAndRead)), Target.None, ShowThroughput: true),

        new(5, "write the file and flush", "Mmap sync flush time / FileStream Write+Flush(true) time",
            P<WriteFlush>(nameof(WriteFlush.MmapWriteFlush)), P<WriteFlush>(nameof(WriteFlush.FileStreamWriteFlush)), Target.None, ShowThroughput: true),
        new(5, "write the file and flush", "accessor+Flush time / Mmap sync flush time",
            P<WriteFlush>(nameof(WriteFlush.AccessorWriteFlush)), P<WriteFlush>(nameof(WriteFlush.MmapWriteFlush)), Target.None, ShowThroughput: true),
        new(5, "write the file and flush", "Mmap async flush time / FileStream Write+Flush(true) time",
            P<WriteFlush>(nameof(WriteFlush.MmapWriteFlushAsync)), P<WriteFlush>(nameof(WriteFlush.FileStreamWriteFlush)), Target.None, ShowThroughput: true),

        new(6, "1 MiB ring between two threads, 60 KiB chunks", "plain split-copy ring time / Mmap ByteRing (blocking Write/Read) time",
            P<MirroredRing>(nameof(MirroredRing.PlainRingSplitCopies)), P<MirroredRing>(nameof(MirroredRing.MmapByteRing)), Target.AtLeast(1.5), ShowThroughput: true),
        new(6, "1 MiB ring between two threads, 60 KiB chunks", "plain split-copy ring time / Mmap ByteRing (TryWrite/TryRead, same spinning) time",
            P<MirroredRing>(nameof(MirroredRing.PlainRingSplitCopies)), P<MirroredRing>(nameof(MirroredRing.MmapByteRingTryCalls)), Target.None, ShowThroughput: true),

        new(7, "low-address probe, 2 GiB window", "probe time",
            P<LowAddressProbing>(nameof(LowAddressProbing.Probe2GiB)), null, Target.Under(TimeSpan.FromMilliseconds(5)),
            Note: () => LowAddressProbing.BytesFound(2L << 30)),
        new(7, "low-address probe, 4 GiB window", "probe time",
            P<LowAddressProbing>(nameof(LowAddressProbing.Probe4GiB)), null, Target.None,
            Note: () => LowAddressProbing.BytesFound(4L << 30)),

        new(8, "map time with maps already live", "Mmap with 10,000 live / with 1 live (flat)",
            P<MapScale>(nameof(MapScale.MmapSafeRead), nameof(MapScale.LiveMaps), 10_000), P<MapScale>(nameof(MapScale.MmapSafeRead), nameof(MapScale.LiveMaps), 1), Target.AtMost(1.1)),
        new(8, "map time with maps already live", "libc with 10,000 live / with 1 live",
            P<MapScale>(nameof(MapScale.LibcPInvoke), nameof(MapScale.LiveMaps), 10_000), P<MapScale>(nameof(MapScale.LibcPInvoke), nameof(MapScale.LiveMaps), 1), Target.None),
        new(8, "map time with maps already live", "Mmap time / libc time, 10,000 live",
            P<MapScale>(nameof(MapScale.MmapSafeRead), nameof(MapScale.LiveMaps), 10_000), P<MapScale>(nameof(MapScale.LibcPInvoke), nameof(MapScale.LiveMaps), 10_000), Target.None),
        new(8, "map a sparse file larger than RAM, touch random pages", "Mmap time / libc time",
            P<SparseMap>(nameof(SparseMap.MmapSafeRead)), P<SparseMap>(nameof(SparseMap.LibcPInvoke)), Target.None),

        new(9, "find a 17-byte pattern 4 KiB before the end of the file", "Mmap IndexOf time / raw span IndexOf time",
            P<Search>(nameof(Search.MmapIndexOf)), P<Search>(nameof(Search.RawSpanIndexOf)), Target.AtMost(1.1), ShowThroughput: true),

        ..ZeroCountGoals(1),
        ..ZeroCountGoals(2),

        new(11, "records of 1 B-16 KiB through a 64 KiB ring between two threads, parsed in place", "plain split-copy ring (straddlers reassembled) time / Mmap ByteRing reserve/commit + peek/advance time",
            P<RecordRing>(nameof(RecordRing.PlainRingReassembling)), P<RecordRing>(nameof(RecordRing.MmapByteRingInPlace)), Target.AtLeast(1.5), ShowThroughput: true,
            Note: RecordRing.Reassembled),
        new(11, "records of 1 B-16 KiB through a 64 KiB ring between two threads, parsed in place", "plain split-copy ring (every record copied out) time / Mmap ByteRing reserve/commit + peek/advance time",
            P<RecordRing>(nameof(RecordRing.PlainRingCopyingOut)), P<RecordRing>(nameof(RecordRing.MmapByteRingInPlace)), Target.None, ShowThroughput: true),

        new(12, "random 8-byte reads in anonymous memory, warm", "base pages time / explicit 2 MiB pages time",
            P<HugePageRandomRead>(nameof(HugePageRandomRead.BasePages)), P<HugePageRandomRead>(nameof(HugePageRandomRead.Explicit2MiBPages)), Target.None),
        new(12, "random 8-byte reads in anonymous memory, warm", "base pages time / transparent huge pages (advised) time",
            P<HugePageRandomRead>(nameof(HugePageRandomRead.BasePages)), P<HugePageRandomRead>(nameof(HugePageRandomRead.TransparentHugePages)), Target.None),

        new(13, "copy a warm file into a tmpfs file in 1 MiB chunks", "Mmap `AsStream().CopyTo` time / raw FileStream.Write from a libc mapping time",
            P<StreamCopy>(nameof(StreamCopy.MmapStreamCopyTo)), P<StreamCopy>(nameof(StreamCopy.RawMapWrite)), Target.AtMost(1.1), ShowThroughput: true),
        new(13, "copy a warm file into a tmpfs file in 1 MiB chunks", "Mmap `AsStream().CopyTo` through a `Stream` variable time / raw FileStream.Write from a libc mapping time",
            P<StreamCopy>(nameof(StreamCopy.MmapStreamTypedAsStreamCopyTo)), P<StreamCopy>(nameof(StreamCopy.RawMapWrite)), Target.AtMost(1.1), ShowThroughput: true),
        new(13, "copy a warm file into a tmpfs file in 1 MiB chunks", "Mmap `AsStream().CopyToAsync` time / raw awaited FileStream.WriteAsync from a libc mapping time",
            P<StreamCopy>(nameof(StreamCopy.MmapStreamCopyToAsync)), P<StreamCopy>(nameof(StreamCopy.RawMapWriteAsync)), Target.None, ShowThroughput: true),
        new(13, "copy a warm file into a tmpfs file in 1 MiB chunks", "raw awaited FileStream.WriteAsync time / raw FileStream.Write time (the thread pool's hop per write)",
            P<StreamCopy>(nameof(StreamCopy.RawMapWriteAsync)), P<StreamCopy>(nameof(StreamCopy.RawMapWrite)), Target.None, ShowThroughput: true),
    ];
}
