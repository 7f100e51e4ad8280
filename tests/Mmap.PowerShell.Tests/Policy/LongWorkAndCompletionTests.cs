using System.Text;
using Mmap;
using Mmap.Commands.Policy;

namespace Mmap.PowerShell.Tests.Policy;

/// <summary>The decisions behind issue 22's points, in plain C#: steps of long work, BOMs, completions, map owners.</summary>
public sealed class LongWorkAndCompletionTests : IDisposable
{
    private readonly TempDir _dir = new();
    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Long_work_is_cut_into_steps_of_16_MiB_that_cover_it_exactly()
    {
        long length = 3L * LongWork.StepBytes + 5;
        var steps = LongWork.Steps(length).ToList();
        Assert.Equal([(0L, LongWork.StepBytes), (LongWork.StepBytes, LongWork.StepBytes), (2L * LongWork.StepBytes, LongWork.StepBytes), (3L * LongWork.StepBytes, 5)], steps);
        Assert.Empty(LongWork.Steps(0));
        Assert.False(LongWork.ShowsProgress(LongWork.StepBytes));
        Assert.True(LongWork.ShowsProgress(LongWork.StepBytes + 1L));
        Assert.Equal("16 MiB of 64 MiB", LongWork.Status(16 << 20, 64 << 20));
        Assert.Equal(25, LongWork.Percent(16 << 20, 64 << 20));
    }

    [Theory]
    [InlineData(65001, new byte[] { 0xEF, 0xBB, 0xBF, 0x7B, 0x7D })]
    [InlineData(1200, new byte[] { 0xFF, 0xFE, 0x7B, 0, 0x7D, 0 })]
    [InlineData(1201, new byte[] { 0xFE, 0xFF, 0, 0x7B, 0, 0x7D })]
    public void A_byte_order_mark_at_the_start_is_dropped_and_kept_elsewhere(int codePage, byte[] bytes)
    {
        Encoding encoding = TextEncodings.Resolve(codePage.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("{}", TextEncodings.Decode(bytes, encoding, atStart: true));
        Assert.Equal(3, TextEncodings.Decode(bytes, encoding, atStart: false).Length); // U+FEFF then {}
    }

    [Fact]
    public void Permission_completion_offers_modes_with_their_letters()
    {
        Assert.Equal(["'640'", "'644'"], TagPermission.Complete("'064").Select(c => c.Text));
        Assert.Equal("rw-r--r--", TagPermission.Complete("644").Single().ToolTip);
        Assert.StartsWith("rw-------", TagPermission.Complete("600").Single().ToolTip);
        Assert.Empty(TagPermission.Complete("7"));
    }

    [Fact]
    public void Path_completion_offers_mapped_files_by_full_path_or_name_escaped_for_wildcards()
    {
        string plain = _dir.Pattern("data.bin", 4096), odd = _dir.Pattern("report[2026].bin", 4096);
        using var a = MemoryMap.MapFile(plain);
        using var b = MemoryMap.MapFile(odd);
        using var anon = MemoryMap.MapAnonymous(4096);
        MemoryMap[] live = [a, b, anon];
        Assert.Equal([plain, odd], MapPaths.Complete(_dir.Path, live, wildcard: false).Select(c => c.Text));
        Assert.Equal([odd], MapPaths.Complete("report", live, wildcard: false).Select(c => c.Text));
        Assert.Equal([System.Management.Automation.WildcardPattern.Escape(odd)], MapPaths.Complete("rep", live, wildcard: true).Select(c => c.Text));
        Assert.Contains($"map #{b.Id}", MapPaths.Complete("rep", live, wildcard: true).Single().ToolTip);
    }

    [Fact]
    public void A_map_is_named_with_its_owner()
    {
        var mine = new ModuleSession("runspace 'Runspace1' (Id 1)");
        var theirs = new ModuleSession("runspace 'Runspace9' (Id 9)");
        using var map = MemoryMap.MapAnonymous(4096);
        Assert.EndsWith("of this session", MapWording.Owned(map, mine, mine));
        Assert.Contains("of runspace 'Runspace9' (Id 9), another runspace of this process", MapWording.Owned(map, mine, theirs));
        Assert.Contains(".NET code made", MapWording.Owned(map, mine, null));
    }

    [Fact]
    public void A_size_change_that_cuts_under_maps_names_them_all_before_anything_changes()
    {
        string path = _dir.Pattern("cut.bin", 8192);
        var session = new ModuleSession("test");
        using var whole = MemoryMap.MapFile(path);
        using var head = MemoryMap.MapFile(path, new MapOptions { Size = 100 });
        var e = Expect.Error(MmapError.InvalidArgument, () => FileSizeChange.ForFile(path, 10, session));
        Assert.Contains($"map #{whole.Id}", e.Message);
        Assert.Contains($"map #{head.Id}", e.Message);
        e = Expect.Error(MmapError.InvalidArgument, () => FileSizeChange.ForFile(path, 100, session));
        Assert.DoesNotContain($"map #{head.Id}", e.Message);
        Assert.Equal(FileSizeChangeKind.Extend, FileSizeChange.ForFile(path, 1 << 20, session).Kind);
        Assert.Equal(8192, new FileInfo(path).Length);
    }
}
