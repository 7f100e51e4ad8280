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

    [SkippableTheory]
    [InlineData(true)]
    [InlineData(false)]
    public void Maps_of_one_file_share_one_lock_until_the_last_is_freed(bool firstFreedFirst)
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "reads /proc/locks and /proc/self/fd");
        string path = _dir.Pattern("many.bin", 8192);
        string file = LockKey(path); // before any map: taking the key opens the file, which takes a flock of its own
        var maps = Enumerable.Range(0, 40).Select(_ => MemoryMap.MapFile(path)).ToList();
        try
        {
            // One lock, however many maps: the kernel walks a file's lock list on every close of it.
            Assert.Equal(1, LocksOn(file));
            Assert.Equal(40, ProcSelf.DescriptorsUnder(path));
            if (firstFreedFirst) maps.Reverse();
            // The first map's descriptor holds the lock: freed before the others, it stays open for them (one more).
            int kept = firstFreedFirst ? 1 : 0;
            // Freed in either order, the lock stays while any map lives.
            for (int i = maps.Count - 1; i > 0; i--)
            {
                maps[i].Dispose();
                maps.RemoveAt(i);
                Assert.Throws<IOException>(() => new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.None).Dispose());
                Assert.Equal(1, LocksOn(file));
                Assert.Equal(i + kept, ProcSelf.DescriptorsUnder(path));
            }
            using (MemoryMap.MapFile(path)) Assert.Equal(1, LocksOn(file)); // a new map counts on the same lock
            Assert.Equal(1 + kept, ProcSelf.DescriptorsUnder(path));
        }
        finally { foreach (var map in maps) map.Dispose(); }
        Assert.Equal(0, LocksOn(file));
        Assert.Equal(0, ProcSelf.DescriptorsUnder(path));
        using (new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.None)) { }
    }

    [SkippableFact]
    public void A_file_resized_while_another_map_holds_the_lock_keeps_it()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "reads /proc/locks");
        string path = _dir.Pattern("sized.bin", 8192);
        string other = _dir.Pattern("other.bin", 8192);
        string pathKey = LockKey(path), otherKey = LockKey(other); // before the maps, as above
        using var map = MemoryMap.MapFile(other);
        // SetSize opens, locks and closes a file of its own: the other file's lock is untouched, and its own is gone.
        FileSizer.SetSize(path, 4096);
        Assert.Equal(0, LocksOn(pathKey));
        Assert.Equal(1, LocksOn(otherKey));
    }

    /// <summary>The flocks this process holds on <paramref name="path"/>'s inode (lines of /proc/locks).</summary>
    /// <summary>This process's flocks of the file /proc/locks names <paramref name="file"/> (<see cref="LockKey"/>).</summary>
    private static int LocksOn(string file)
    {
        string pid = Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return File.ReadAllLines("/proc/locks").Count(line =>
        {
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            int at = Array.IndexOf(fields, "FLOCK");
            return at > 0 && fields.Length > at + 4 && fields[at + 3] == pid && fields[at + 4] == file;
        });
    }

    /// <summary>How /proc/locks names the file: "MAJOR:MINOR:INODE", the device in hex (the device too, not the inode
    /// alone). Taken once, before the maps: the FileStream it opens takes a flock of its own (FileShare), and a process
    /// another test forks meanwhile keeps that lock until it execs, so a count taken right after could see two.</summary>
    private static string LockKey(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        var identity = Mmap.Platform.OsLayer.Current.Stat(new Mmap.Platform.NativeFile(stream.SafeFileHandle.DangerousGetHandle()), path).Identity!.Value;
        ulong device = identity.Device; // Linux's dev_t: major in bits 8-19 and 32-43, minor in bits 0-7 and 20-31
        ulong major = (device >> 8) & 0xfff | (device >> 32) & ~0xfffUL, minor = device & 0xff | (device >> 12) & ~0xffUL;
        return $"{major:x2}:{minor:x2}:{identity.Index}";
    }
}
