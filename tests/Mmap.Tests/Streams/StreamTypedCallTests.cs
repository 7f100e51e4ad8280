using System.Reflection;
using Mmap;

namespace Mmap.Tests.Streams;

/// <summary>
/// A map's stream held in a variable of type <see cref="Stream"/>, as StreamReader, File and every API taking a Stream
/// hold it: the engine's net8.0 build (what these tests load) overrides Stream's virtual CopyTo(Stream, int), span and
/// Memory overloads, so such a caller gets MapStream's own paths, not the runtime's loops through an array.
/// </summary>
public sealed class StreamTypedCallTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private MemoryMap Map(int size, MapAccess access = MapAccess.ReadWrite) =>
        MemoryMap.MapFile(_dir.Pattern($"t-{Guid.NewGuid():N}.bin", size), new MapOptions { Access = access });

    [Fact]
    public void CopyTo_through_a_Stream_writes_the_maps_chunks_straight_from_the_mapping()
    {
        using var map = Map(3 * MapStream.CopyChunk + 5);
        Stream stream = map.AsStream();
        stream.Position = 5;
        var destination = new RecordingStream();
        stream.CopyTo(destination); // Stream's CopyTo(Stream): its default buffer size, 80 KiB, into the virtual overload
        // The runtime's loop would write arrays of at most 80 KiB; the map writes spans of its own chunk.
        Assert.Equal([MapStream.CopyChunk, MapStream.CopyChunk, MapStream.CopyChunk], destination.WriteSizes);
        Assert.Equal(0, destination.ArrayWrites);
        Assert.Equal(TempDir.PatternBytes(3 * MapStream.CopyChunk + 5).Skip(5), destination.ToArray());
        Assert.Equal(stream.Length, stream.Position);
    }

    [Fact]
    public void CopyTo_through_a_Stream_stops_at_the_chunk_after_a_Dispose_of_the_map()
    {
        var map = Map(3 * MapStream.CopyChunk);
        Stream stream = map.AsStream();
        var destination = new RecordingStream { AfterWrite = map.Dispose };
        Assert.Contains("freed", Assert.Throws<ObjectDisposedException>(() => stream.CopyTo(destination)).Message);
        Assert.Equal([MapStream.CopyChunk], destination.WriteSizes); // one whole chunk, then the pin refused the next
    }

    [Fact]
    public void The_span_Memory_and_CopyTo_overloads_of_Stream_are_overridden()
    {
        var overloads = new (string Name, Type[] Parameters)[]
        {
            (nameof(Stream.Read), [typeof(Span<byte>)]),
            (nameof(Stream.Write), [typeof(ReadOnlySpan<byte>)]),
            (nameof(Stream.ReadAsync), [typeof(Memory<byte>), typeof(CancellationToken)]),
            (nameof(Stream.WriteAsync), [typeof(ReadOnlyMemory<byte>), typeof(CancellationToken)]),
            (nameof(Stream.CopyTo), [typeof(Stream), typeof(int)]),
            (nameof(Stream.ReadByte), []),
            (nameof(Stream.WriteByte), [typeof(byte)]),
        };
        foreach (var (name, parameters) in overloads)
        {
            MethodInfo method = typeof(MapStream).GetMethod(name, parameters)!;
            Assert.Equal((typeof(MapStream), typeof(Stream)), (method.DeclaringType, method.GetBaseDefinition().DeclaringType));
        }
    }

    [Fact]
    public void Spans_read_and_write_through_a_Stream_at_the_position()
    {
        using var map = Map(4096);
        Stream stream = map.AsStream();
        stream.Position = 4090;
        Span<byte> ten = stackalloc byte[10];
        Assert.Equal(6, stream.Read(ten)); // clipped at the end
        Assert.Equal(TempDir.PatternBytes(4096).Skip(4090), ten.Slice(0, 6).ToArray());
        stream.Position = 3;
        stream.Write([9, 8]);
        Assert.Equal((5L, (byte)9, (byte)8), (stream.Position, map.Read<byte>(3), map.Read<byte>(4)));
        stream.Position = 4095;
        Assert.Throws<NotSupportedException>(() => stream.Write([1, 2])); // whole or not at all: a stream cannot grow
        Assert.Equal(4095 % 256, map.Read<byte>(4095));
        Assert.Equal(4095, stream.Position);
    }

    [Fact]
    public async Task Memory_reads_and_writes_through_a_Stream_complete_at_once()
    {
        using var map = Map(4096);
        Stream stream = map.AsStream();
        var buffer = new byte[100];
        ValueTask<int> read = stream.ReadAsync(buffer.AsMemory());
        Assert.True(read.IsCompletedSuccessfully);
        Assert.Equal(100, await read);
        Assert.Equal(TempDir.PatternBytes(100), buffer);
        ValueTask write = stream.WriteAsync(new ReadOnlyMemory<byte>([7, 7, 7]));
        Assert.True(write.IsCompletedSuccessfully);
        await write;
        Assert.Equal(new byte[] { 7, 7, 7 }, map.ReadBytes(100, 3));
    }

    [Fact]
    public void ReadAsync_of_Memory_through_a_Stream_allocates_nothing()
    {
        // Stream's own ReadAsync(Memory) goes through ReadAsync(byte[], ...), whose Task<int> of 100 is a new object each
        // call; the override's ValueTask holds the count.
        using var map = Map(4096);
        Stream stream = map.AsStream();
        Memory<byte> buffer = new byte[100];
        int ReadAll()
        {
            int total = 0;
            for (int i = 0; i < 20; i++)
            {
                stream.Position = 0;
                total += stream.ReadAsync(buffer).GetAwaiter().GetResult();
            }
            return total;
        }
        ReadAll(); // warm: the first calls may compile
        long before = GC.GetAllocatedBytesForCurrentThread();
        int read = ReadAll();
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal((2000, 0L), (read, allocated));
    }

    /// <summary>Stream's own implementations, for the contract to compare with: MemoryStream's overrides step aside for a subclass.</summary>
    private sealed class BaseStream(byte[] bytes, bool writable) : MemoryStream(bytes, writable);

    public static TheoryData<string> BadCalls => new()
    {
        "CopyTo null", "CopyTo buffer size 0", "CopyTo buffer size -1", "CopyTo a read-only stream", "CopyTo a disposed stream",
        "Write a span on a read-only stream", "WriteAsync on a read-only stream", "Write a span past the end",
    };

    private static void Call(string name, Stream stream)
    {
        using var readOnly = new MemoryStream(new byte[8], writable: false);
        var disposed = new MemoryStream();
        disposed.Dispose();
        switch (name)
        {
            case "CopyTo null": stream.CopyTo(null!); break;
            case "CopyTo buffer size 0": stream.CopyTo(new MemoryStream(), 0); break;
            case "CopyTo buffer size -1": stream.CopyTo(new MemoryStream(), -1); break;
            case "CopyTo a read-only stream": stream.CopyTo(readOnly); break;
            case "CopyTo a disposed stream": stream.CopyTo(disposed); break;
            case "Write a span on a read-only stream": stream.Write([1]); break;
            case "WriteAsync on a read-only stream": stream.WriteAsync(new ReadOnlyMemory<byte>([1])).GetAwaiter().GetResult(); break;
            case "Write a span past the end": stream.Position = stream.Length; stream.Write([1]); break;
            default: throw new ArgumentException(name);
        }
    }

    [Theory]
    [MemberData(nameof(BadCalls))]
    public void Bad_calls_through_a_Stream_throw_what_Streams_own_implementation_throws(string call)
    {
        bool writes = call.Contains("past the end");
        using var map = Map(64, writes ? MapAccess.ReadWrite : MapAccess.Read);
        using Stream ours = map.AsStream();
        using Stream reference = new BaseStream(new byte[64], writable: writes);
        Exception expected = Assert.ThrowsAny<Exception>(() => Call(call, reference));
        Exception actual = Assert.ThrowsAny<Exception>(() => Call(call, ours));
        Assert.Equal(expected.GetType(), actual.GetType());
        Assert.Equal((expected as ArgumentException)?.ParamName, (actual as ArgumentException)?.ParamName);
        Assert.Equal(0, map.Read<byte>(0));
    }

    [Fact]
    public async Task A_disposed_stream_refuses_every_overload_as_Stream_does()
    {
        using var map = Map(64);
        Stream ours = map.AsStream();
        Stream reference = new BaseStream(new byte[64], writable: true);
        ours.Dispose();
        reference.Dispose();
        using var readOnly = new MemoryStream(new byte[8], writable: false);
        foreach (Stream stream in new[] { reference, ours })
        {
            Assert.Throws<ObjectDisposedException>(() => stream.CopyTo(new MemoryStream()));
            Assert.Throws<NotSupportedException>(() => stream.CopyTo(readOnly)); // the destination is checked first
            Assert.Throws<ObjectDisposedException>(() => stream.Read(new byte[1].AsSpan()));
            Assert.Throws<ObjectDisposedException>(() => stream.Write([1]));
            await Assert.ThrowsAsync<ObjectDisposedException>(async () => _ = await stream.ReadAsync(new byte[1].AsMemory()));
            await Assert.ThrowsAsync<ObjectDisposedException>(async () => await stream.WriteAsync(new ReadOnlyMemory<byte>([1])));
            Assert.True(stream.ReadAsync(new byte[1].AsMemory(), new CancellationToken(true)).IsCanceled);
        }
    }
}
