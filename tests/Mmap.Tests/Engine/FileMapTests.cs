using Microsoft.Win32.SafeHandles;
using Mmap;

namespace Mmap.Tests.Engine;

/// <summary>luapower mmap.map's file rules, end to end through the OS.</summary>
public sealed class FileMapTests : IDisposable
{
    private readonly TempDir _dir = new();
    private static readonly long Page = PageInfo.Current.AllocationGranularity;

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Read_map_sees_the_file_and_reports_its_shape()
    {
        string path = _dir.Pattern("a.bin", 10000);
        using var map = MemoryMap.MapFile(path);
        Assert.Equal(MapKind.File, map.Kind);
        Assert.Equal(MapAccess.Read, map.Access);
        Assert.Equal(10000, map.Size);
        Assert.Equal(0, map.Offset);
        Assert.Equal(path, map.Path);
        Assert.NotEqual(IntPtr.Zero, map.Address);
        Assert.Equal(TempDir.PatternBytes(10000), map.ReadBytes(0, 10000));
    }

    [Fact]
    public void Relative_paths_resolve_to_a_full_path()
    {
        string path = _dir.Pattern("rel.bin", 100);
        string relative = Path.GetRelativePath(Environment.CurrentDirectory, path);
        using var map = MemoryMap.MapFile(relative);
        Assert.Equal(path, map.Path);
    }

    [Fact]
    public void ReadWrite_changes_reach_the_file_after_a_sync_flush()
    {
        string path = _dir.Pattern("rw.bin", 8192);
        using var map = MemoryMap.MapFile(path, new MapOptions { Access = MapAccess.ReadWrite });
        map.Write(4100, new byte[] { 0xAA, 0xBB });
        map.Flush();
        using var fresh = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        fresh.Position = 4100;
        Assert.Equal(0xAA, fresh.ReadByte());
        Assert.Equal(0xBB, fresh.ReadByte());
    }

    [SkippableFact]
    public void A_sync_flush_is_visible_to_another_process()
    {
        Skip.If(OperatingSystem.IsWindows(), "reads the file back with head, started through sh: programs Windows has not");
        string path = _dir.Pattern("other.bin", 4096);
        using (var map = MemoryMap.MapFile(path, new MapOptions { Access = MapAccess.ReadWrite }))
        {
            map.Write(0, "MMAP"u8);
            map.Flush(0, 4, async: false);
            var psi = new System.Diagnostics.ProcessStartInfo("head", $"-c 4 \"{path}\"") { RedirectStandardOutput = true };
            using var head = System.Diagnostics.Process.Start(psi)!;
            string seen = head.StandardOutput.ReadToEnd();
            head.WaitForExit();
            Assert.Equal("MMAP", seen);
        }
    }

    [Fact]
    public void Async_flush_and_unaligned_flush_ranges_work()
    {
        string path = _dir.Pattern("async.bin", 3 * 4096);
        using var map = MemoryMap.MapFile(path, new MapOptions { Access = MapAccess.ReadWrite });
        map.Write<int>(5000, 12345);
        map.Flush(5000, 4, async: true);
        map.Flush(4097, 100);
        Expect.Error(MmapError.InvalidArgument, () => map.Flush(0, map.Size + 1));
        // Shared for writing, as the map holds it: File.ReadAllBytes (FileShare.Read) is refused beside a ReadWrite map on
        // Windows, by the sharing rule of docs/design.md.
        using var reader = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        var read = new byte[4];
        Assert.Equal(4, RandomAccess.Read(reader, read, 5000));
        Assert.Equal(12345, BitConverter.ToInt32(read));
    }

    [Fact]
    public void CopyOnWrite_changes_never_reach_the_file()
    {
        string path = _dir.Pattern("cow.bin", 4096);
        using (var map = MemoryMap.MapFile(path, new MapOptions { Access = MapAccess.CopyOnWrite }))
        {
            map.Write(0, new byte[] { 9, 9, 9 });
            map.Flush();
            Assert.Equal(new byte[] { 9, 9, 9 }, map.ReadBytes(0, 3));
        }
        Assert.Equal(TempDir.PatternBytes(4096), File.ReadAllBytes(path));
    }

    [SkippableTheory]
    [InlineData(MapAccess.Read, false, "r--s")]
    [InlineData(MapAccess.ReadWrite, false, "rw-s")]
    [InlineData(MapAccess.CopyOnWrite, false, "rw-p")]
    [InlineData(MapAccess.Read, true, "r-xs")]
    [InlineData(MapAccess.ReadWrite, true, "rwxs")]
    [InlineData(MapAccess.CopyOnWrite, true, "rwxp")]
    public void The_six_luapower_modes_give_exactly_the_protection_asked(MapAccess access, bool execute, string perms)
    {
        Skip.IfNot(Expect.IsLinux, "reads protections from /proc/self/maps");
        string path = _dir.Pattern("mode.bin", 4096);
        using var map = MemoryMap.MapFile(path, new MapOptions { Access = access, Execute = execute });
        string line = ProcSelf.MapsLineAt(map.Address) ?? throw new Xunit.Sdk.XunitException("map not in /proc/self/maps");
        Assert.Equal(perms, line.Split(' ')[1]);
    }

    [Fact]
    public void Missing_file_without_write_is_no_file_and_is_not_created()
    {
        string path = _dir.File("missing.bin");
        var e = Expect.Error(MmapError.NoFile, () => MemoryMap.MapFile(path));
        Assert.Contains(path, e.Message);
        Expect.Error(MmapError.NoFile, () => MemoryMap.MapFile(path, new MapOptions { Access = MapAccess.CopyOnWrite, Size = 4096 }));
        Assert.False(File.Exists(path));
    }

    [Fact]
    public void Missing_file_with_write_is_created_with_the_size()
    {
        string path = _dir.File("new.bin");
        using (var map = MemoryMap.MapFile(path, new MapOptions { Access = MapAccess.ReadWrite, Size = 10000 }))
            map.Write(9999, new byte[] { 7 });
        Assert.Equal(10000, new FileInfo(path).Length);
        Assert.Equal(7, File.ReadAllBytes(path)[9999]);
    }

    [Fact]
    public void Missing_file_with_write_but_no_size_is_too_short_and_not_left_behind()
    {
        string path = _dir.File("nosize.bin");
        Expect.Error(MmapError.FileTooShort, () => MemoryMap.MapFile(path, new MapOptions { Access = MapAccess.ReadWrite }));
        Assert.False(File.Exists(path));
    }

    [SkippableFact]
    public void A_dangling_symlink_is_never_followed_when_creating()
    {
        Skip.IfNot(Expect.IsLinux, "symlink semantics of O_CREAT|O_EXCL");
        string target = _dir.File("planted-target.bin");
        string link = _dir.File("link.bin");
        File.CreateSymbolicLink(link, target);
        Expect.Error(MmapError.NoFile, () => MemoryMap.MapFile(link, new MapOptions { Access = MapAccess.ReadWrite, Size = 4096 }));
        Assert.False(File.Exists(target));
    }

    [Fact]
    public void A_symlink_to_an_existing_file_maps_the_file()
    {
        string target = _dir.Pattern("target.bin", 64);
        string link = _dir.File("good-link.bin");
        File.CreateSymbolicLink(link, target);
        using var map = MemoryMap.MapFile(link);
        Assert.Equal(64, map.Size);
    }

    [Fact]
    public void Empty_file_without_size_is_too_short()
    {
        string path = _dir.File("empty.bin");
        File.WriteAllBytes(path, Array.Empty<byte>());
        Expect.Error(MmapError.FileTooShort, () => MemoryMap.MapFile(path));
        Expect.Error(MmapError.FileTooShort, () => MemoryMap.MapFile(path, new MapOptions { Access = MapAccess.ReadWrite }));
        Assert.Equal(0, new FileInfo(path).Length);
    }

    [Fact]
    public void Short_file_without_write_is_too_short_and_unchanged()
    {
        string path = _dir.Pattern("short.bin", 100);
        Expect.Error(MmapError.FileTooShort, () => MemoryMap.MapFile(path, new MapOptions { Size = 8192 }));
        Expect.Error(MmapError.FileTooShort, () => MemoryMap.MapFile(path, new MapOptions { Access = MapAccess.CopyOnWrite, Size = 8192 }));
        Assert.Equal(TempDir.PatternBytes(100), File.ReadAllBytes(path));
    }

    [Fact]
    public void Short_file_with_write_is_extended_with_zeros_and_keeps_its_bytes()
    {
        string path = _dir.Pattern("grow.bin", 100);
        using (var map = MemoryMap.MapFile(path, new MapOptions { Access = MapAccess.ReadWrite, Size = Page, Offset = Page }))
            Assert.Equal(Page, map.Size);
        byte[] bytes = File.ReadAllBytes(path);
        Assert.Equal(2 * Page, bytes.Length);
        Assert.Equal(TempDir.PatternBytes(100), bytes[..100]);
        Assert.All(bytes[100..], b => Assert.Equal(0, b));
    }

    [Fact]
    public void Offset_maps_the_right_part_of_the_file()
    {
        string path = _dir.Pattern("off.bin", (int)(3 * Page));
        using var map = MemoryMap.MapFile(path, new MapOptions { Offset = Page });
        Assert.Equal(2 * Page, map.Size);
        Assert.Equal(Page, map.Offset);
        Assert.Equal((byte)Page, map.Read<byte>(0));
    }

    [Fact]
    public void Unaligned_offset_is_rejected_before_any_file_is_created()
    {
        string path = _dir.File("unaligned.bin");
        var e = Expect.Error(MmapError.InvalidArgument, () => MemoryMap.MapFile(path, new MapOptions { Access = MapAccess.ReadWrite, Size = 10, Offset = 100 }));
        Assert.Contains($"Use 0 or {Page}", e.Message);
        Assert.False(File.Exists(path));
    }

    [Fact]
    public void Maps_larger_than_4_GiB_and_offsets_past_4_GiB_work_on_a_sparse_file()
    {
        const long GiB = 1024L * 1024 * 1024;
        string path = _dir.File("sparse6g.bin");
        FileSizer.SetSize(path, 6 * GiB, sparse: true);
        using (var window = MemoryMap.MapFile(path, new MapOptions { Access = MapAccess.ReadWrite, Offset = 5 * GiB, Size = 1 << 20 }))
        {
            window.Write<long>(8, 0x1122334455667788);
            window.Flush();
        }
        using (var whole = MemoryMap.MapFile(path))
        {
            Assert.Equal(6 * GiB, whole.Size);
            Assert.Equal(0x1122334455667788, whole.Read<long>(5 * GiB + 8));
            Assert.Equal(0, whole.Read<byte>(6 * GiB - 1));
        }
        using var fs = new FileStream(path, FileMode.Open, FileAccess.Read);
        fs.Position = 5 * GiB + 8;
        var buf = new byte[8];
        fs.ReadExactly(buf);
        Assert.Equal(0x1122334455667788, BitConverter.ToInt64(buf));
    }

    [Fact]
    public void Directory_is_invalid_argument()
    {
        Expect.Error(MmapError.InvalidArgument, () => MemoryMap.MapFile(_dir.Path));
        Expect.Error(MmapError.InvalidArgument, () => MemoryMap.MapFile(_dir.Path, new MapOptions { Access = MapAccess.ReadWrite, Size = 1 }));
    }

    [SkippableFact]
    public void A_fifo_is_refused_without_hanging()
    {
        Skip.IfNot(Expect.IsLinux, "mkfifo");
        string fifo = _dir.File("pipe");
        System.Diagnostics.Process.Start("mkfifo", fifo)!.WaitForExit();
        var e = Expect.Error(MmapError.InvalidArgument, () => MemoryMap.MapFile(fifo));
        Assert.Contains("not a regular file", e.Message);
    }

    [Fact]
    public void Maps_an_open_FileStream_and_outlives_it()
    {
        string path = _dir.Pattern("stream.bin", 4096);
        MemoryMap map;
        using (var fs = new FileStream(path, FileMode.Open, FileAccess.ReadWrite))
        {
            fs.Position = 10;
            fs.WriteByte(0xEE); // buffered: the engine must flush it before mapping
            map = MemoryMap.MapFile(fs, new MapOptions { Access = MapAccess.ReadWrite });
            Assert.Equal(path, map.Path);
        }
        using (map)
        {
            Assert.Equal(0xEE, map.Read<byte>(10));
            map.Write<byte>(11, 0xDD);
            map.Flush();
        }
        Assert.Equal(0xDD, File.ReadAllBytes(path)[11]);
    }

    [Fact]
    public void Maps_a_SafeFileHandle_without_closing_it()
    {
        string path = _dir.Pattern("handle.bin", 4096);
        using SafeFileHandle handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read);
        using (var map = MemoryMap.MapFile(handle))
            Assert.Equal(4096, map.Size);
        Assert.False(handle.IsClosed);
        Assert.Equal(4096, RandomAccess.GetLength(handle));
    }

    [Fact]
    public void Write_access_through_a_read_only_handle_is_access_denied()
    {
        string path = _dir.Pattern("ro.bin", 4096);
        using var fs = new FileStream(path, FileMode.Open, FileAccess.Read);
        Expect.Error(MmapError.AccessDenied, () => MemoryMap.MapFile(fs, new MapOptions { Access = MapAccess.ReadWrite }));
        Expect.Error(MmapError.AccessDenied, () => MemoryMap.MapFile(fs, new MapOptions { Access = MapAccess.ReadWrite, Size = 8192 }));
        Assert.Equal(4096, new FileInfo(path).Length);
    }

    [Fact]
    public void A_closed_handle_is_rejected()
    {
        string path = _dir.Pattern("closed.bin", 10);
        var handle = File.OpenHandle(path);
        handle.Dispose();
        Expect.Error(MmapError.InvalidArgument, () => MemoryMap.MapFile(handle));
    }

    [Fact]
    public void Populate_maps_with_pages_present()
    {
        string path = _dir.Pattern("populate.bin", 1 << 20);
        using var map = MemoryMap.MapFile(path, new MapOptions { Populate = true });
        Assert.Equal(255, map.Read<byte>((1 << 20) - 1));
    }
}
