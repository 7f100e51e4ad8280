using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Mmap;

namespace Mmap.Tests.Streams;

/// <summary>
/// A map's stream copied with CopyToAsync: the engine's net8.0 build (what these tests load) hands each chunk to the
/// destination's WriteAsync as memory of the map itself, with no copy through a buffer, and keeps the map mapped until
/// the write completes, whatever happens to the map meanwhile.
/// </summary>
public sealed class MapStreamAsyncCopyTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private MemoryMap Map(int size) => MemoryMap.MapFile(_dir.Pattern($"a-{Guid.NewGuid():N}.bin", size));

    private static unsafe long AddressOf(ReadOnlyMemory<byte> memory) => (long)Unsafe.AsPointer(ref MemoryMarshal.GetReference(memory.Span));

    [Fact]
    public async Task CopyToAsync_hands_the_destination_the_maps_own_memory_in_chunks()
    {
        using var map = Map(3 * MapStream.CopyChunk + 5);
        Stream stream = map.AsStream(); // as any API holding a Stream: the virtual overload
        stream.Position = 5;
        var addresses = new List<long>();
        var destination = new RecordingStream { DuringWriteAsync = memory => { addresses.Add(AddressOf(memory)); return Task.CompletedTask; } };
        await stream.CopyToAsync(destination);
        Assert.Equal([MapStream.CopyChunk, MapStream.CopyChunk, MapStream.CopyChunk], destination.WriteSizes);
        Assert.Equal((3, 0, 0), (destination.MemoryWrites, destination.ArrayWrites, destination.SpanWrites));
        long start = (long)map.Address + 5;
        Assert.Equal([start, start + MapStream.CopyChunk, start + 2 * MapStream.CopyChunk], addresses); // the mapping, not a buffer
        Assert.Equal(TempDir.PatternBytes(3 * MapStream.CopyChunk + 5).Skip(5), destination.ToArray());
        Assert.Equal(stream.Length, stream.Position);
    }

    [Fact]
    public async Task A_larger_buffer_size_makes_larger_chunks_and_a_smaller_one_does_not_shrink_them()
    {
        using var map = Map(2 * MapStream.CopyChunk + 1);
        using var stream = map.AsStream();
        var larger = new RecordingStream();
        await stream.CopyToAsync(larger, 2 * MapStream.CopyChunk);
        Assert.Equal([2 * MapStream.CopyChunk, 1], larger.WriteSizes);
        stream.Position = 0;
        var smaller = new RecordingStream();
        await stream.CopyToAsync(smaller, 4096);
        Assert.Equal([MapStream.CopyChunk, MapStream.CopyChunk, 1], smaller.WriteSizes);
        Assert.Equal(TempDir.PatternBytes(2 * MapStream.CopyChunk + 1), smaller.ToArray());
    }

    [Fact]
    public async Task A_Dispose_of_the_map_while_a_write_is_pending_unmaps_only_after_it()
    {
        var map = Map(3 * MapStream.CopyChunk);
        using var stream = map.AsStream();
        var pending = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var destination = new RecordingStream { DuringWriteAsync = _ => pending.Task };
        Task copy = stream.CopyToAsync(destination);
        Assert.False(copy.IsCompleted); // the first chunk's write waits
        map.Dispose();
        Assert.True(map.IsDisposed);
        pending.SetResult(); // the destination now reads the chunk it was handed: still mapped, still the file's bytes
        Assert.Contains("freed", (await Assert.ThrowsAsync<ObjectDisposedException>(() => copy)).Message);
        Assert.Equal([MapStream.CopyChunk], destination.WriteSizes); // the pending chunk whole, then the next one refused
        Assert.Equal(TempDir.PatternBytes(MapStream.CopyChunk), destination.ToArray());
    }

    [Fact]
    public async Task Cancelling_stops_the_copy_after_the_chunk_written()
    {
        using var map = Map(3 * MapStream.CopyChunk);
        using var stream = map.AsStream();
        using var cancel = new CancellationTokenSource();
        var destination = new RecordingStream { AfterWrite = cancel.Cancel };
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => stream.CopyToAsync(destination, 4096, cancel.Token));
        Assert.Equal([MapStream.CopyChunk], destination.WriteSizes);
        Assert.Equal(MapStream.CopyChunk, stream.Position);
    }

    [Fact]
    public void Bad_arguments_are_refused_before_the_task_starts_as_Stream_does()
    {
        using var map = Map(4096);
        using var stream = map.AsStream();
        // Each lambda drops the task: the throw must come from the call itself, not from awaiting it.
        Assert.Equal("destination", Assert.Throws<ArgumentNullException>(() => { _ = stream.CopyToAsync(null!, 4096, default); }).ParamName);
        Assert.Equal("bufferSize", Assert.Throws<ArgumentOutOfRangeException>(() => { _ = stream.CopyToAsync(new MemoryStream(), 0, default); }).ParamName);
        Assert.Throws<NotSupportedException>(() => { _ = stream.CopyToAsync(new MemoryStream([], writable: false), 4096, default); });
    }

    [SkippableFact]
    public async Task A_size_checked_map_copies_through_its_safe_reads()
    {
        // Where fault recovery leaves a map out, its reads are preads: no write may be handed its memory unchecked.
        Expect.SkipUnlessMappedFilesCanShrink();
        string path = _dir.Pattern("checked.bin", 2 * MapStream.CopyChunk);
        using var map = MemoryMap.MapFile(path, new MapOptions { SkipFaultRecovery = true });
        var destination = new RecordingStream();
        await map.AsStream().CopyToAsync(destination);
        Assert.Equal(0, destination.MemoryWrites);
        Assert.Equal(TempDir.PatternBytes(2 * MapStream.CopyChunk), destination.ToArray());
    }
}
