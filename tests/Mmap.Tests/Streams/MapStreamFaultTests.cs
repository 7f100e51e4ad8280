using Mmap;

namespace Mmap.Tests.Streams;

/// <summary>
/// A file cut short under a map's stream (here by this process, which Linux allows): a read, a CopyTo into a file (the
/// kernel meets the cut page: the write system call fails) and a CopyTo into memory (this process meets it: the fault
/// handler), and the same through CopyToAsync, each end in file_too_short, never a crash; with fault recovery on (Linux) and off (a size check per call).
/// </summary>
public sealed class MapStreamFaultTests : IDisposable
{
    // The cut at the first chunk's end (a copy writes chunks of MapStream.CopyChunk at least), so a copy's first chunk
    // lies inside the file and its second meets the cut.
    private const int Cut = MapStream.CopyChunk, Size = 4 * Cut;
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    public static TheoryData<bool> Recovery => new() { true, false };

    /// <summary>A Read map of a 64 KiB file, cut to one page; <paramref name="recovery"/> false leaves it out of fault
    /// recovery, so its calls check the size; <paramref name="sizeCheck"/> false (with recovery only: without, the cut
    /// would crash) leaves the checks made once out too, so the copy itself meets the cut page.</summary>
    private MemoryMap CutMap(bool recovery, bool sizeCheck = true)
    {
        Expect.SkipUnlessMappedFilesCanShrink();
        Skip.If(recovery && !FaultRecovery.IsActive, "fault recovery is not active on this platform");
        string path = _dir.Pattern($"cut-{recovery}.bin", Size);
        var map = MemoryMap.MapFile(path, new MapOptions { SkipFaultRecovery = !recovery, SizeCheck = sizeCheck });
        using (var stream = new FileStream(path, FileMode.Open)) stream.SetLength(Cut);
        return map;
    }

    [SkippableTheory]
    [MemberData(nameof(Recovery))]
    public void Reading_past_the_cut_is_file_too_short(bool recovery)
    {
        using var map = CutMap(recovery);
        using var stream = map.AsStream();
        stream.Position = 2 * Cut;
        var buffer = new byte[100];
        Assert.Contains("truncated", Expect.Error(MmapError.FileTooShort, () => _ = stream.Read(buffer, 0, 100)).Message);
        Assert.All(buffer, b => Assert.Equal(0, b)); // nothing the fault gave is left in the caller's buffer
        Assert.Equal(2 * Cut, stream.Position);
        Expect.Error(MmapError.FileTooShort, () => stream.ReadByte());
    }

    [SkippableTheory]
    [MemberData(nameof(Recovery))]
    public void CopyTo_a_file_across_the_cut_is_file_too_short(bool recovery)
    {
        using var map = CutMap(recovery);
        using var stream = map.AsStream();
        using var file = File.Create(_dir.File("copy.bin"));
        Expect.Error(MmapError.FileTooShort, () => stream.CopyTo(file, Cut));
        Assert.Equal(Cut, stream.Position); // the first chunk, inside the file, went through
    }

    [SkippableFact]
    public void CopyTo_memory_that_meets_the_cut_page_is_file_too_short()
    {
        using var map = CutMap(recovery: true, sizeCheck: false); // no check first: the copy in this process faults
        using Stream stream = map.AsStream(); // as any API holding a Stream: the same path
        var copy = new MemoryStream();
        Expect.Error(MmapError.FileTooShort, () => stream.CopyTo(copy));
        Assert.Equal(Cut, stream.Position); // the first chunk went through; the second, which met the cut, failed
        Assert.Equal(TempDir.PatternBytes(Cut), copy.ToArray().Take(Cut)); // what came before the cut is the file's
        Assert.Equal(MmapError.FileTooShort, map.Fault!.Error);
    }

    [SkippableFact]
    public void CopyTo_a_file_whose_write_meets_the_cut_page_is_file_too_short()
    {
        using var map = CutMap(recovery: true, sizeCheck: false); // no check first: the kernel's copy meets the cut
        using var stream = map.AsStream();
        using var file = File.Create(_dir.File("copy.bin"));
        Assert.Contains("truncated", Expect.Error(MmapError.FileTooShort, () => stream.CopyTo(file)).Message);
    }

    [SkippableFact]
    public async Task CopyToAsync_memory_that_meets_the_cut_page_is_file_too_short()
    {
        using var map = CutMap(recovery: true, sizeCheck: false); // the destination's WriteAsync copies the map's memory itself
        using var stream = map.AsStream();
        var copy = new MemoryStream();
        await Expect.ErrorAsync(MmapError.FileTooShort, () => stream.CopyToAsync(copy));
        Assert.Equal(Cut, stream.Position);
        Assert.Equal(TempDir.PatternBytes(Cut), copy.ToArray().Take(Cut));
        Assert.Equal(MmapError.FileTooShort, map.Fault!.Error);
    }

    [SkippableTheory]
    [MemberData(nameof(Recovery))]
    public async Task CopyToAsync_a_file_across_the_cut_is_file_too_short(bool recovery)
    {
        using var map = CutMap(recovery, sizeCheck: !recovery); // with recovery, the kernel's copy in the write meets the cut
        using var stream = map.AsStream();
        await using var file = new FileStream(_dir.File("copy.bin"), FileMode.Create, FileAccess.Write, FileShare.None, 4096, useAsync: true);
        Assert.Contains("truncated", (await Expect.ErrorAsync(MmapError.FileTooShort, () => stream.CopyToAsync(file))).Message);
        Assert.Equal(Cut, stream.Position);
    }

    [SkippableTheory]
    [MemberData(nameof(Recovery))]
    public void CopyTo_stops_at_the_chunk_the_cut_reaches(bool recovery)
    {
        using var map = CutMap(recovery);
        using var stream = map.AsStream();
        var copy = new MemoryStream();
        Expect.Error(MmapError.FileTooShort, () => stream.CopyTo(copy, Cut));
        Assert.Equal(TempDir.PatternBytes(Cut), copy.ToArray()); // the chunk inside the file, and nothing after it
    }
}
