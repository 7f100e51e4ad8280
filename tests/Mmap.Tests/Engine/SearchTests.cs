using Mmap;

namespace Mmap.Tests.Engine;

public sealed class SearchTests : IDisposable
{
    private const int Step = 4 << 20; // SearchRules.StepBytes: matches across it must be found
    private readonly TempDir _dir = new();
    public void Dispose() => _dir.Dispose();

    private static readonly byte[] Pattern = "0123456789ABCDEFG"u8.ToArray(); // 17 bytes, as in the benchmark

    private static MemoryMap MapWith(long size, params long[] at)
    {
        var map = MemoryMap.MapAnonymous(size);
        foreach (long offset in at) map.Write(offset, Pattern);
        return map;
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(Step - 3L)]          // straddles the first step boundary
    [InlineData(2L * Step - 17)]     // ends exactly at a boundary
    [InlineData(3L * Step - 17)]     // the last bytes of the map
    public void IndexOf_and_LastIndexOf_find_a_match_wherever_it_lies(long at)
    {
        using var map = MapWith(3L * Step, at);
        Assert.Equal(at, map.IndexOf(Pattern));
        Assert.Equal(at, map.LastIndexOf(Pattern));
    }

    [Fact]
    public void The_first_and_the_last_of_several_matches_are_found_across_steps()
    {
        long[] at = [5, Step - 8, Step + 100, 2L * Step - 1, 3L * Step - 40];
        using var map = MapWith(3L * Step, at);
        Assert.Equal(5, map.IndexOf(Pattern));
        Assert.Equal(3L * Step - 40, map.LastIndexOf(Pattern));
        // Stepping from one match past it visits every match, in order, as the cmdlet's -All does.
        var found = new List<long>();
        for (long from = 0, hit; (hit = map.IndexOf(Pattern, from, map.Size - from)) >= 0; from = hit + 1) found.Add(hit);
        Assert.Equal(at, found);
        found.Clear();
        for (long end = map.Size, hit; end > 0 && (hit = map.LastIndexOf(Pattern, 0, end)) >= 0; end = hit + Pattern.Length - 1) found.Add(hit);
        Assert.Equal(at.Reverse(), found);
    }

    [Fact]
    public void Only_matches_wholly_inside_the_range_count()
    {
        using var map = MapWith(2L * Step, 1000);
        Assert.Equal(-1, map.IndexOf(Pattern, 1001, 10_000));
        Assert.Equal(-1, map.IndexOf(Pattern, 0, 1016));   // one byte short of the match's end
        Assert.Equal(1000, map.IndexOf(Pattern, 0, 1017));
        Assert.Equal(-1, map.LastIndexOf(Pattern, 0, 1016));
        Assert.Equal(1000, map.LastIndexOf(Pattern, 1000, 17));
        Assert.Equal(-1, map.IndexOf(Pattern, 0, 16));     // a range shorter than the pattern
    }

    [Fact]
    public void A_search_agrees_with_a_search_of_a_copy_on_random_data()
    {
        var random = new Random(23);
        var data = new byte[Step + 5000];
        random.NextBytes(data);
        byte[] needle = data.AsSpan(Step - 2, 3).ToArray(); // three bytes also found by chance elsewhere, maybe
        using var map = MemoryMap.MapAnonymous(data.Length);
        map.Write(0, data);
        Assert.Equal(data.AsSpan().IndexOf(needle), map.IndexOf(needle));
        Assert.Equal(data.AsSpan().LastIndexOf(needle), map.LastIndexOf(needle));
        Assert.Equal(data.AsSpan(4096).IndexOf(needle) + 4096, map.IndexOf(needle, 4096, data.Length - 4096));
    }

    [Fact]
    public void A_search_past_4_GiB_returns_the_long_offset()
    {
        long at = (5L << 30) + 13;
        string path = _dir.File("big.bin");
        FileSizer.SetSize(path, 6L << 30, sparse: true);
        using var map = MemoryMap.MapFile(path, new MapOptions { Access = MapAccess.ReadWrite });
        map.Write(at, Pattern);
        Assert.Equal(at, map.IndexOf(Pattern, at - Step - 5, 2L * Step));
        Assert.Equal(at, map.LastIndexOf(Pattern, (4L << 30) + 1, at + 100 - (4L << 30) - 1));
    }

    [Fact]
    public void Bad_patterns_and_ranges_are_invalid_argument()
    {
        using var map = MapWith(4096);
        Assert.Contains("empty", Expect.Error(MmapError.InvalidArgument, () => map.IndexOf(ReadOnlySpan<byte>.Empty)).Message);
        Expect.Error(MmapError.InvalidArgument, () => map.LastIndexOf(ReadOnlySpan<byte>.Empty));
        Assert.Contains("4096 bytes", Expect.Error(MmapError.InvalidArgument, () => map.IndexOf(Pattern, 4000, 97)).Message);
        Expect.Error(MmapError.InvalidArgument, () => map.LastIndexOf(Pattern, -1, 10));
    }

    [Fact]
    public void A_cancelled_search_stops_before_the_next_step_and_progress_counts_the_steps()
    {
        using var map = MapWith(3L * Step);
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        Assert.Throws<OperationCanceledException>(() => map.IndexOf(Pattern, cancelled.Token));
        Assert.Throws<OperationCanceledException>(() => map.LastIndexOf(Pattern, cancelled.Token));

        var seen = new List<long>();
        var progress = new Inline(seen.Add);
        Assert.Equal(-1, map.IndexOf(Pattern, 0, map.Size, default, progress));
        Assert.Equal([Step, 2L * Step, 3L * Step], seen);
        seen.Clear();
        Assert.Equal(-1, map.LastIndexOf(Pattern, 0, map.Size, default, progress));
        Assert.Equal([Step, 2L * Step, 3L * Step], seen);

        using var later = new CancellationTokenSource();
        var stopAfterOne = new Inline(_ => later.Cancel());
        Assert.Throws<OperationCanceledException>(() => map.IndexOf(Pattern, 0, map.Size, later.Token, stopAfterOne));
    }

    [Fact]
    public void A_search_of_a_freed_map_is_ObjectDisposedException()
    {
        var map = MapWith(4096, 10);
        map.Dispose();
        Assert.Throws<ObjectDisposedException>(() => map.IndexOf(Pattern));
        Assert.Throws<ObjectDisposedException>(() => map.LastIndexOf(Pattern));
    }

    [SkippableFact]
    public void A_search_of_a_file_cut_short_is_file_too_short_not_a_crash()
    {
        Expect.SkipUnlessMappedFilesCanShrink();
        string path = _dir.Pattern("p.bin", 3 * Step);
        using var map = MemoryMap.MapFile(path);
        using (var other = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite))
            other.SetLength(Step / 2);
        Assert.Equal(-1, map.IndexOf(Pattern, 0, Step / 4));
        Expect.Error(MmapError.FileTooShort, () => map.IndexOf(Pattern));
        Expect.Error(MmapError.FileTooShort, () => map.LastIndexOf(Pattern));
    }

    /// <summary>Progress that reports on the calling thread, as the engine promises (Progress&lt;T&gt; would post).</summary>
    private sealed class Inline(Action<long> report) : IProgress<long>
    {
        public void Report(long value) => report(value);
    }
}
