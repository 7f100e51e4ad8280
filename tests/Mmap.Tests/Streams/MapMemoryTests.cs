using System.Buffers;
using System.IO.Pipelines;
using System.Runtime.InteropServices;
using Mmap;

namespace Mmap.Tests.Streams;

/// <summary>MemoryMap.GetMemory / GetReadOnlyMemory: Memory&lt;byte&gt; windows whose MemoryManager pins the map's view.</summary>
public sealed class MapMemoryTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private MemoryMap Map(int size, MapAccess access = MapAccess.ReadWrite) =>
        MemoryMap.MapFile(_dir.Pattern($"m-{Guid.NewGuid():N}.bin", size), new MapOptions { Access = access });

    [Fact]
    public void A_writable_window_reads_and_writes_the_map_at_its_offset()
    {
        using var map = Map(8192);
        using MapMemory window = map.GetMemory(4096, 100);
        Assert.Equal((4096L, 100, true, false), (window.Offset, window.Length, window.IsWritable, window.IsDisposed));
        Memory<byte> memory = window.Memory;
        Assert.Equal(100, memory.Length);
        Assert.Equal(map.ReadBytes(4096, 100), memory.ToArray());
        memory.Span[1] = 0xAB;
        window.Memory.Slice(2, 2).Span.Fill(0xCD);
        Assert.Equal(new byte[] { 0xAB, 0xCD, 0xCD }, map.ReadBytes(4097, 3));
        Assert.Equal(window.Memory.ToArray(), window.ReadOnlyMemory.ToArray());
        Assert.Contains("window of 100 bytes at offset 4096", window.ToString());
    }

    [Fact]
    public void A_read_only_window_gives_ReadOnlyMemory_of_any_map()
    {
        using var map = Map(4096, MapAccess.Read);
        using MapMemory window = map.GetReadOnlyMemory(10, 20);
        Assert.False(window.IsWritable);
        Assert.Equal(TempDir.PatternBytes(30).Skip(10), window.ReadOnlyMemory.ToArray());
        var e = Expect.Error(MmapError.AccessDenied, () => _ = window.Memory);
        Assert.Contains("ReadOnlyMemory", e.Message);
        using var writableMap = Map(4096);
        using var readOnlyOfWritable = writableMap.GetReadOnlyMemory(0, 1);
        Expect.Error(MmapError.AccessDenied, () => _ = readOnlyOfWritable.Memory);
    }

    [Fact]
    public void A_writable_window_of_a_read_only_map_is_refused_with_the_fix()
    {
        using var map = Map(4096, MapAccess.Read);
        var e = Expect.Error(MmapError.AccessDenied, () => map.GetMemory(0, 10));
        Assert.Contains("GetReadOnlyMemory", e.Message);
        map.Dispose(); // no pin was left behind: the map disposes and unmaps
        Assert.True(map.IsDisposed);
    }

    [Fact]
    public void A_copy_on_write_map_gives_a_writable_window_whose_writes_stay_private()
    {
        string path = _dir.Pattern("cow.bin", 4096);
        using var map = MemoryMap.MapFile(path, new MapOptions { Access = MapAccess.CopyOnWrite });
        using (var window = map.GetMemory(0, 4)) window.Memory.Span[0] = 99;
        Assert.Equal(99, map.Read<byte>(0));
        Assert.Equal(0, File.ReadAllBytes(path)[0]);
    }

    [Theory]
    [InlineData(-1L, 1L)]
    [InlineData(0L, 4097L)]
    [InlineData(4096L, 1L)]
    [InlineData(1L, -1L)]
    public void A_window_outside_the_map_is_invalid_argument_and_pins_nothing(long offset, long length)
    {
        var map = Map(4096);
        IntPtr at = map.Address;
        Assert.Contains("memory window", Expect.Error(MmapError.InvalidArgument, () => map.GetMemory(offset, length)).Message);
        Assert.Contains("memory window", Expect.Error(MmapError.InvalidArgument, () => map.GetReadOnlyMemory(offset, length)).Message);
        map.Dispose(); // with a pin left behind, the file would stay mapped
        if (Expect.IsLinux) Assert.DoesNotContain(map.Path!, ProcSelf.MapsLineOutsideJitAt(at) ?? "");
    }

    [Fact]
    public void A_window_longer_than_Int32_is_refused_with_the_limit_and_the_way_round()
    {
        string path = _dir.File("big.bin");
        FileSizer.SetSize(path, 3L << 30, sparse: true);
        using var map = MemoryMap.MapFile(path, new MapOptions { Access = MapAccess.CopyOnWrite }); // writable, reserving nothing
        var e = Expect.Error(MmapError.InvalidArgument, () => map.GetReadOnlyMemory(0, (long)int.MaxValue + 1));
        Assert.Contains("2147483647", e.Message);
        Assert.Contains("AsStream", e.Message);
        Expect.Error(MmapError.InvalidArgument, () => map.GetMemory(1L << 30, 2L << 30));
        using var largest = map.GetReadOnlyMemory(1L << 30, int.MaxValue); // the largest window there is, past 1 GiB
        Assert.Equal(int.MaxValue, largest.ReadOnlyMemory.Length);
    }

    [Fact]
    public void A_window_keeps_the_memory_mapped_past_the_maps_Dispose_until_it_is_disposed()
    {
        var map = Map(8192);
        string path = map.Path!;
        IntPtr at = map.Address;
        var window = map.GetMemory(0, 8192);
        Memory<byte> memory = window.Memory;
        map.Dispose();
        Assert.True(map.IsDisposed);
        Assert.Throws<ObjectDisposedException>(() => map.GetMemory(0, 1));
        Assert.Throws<ObjectDisposedException>(() => map.GetReadOnlyMemory(0, 1));
        Assert.Equal(100, memory.Span[100]); // still the file's bytes
        memory.Span[0] = 42;                 // and still writable
        if (Expect.IsLinux) Assert.Contains(path, ProcSelf.MapsLineAt(at));
        window.Dispose();
        window.Dispose();
        Assert.True(window.IsDisposed);
        if (Expect.IsLinux) Assert.DoesNotContain(path, ProcSelf.MapsLineOutsideJitAt(at) ?? "");
        Assert.Equal(42, File.ReadAllBytes(path)[0]);
    }

    [Fact]
    public void After_Dispose_the_window_and_the_memory_it_gave_refuse_their_span()
    {
        using var map = Map(4096);
        var window = map.GetMemory(0, 16);
        Memory<byte> memory = window.Memory;
        ReadOnlyMemory<byte> readOnly = window.ReadOnlyMemory;
        window.Dispose();
        Assert.Throws<ObjectDisposedException>(() => _ = window.Memory);
        Assert.Throws<ObjectDisposedException>(() => _ = window.ReadOnlyMemory);
        Assert.Throws<ObjectDisposedException>(() => _ = memory.Span);
        Assert.Throws<ObjectDisposedException>(() => _ = readOnly.Span);
        Assert.Throws<ObjectDisposedException>(() => memory.Pin());
        Assert.Equal(0, map.Read<byte>(0)); // the map itself is untouched and still works
    }

    [Fact]
    public unsafe void Pin_gives_the_mapped_address_and_keeps_it_mapped_until_the_handle_is_disposed()
    {
        var map = Map(8192);
        string path = map.Path!;
        IntPtr at = map.Address;
        var window = map.GetMemory(4096, 4096);
        MemoryHandle handle = window.Memory.Slice(10).Pin();
        Assert.Equal((IntPtr)((byte*)at + 4096 + 10), (IntPtr)handle.Pointer);
        using (var again = window.Memory.Pin()) Assert.Equal(at + 4096, (IntPtr)again.Pointer);
        window.Dispose();
        map.Dispose();
        Assert.Equal(10, *(byte*)handle.Pointer); // the pattern's byte 4106 // the handle holds the mapping
        if (Expect.IsLinux) Assert.Contains(path, ProcSelf.MapsLineAt(at));
        handle.Dispose();
        handle.Dispose(); // a second Dispose of the same handle drops nothing more
        if (Expect.IsLinux) Assert.DoesNotContain(path, ProcSelf.MapsLineOutsideJitAt(at) ?? "");
    }

    [Fact]
    public void Pin_refuses_an_index_outside_the_window()
    {
        using var map = Map(4096);
        using var window = map.GetMemory(0, 16);
        Assert.True(MemoryMarshal.TryGetMemoryManager<byte, MemoryManager<byte>>(window.ReadOnlyMemory, out var manager));
        Assert.Throws<ArgumentOutOfRangeException>(() => manager!.Pin(17));
        Assert.Throws<ArgumentOutOfRangeException>(() => manager!.Pin(-1));
        using (manager!.Pin(16)) { } // one past the last byte, as an empty slice at the end pins
        manager.Unpin(); // an Unpin with no pin held drops nothing: the window still works below
        Assert.Equal(1, window.Memory.Span[1]);
    }

    [Fact]
    public async Task A_window_goes_through_a_pipe_and_async_file_IO()
    {
        using var map = Map(64 * 1024);
        var pipe = new Pipe();
        using (var window = map.GetReadOnlyMemory(1000, 5000))
        {
            await pipe.Writer.WriteAsync(window.ReadOnlyMemory);
            await pipe.Writer.CompleteAsync();
        }
        ReadResult result = await pipe.Reader.ReadAtLeastAsync(5000);
        Assert.Equal(TempDir.PatternBytes(6000).Skip(1000), result.Buffer.ToArray());
        pipe.Reader.AdvanceTo(result.Buffer.End);

        string source = _dir.Pattern("source.bin", 4096);
        await using var file = new FileStream(source, FileMode.Open, FileAccess.Read, FileShare.Read, 1, useAsync: true);
        using var target = map.GetMemory(8192, 4096);
        Assert.Equal(4096, await file.ReadAsync(target.Memory)); // the OS reads straight into the map
        Assert.Equal(TempDir.PatternBytes(4096), map.ReadBytes(8192, 4096));
    }

    [SkippableFact]
    public void A_window_is_refused_when_the_file_was_cut_below_it()
    {
        Expect.SkipUnlessMappedFilesCanShrink();
        using var map = Map(8192, MapAccess.Read);
        using (var stream = new FileStream(map.Path!, FileMode.Open)) stream.SetLength(4096);
        using (var low = map.GetReadOnlyMemory(0, 4096)) Assert.Equal(1, low.ReadOnlyMemory.Span[1]);
        Assert.Contains("truncated", Expect.Error(MmapError.FileTooShort, () => map.GetReadOnlyMemory(0, 8192)).Message);
    }
}
