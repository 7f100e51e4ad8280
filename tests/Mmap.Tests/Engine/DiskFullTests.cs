using System.Diagnostics;
using Mmap;

namespace Mmap.Tests.Engine;

/// <summary>A real full disk: a 1 MiB tmpfs mounted for the test (needs root, as on CI).</summary>
public sealed class DiskFullTests : IDisposable
{
    private readonly TempDir _dir = new();
    private readonly bool _mounted;

    public DiskFullTests()
    {
        if (Expect.IsLinux && Environment.UserName == "root")
            _mounted = Run("mount", $"-t tmpfs -o size=1m mmap-test \"{_dir.Path}\"") == 0;
    }

    public void Dispose()
    {
        if (_mounted) Run("umount", $"\"{_dir.Path}\"");
        _dir.Dispose();
    }

    [SkippableFact]
    public void Extending_a_mapped_file_on_a_full_disk_is_disk_full_and_the_file_keeps_its_size()
    {
        Skip.IfNot(_mounted, "needs root on Linux to mount a 1 MiB tmpfs");
        string path = _dir.Pattern("full.bin", 512 * 1024);
        var e = Expect.Error(MmapError.DiskFull, () => MemoryMap.MapFile(path, new MapOptions { Access = MapAccess.ReadWrite, Size = 4 << 20 }));
        Assert.Contains(path, e.Message);
        Assert.Equal(TempDir.PatternBytes(512 * 1024), File.ReadAllBytes(path));
    }

    [SkippableFact]
    public void Creating_a_file_too_big_for_the_disk_leaves_no_file()
    {
        Skip.IfNot(_mounted, "needs root on Linux to mount a 1 MiB tmpfs");
        string path = _dir.File("new.bin");
        Expect.Error(MmapError.DiskFull, () => MemoryMap.MapFile(path, new MapOptions { Access = MapAccess.ReadWrite, Size = 4 << 20 }));
        Assert.False(File.Exists(path));
    }

    [SkippableFact]
    public void Setting_a_size_the_disk_cannot_hold_is_disk_full_and_keeps_the_old_size()
    {
        Skip.IfNot(_mounted, "needs root on Linux to mount a 1 MiB tmpfs");
        string path = _dir.Pattern("grow.bin", 1000);
        Expect.Error(MmapError.DiskFull, () => FileSizer.SetSize(path, 8 << 20));
        Assert.Equal(TempDir.PatternBytes(1000), File.ReadAllBytes(path));
    }

    private static int Run(string file, string args)
    {
        using var p = Process.Start(new ProcessStartInfo(file, args) { RedirectStandardError = true })!;
        p.WaitForExit();
        return p.ExitCode;
    }
}
