using Mmap;

namespace Mmap.Tests.Streams;

/// <summary>MemoryMap.AsStream: a seekable Stream whose reads and writes are the map's safe calls, over the map or a window.</summary>
public sealed class MapStreamTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private MemoryMap Map(int size, MapAccess access = MapAccess.ReadWrite) =>
        MemoryMap.MapFile(_dir.Pattern($"s-{Guid.NewGuid():N}.bin", size), new MapOptions { Access = access });

    [Fact]
    public void A_stream_over_the_whole_map_reads_it_all_and_says_what_it_can()
    {
        using var map = Map(10_000, MapAccess.Read);
        using var stream = map.AsStream();
        Assert.Equal((true, true, false), (stream.CanRead, stream.CanSeek, stream.CanWrite));
        Assert.Equal((10_000L, 0L, 0L), (stream.Length, stream.Position, stream.Offset));
        Assert.Same(map, stream.Map);
        var all = new MemoryStream();
        stream.CopyTo(all);
        Assert.Equal(TempDir.PatternBytes(10_000), all.ToArray());
        Assert.Equal(10_000, stream.Position);
        Assert.Equal(0, stream.Read(new byte[10], 0, 10)); // at the end
        Assert.Equal(-1, stream.ReadByte());
    }

    [Fact]
    public void A_window_stream_counts_from_its_offset_and_ends_at_its_length()
    {
        using var map = Map(8192);
        using var stream = map.AsStream(1000, 300);
        Assert.Equal((300L, 1000L, true), (stream.Length, stream.Offset, stream.CanWrite));
        var buffer = new byte[500];
        Assert.Equal(300, stream.Read(buffer, 100, 400)); // clipped at the window's end
        Assert.Equal(TempDir.PatternBytes(1300).Skip(1000), buffer.Skip(100).Take(300));
        stream.Position = 5;
        Assert.Equal((1005 % 256), stream.ReadByte());
        Assert.Equal(6, stream.Position);
    }

    [Fact]
    public void Writes_land_in_the_map_at_the_position_and_move_it()
    {
        using var map = Map(4096);
        using var stream = map.AsStream(100, 200);
        stream.Write(new byte[] { 9, 9, 1, 2, 3, 9 }, 2, 3);
        stream.WriteByte(4);
        stream.Write(new byte[] { 5, 6 }.AsSpan());
        Assert.Equal(6, stream.Position);
        Assert.Equal(new byte[] { 1, 2, 3, 4, 5, 6 }, map.ReadBytes(100, 6));
        stream.Seek(-1, SeekOrigin.End);
        stream.WriteByte(7);
        Assert.Equal(7, map.Read<byte>(299));
        stream.Flush();
        Assert.Equal(99, map.Read<byte>(99)); // the bytes around the window are untouched
        Assert.Equal(300 % 256, map.Read<byte>(300));
    }

    [Fact]
    public void Read_of_a_span_reads_from_the_position()
    {
        using var map = Map(4096);
        using var stream = map.AsStream();
        stream.Position = 4090;
        Span<byte> six = stackalloc byte[10];
        Assert.Equal(6, stream.Read(six));
        Assert.Equal(TempDir.PatternBytes(4096).Skip(4090), six.Slice(0, 6).ToArray());
    }

    [Fact]
    public void Seek_moves_from_each_origin_and_may_pass_the_end()
    {
        using var map = Map(4096);
        using var stream = map.AsStream();
        Assert.Equal(10, stream.Seek(10, SeekOrigin.Begin));
        Assert.Equal(15, stream.Seek(5, SeekOrigin.Current));
        Assert.Equal(4000, stream.Seek(-96, SeekOrigin.End));
        Assert.Equal(5000, stream.Seek(1000, SeekOrigin.Current));
        Assert.Equal(0, stream.Read(new byte[1], 0, 1));
        Assert.Equal(-1, stream.ReadByte());
        stream.Position = 1L << 40; // past 4 GiB: long positions
        Assert.Equal(1L << 40, stream.Position);
    }

    [Fact]
    public void Bad_seeks_and_positions_are_refused_and_the_position_stays()
    {
        using var map = Map(4096);
        using var stream = map.AsStream();
        stream.Position = 7;
        Assert.Throws<IOException>(() => stream.Seek(-8, SeekOrigin.Current));
        Assert.Throws<IOException>(() => stream.Seek(long.MaxValue, SeekOrigin.End));
        Assert.Throws<ArgumentException>(() => stream.Seek(0, (SeekOrigin)7));
        Assert.Throws<ArgumentOutOfRangeException>(() => stream.Position = -1);
        Assert.Equal(7, stream.Position);
    }

    [Fact]
    public void SetLength_is_refused_with_the_fix_and_changes_nothing()
    {
        using var map = Map(4096);
        using var stream = map.AsStream();
        var e = Assert.Throws<NotSupportedException>(() => stream.SetLength(8192));
        Assert.Contains("FileSizer.SetSize", e.Message);
        Assert.Equal(4096, stream.Length);
        Assert.Equal(4096, map.Size);
    }

    [Theory]
    [InlineData(0L, 4097)]
    [InlineData(4000L, 97)]
    [InlineData(4096L, 1)]
    [InlineData(5000L, 1)]
    public void A_write_past_the_end_is_refused_whole_and_writes_nothing(long position, int count)
    {
        using var map = Map(4096);
        using var stream = map.AsStream();
        stream.Position = position;
        var before = map.ReadBytes(0, 4096);
        var e = Assert.Throws<NotSupportedException>(() => stream.Write(new byte[count], 0, count));
        Assert.Contains("cannot grow", e.Message);
        if (count == 1) Assert.Throws<NotSupportedException>(() => stream.WriteByte(0));
        Assert.Equal(before, map.ReadBytes(0, 4096));
        Assert.Equal(position, stream.Position);
    }

    [Fact]
    public void A_read_only_map_or_a_readOnly_stream_refuses_writes()
    {
        using var readOnlyMap = Map(4096, MapAccess.Read);
        using var a = readOnlyMap.AsStream();
        using var writable = Map(4096);
        using var b = writable.AsStream(0, 4096, readOnly: true);
        foreach (var stream in new[] { a, b })
        {
            Assert.False(stream.CanWrite);
            Assert.Contains("read-only", Assert.Throws<NotSupportedException>(() => stream.Write(new byte[] { 1 }, 0, 1)).Message);
            Assert.Throws<NotSupportedException>(() => stream.WriteByte(1));
            Assert.Equal(0, stream.Position);
        }
        Assert.Equal(0, readOnlyMap.Read<byte>(0));
        Assert.Equal(0, writable.Read<byte>(0));
    }

    [Theory]
    [InlineData(-1L, 1L)]
    [InlineData(0L, 4097L)]
    [InlineData(4096L, 1L)]
    [InlineData(1L, -1L)]
    [InlineData(long.MaxValue, 2L)]
    public void A_window_outside_the_map_is_invalid_argument(long offset, long length)
    {
        using var map = Map(4096);
        Assert.Contains("open a stream over", Expect.Error(MmapError.InvalidArgument, () => map.AsStream(offset, length)).Message);
    }

    [Fact]
    public void Bad_buffers_are_refused_before_anything_moves()
    {
        using var map = Map(4096);
        using var stream = map.AsStream();
        Assert.Throws<ArgumentNullException>(() => stream.Read(null!, 0, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => stream.Read(new byte[4], -1, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => stream.Read(new byte[4], 0, -1));
        Assert.Throws<ArgumentException>(() => stream.Read(new byte[4], 2, 3));
        Assert.Throws<ArgumentException>(() => stream.Write(new byte[4], 3, 2));
        Assert.Throws<ArgumentNullException>(() => stream.CopyTo(null!));
        Assert.Throws<ArgumentOutOfRangeException>(() => stream.CopyTo(Stream.Null, 0));
        using var readOnly = new MemoryStream(new byte[8], writable: false);
        Assert.Throws<NotSupportedException>(() => stream.CopyTo(readOnly));
        var closed = new MemoryStream();
        closed.Dispose();
        Assert.Throws<ObjectDisposedException>(() => stream.CopyTo(closed));
        Assert.Equal(0, stream.Position);
        Assert.Equal(0, map.Read<byte>(0));
    }

    [Fact]
    public void CopyTo_writes_spans_straight_from_the_map_into_the_destination()
    {
        using var map = Map(3 * MapStream.CopyChunk + 5);
        using var stream = map.AsStream();
        stream.Position = 5;
        var destination = new RecordingStream();
        stream.CopyTo(destination);
        Assert.Equal(TempDir.PatternBytes(3 * MapStream.CopyChunk + 5).Skip(5), destination.ToArray());
        Assert.Equal((3, 0), (destination.SpanWrites, destination.ArrayWrites)); // 1 MiB chunks, no array in between
        Assert.Equal(stream.Length, stream.Position);
    }

    [Fact]
    public void CopyTo_writes_chunks_of_a_larger_buffer_size_and_never_smaller_than_CopyChunk()
    {
        const int size = 5 * MapStream.CopyChunk;
        using var map = Map(size);
        using var stream = map.AsStream();
        var larger = new RecordingStream();
        stream.CopyTo(larger, 2 * MapStream.CopyChunk);
        Assert.Equal([2 * MapStream.CopyChunk, 2 * MapStream.CopyChunk, MapStream.CopyChunk], larger.WriteSizes);
        Assert.Equal(TempDir.PatternBytes(size), larger.ToArray());
        stream.Position = 0;
        var smaller = new RecordingStream();
        stream.CopyTo(smaller, 4096); // a buffer size, and the stream copies through no buffer
        Assert.Equal(Enumerable.Repeat(MapStream.CopyChunk, 5), smaller.WriteSizes);
    }

    [Fact]
    public void CopyTo_a_file_copies_the_window()
    {
        using var map = Map(1 << 20);
        string target = _dir.File("copy.bin");
        using (var file = File.Create(target))
        using (var stream = map.AsStream(4096, 65536))
            stream.CopyTo(file);
        Assert.Equal(TempDir.PatternBytes(4096 + 65536).Skip(4096), File.ReadAllBytes(target));
    }

    [SkippableFact]
    public void A_size_checked_map_copies_through_its_safe_reads()
    {
        // Fault recovery off for this map: its reads are preads, and a copy may not touch the mapping unchecked. Where a
        // mapped file cannot shrink (Windows), nothing is size-checked.
        Expect.SkipUnlessMappedFilesCanShrink();
        string path = _dir.Pattern("checked.bin", 3 * MapStream.CopyChunk);
        using var map = MemoryMap.MapFile(path, new MapOptions { SkipFaultRecovery = true });
        Assert.True(map.ChecksSize);
        var destination = new RecordingStream();
        map.AsStream().CopyTo(destination);
        Assert.Equal((0, 3), (destination.SpanWrites, destination.ArrayWrites));
        Assert.Equal(TempDir.PatternBytes(3 * MapStream.CopyChunk), destination.ToArray());
    }

    [Fact]
    public async Task Async_reads_writes_flush_and_copy_work()
    {
        using var map = Map(100_000);
        await using var stream = map.AsStream();
        var buffer = new byte[10];
        Assert.Equal(10, await stream.ReadAsync(buffer, 0, 10));
        Assert.Equal(TempDir.PatternBytes(10), buffer);
        Assert.Equal(10, await stream.ReadAsync(buffer.AsMemory())); // the runtime's Memory overload, through ours
        await stream.WriteAsync(new byte[] { 1, 2, 3 }, 0, 3);
        await stream.WriteAsync(new ReadOnlyMemory<byte>(new byte[] { 4 }));
        await stream.FlushAsync();
        Assert.Equal(new byte[] { 1, 2, 3, 4 }, map.ReadBytes(20, 4));
        stream.Position = 0;
        var copy = new MemoryStream();
        await stream.CopyToAsync(copy, 4096);
        Assert.Equal(100_000, copy.Length);
        Assert.Equal(map.ReadBytes(0, 100_000), copy.ToArray());
        stream.Position = 0;
        copy.SetLength(0);
        await ((Stream)stream).CopyToAsync(copy); // through the base class: the virtual overload
        Assert.Equal(100_000, copy.Length);
    }

    [Fact]
    public async Task Async_calls_refuse_as_the_synchronous_ones_do()
    {
        using var map = Map(4096);
        using var stream = map.AsStream(0, 4096, readOnly: true);
        await Assert.ThrowsAsync<NotSupportedException>(() => stream.WriteAsync(new byte[1], 0, 1));
        await Assert.ThrowsAsync<TaskCanceledException>(() => stream.ReadAsync(new byte[1], 0, 1, new CancellationToken(true)));
        map.Dispose();
        await Assert.ThrowsAsync<ObjectDisposedException>(() => stream.ReadAsync(new byte[1], 0, 1));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => stream.CopyToAsync(new MemoryStream()));
    }

    [Fact]
    public void After_the_maps_Dispose_the_streams_next_call_throws_ObjectDisposedException()
    {
        var map = Map(4096);
        using var stream = map.AsStream();
        map.Dispose();
        Assert.Equal((false, false, false), (stream.CanRead, stream.CanSeek, stream.CanWrite));
        var calls = new Action[]
        {
            () => _ = stream.Read(new byte[1], 0, 1), () => stream.ReadByte(), () => stream.Write(new byte[1], 0, 1),
            () => stream.WriteByte(1), () => _ = stream.Length, () => _ = stream.Position, () => stream.Seek(0, SeekOrigin.Begin),
            () => stream.Flush(), () => stream.CopyTo(new MemoryStream()), () => stream.SetLength(1),
        };
        foreach (var call in calls) Assert.Contains("freed", Assert.Throws<ObjectDisposedException>(call).Message);
    }

    [Fact]
    public void Disposing_the_stream_leaves_the_map_open_unless_asked()
    {
        using var map = Map(4096);
        var stream = map.AsStream();
        stream.Dispose();
        stream.Dispose();
        Assert.False(map.IsDisposed);
        Assert.False(stream.CanRead);
        Assert.Contains("stream", Assert.Throws<ObjectDisposedException>(() => stream.ReadByte()).Message);
        Assert.Equal(1, map.Read<byte>(1));

        var owned = Map(4096);
        owned.AsStream(0, 4096, leaveOpen: false).Dispose();
        Assert.True(owned.IsDisposed);
    }

    [Fact]
    public void A_stream_needs_an_open_map()
    {
        var map = Map(4096);
        map.Dispose();
        Assert.Throws<ObjectDisposedException>(() => map.AsStream());
        Assert.Throws<ObjectDisposedException>(() => map.AsStream(0, 1));
    }

    [Fact]
    public void A_stream_over_anonymous_memory_works()
    {
        using var anonymous = MemoryMap.MapAnonymous(1 << 16);
        using (var s = anonymous.AsStream()) s.Write(new byte[] { 1, 2 }, 0, 2);
        Assert.Equal(0x0201, anonymous.Read<short>(0));
    }

    [Fact]
    public void A_stream_over_a_mirror_runs_over_the_blocks_end_into_its_start()
    {
        using var mirror = MirroredMap.MapAnonymous(1 << 16, 2);
        using (var s = mirror.AsStream((1 << 16) - 1, 2)) s.Write(new byte[] { 7, 8 }, 0, 2);
        Assert.Equal(8, mirror.Read<byte>(0)); // the second byte ran over the block's end into its start
    }
}
