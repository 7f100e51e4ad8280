using Mmap;

namespace Mmap.Tests.Engine;

/// <summary>
/// .NET's FileShare.None is an advisory flock(LOCK_EX) on Linux and macOS, which a plain open ignores. Opening by path
/// the engine takes a shared flock, as .NET's own FileStream does for every other FileShare: a file someone holds with
/// FileShare.None is access_denied, and a mapped file cannot then be opened with FileShare.None.
/// </summary>
public sealed class FileShareTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [SkippableTheory]
    [InlineData(MapAccess.Read)]
    [InlineData(MapAccess.ReadWrite)]
    public void A_file_held_with_FileShare_None_is_not_mapped(MapAccess access)
    {
        Skip.If(OperatingSystem.IsWindows(), "Windows enforces sharing modes itself");
        string path = _dir.Pattern("locked.bin", 8192);
        using (new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None))
        {
            var e = Expect.Error(MmapError.AccessDenied, () => MemoryMap.MapFile(path, new MapOptions { Access = access }).Dispose());
            Assert.Contains("FileShare.None", e.Message);
            Assert.Contains(path, e.Message);
            Expect.Error(MmapError.AccessDenied, () => FileSizer.SetSize(path, 4096));
        }
        Assert.Equal(8192, new FileInfo(path).Length);
        using var map = MemoryMap.MapFile(path, new MapOptions { Access = access }); // released: maps again
    }

    [SkippableFact]
    public void A_mapped_file_cannot_be_opened_with_FileShare_None_but_can_be_shared()
    {
        Skip.If(OperatingSystem.IsWindows(), "Windows enforces sharing modes itself");
        string path = _dir.Pattern("mapped.bin", 8192);
        using (MemoryMap.MapFile(path))
        {
            Assert.Throws<IOException>(() => new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.None).Dispose());
            using (new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite)) { }
        }
        using (new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.None)) { } // freed: the lock went with it
    }
}
