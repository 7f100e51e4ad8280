using Mmap;

namespace Mmap.Tests.Engine;

public sealed class FileSizerTests : IDisposable
{
    private readonly TempDir _dir = new();
    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Gets_the_size()
    {
        Assert.Equal(1234, FileSizer.GetSize(_dir.Pattern("g.bin", 1234)));
        Expect.Error(MmapError.NoFile, () => FileSizer.GetSize(_dir.File("none")));
    }

    [Fact]
    public void Creates_a_missing_file()
    {
        string path = _dir.File("c.bin");
        Assert.Equal(5000, FileSizer.SetSize(path, 5000));
        Assert.Equal(new byte[5000], File.ReadAllBytes(path));
    }

    [Fact]
    public void Extends_with_zeros_and_truncates_keeping_the_prefix()
    {
        string path = _dir.Pattern("e.bin", 300);
        FileSizer.SetSize(path, 1000);
        byte[] grown = File.ReadAllBytes(path);
        Assert.Equal(TempDir.PatternBytes(300), grown[..300]);
        Assert.All(grown[300..], b => Assert.Equal(0, b));
        FileSizer.SetSize(path, 10);
        Assert.Equal(TempDir.PatternBytes(10), File.ReadAllBytes(path));
        FileSizer.SetSize(path, 0);
        Assert.Equal(0, new FileInfo(path).Length);
    }

    [SkippableFact]
    public void Sparse_growth_allocates_no_blocks()
    {
        Skip.IfNot(Expect.IsLinux, "uses du");
        string path = _dir.File("sparse.bin");
        FileSizer.SetSize(path, 1L << 30, sparse: true);
        var du = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("du", $"-k \"{path}\"") { RedirectStandardOutput = true })!;
        long kb = long.Parse(du.StandardOutput.ReadToEnd().Split('\t')[0]);
        du.WaitForExit();
        Assert.True(kb < 1024, $"sparse 1 GiB file uses {kb} KiB");
        Assert.Equal(1L << 30, FileSizer.GetSize(path));
    }

    [Fact]
    public void Negative_size_is_refused_and_no_file_is_created()
    {
        string path = _dir.File("neg.bin");
        Expect.Error(MmapError.InvalidArgument, () => FileSizer.SetSize(path, -1));
        Assert.False(File.Exists(path));
    }

    [Fact]
    public void A_shrink_under_maps_here_is_refused_with_every_map_named()
    {
        string path = _dir.Pattern("mapped.bin", 4096);
        using (var map = MemoryMap.MapFile(path))
        using (var second = MemoryMap.MapFile(path, new MapOptions { Size = 100 }))
        {
            var e = Expect.Error(MmapError.InvalidArgument, () => FileSizer.SetSize(path, 10));
            Assert.Contains($"map #{map.Id}", e.Message);
            Assert.Contains($"map #{second.Id}", e.Message);
            // The same file reached through another name is still recognised.
            string link = _dir.File("alias.bin");
            File.CreateSymbolicLink(link, path);
            Expect.Error(MmapError.InvalidArgument, () => FileSizer.SetSize(link, 4095));
            Expect.Error(MmapError.InvalidArgument, () => FileSizer.GetSizeToSet(link, 4095));
            Assert.Equal(4096, new FileInfo(path).Length);
        }
        FileSizer.SetSize(path, 10);
        Assert.Equal(10, new FileInfo(path).Length);
    }

    [Fact]
    public void A_mapped_file_may_grow_and_shrink_back_past_its_maps()
    {
        string path = _dir.Pattern("grown.bin", 4096);
        using var map = MemoryMap.MapFile(path);
        Assert.Equal(4096, FileSizer.GetSizeToSet(path, 1 << 20));
        Assert.Equal(1 << 20, FileSizer.SetSize(path, 1 << 20));
        Assert.Equal(4096, FileSizer.SetSize(path, 4096)); // back to where the map ends: nothing of it is cut
        Assert.Equal(map.Read<byte>(4095), File.ReadAllBytes(path)[4095]);
        Expect.Error(MmapError.InvalidArgument, () => FileSizer.GetSizeToSet(path)); // any size: the map is in the way
    }

    [Fact]
    public void A_directory_has_no_size_to_set() =>
        Expect.Error(MmapError.InvalidArgument, () => FileSizer.SetSize(_dir.Path, 10));
}
