using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace Mmap.Benchmarks.Support;

/// <summary>
/// The baseline of comparisons 6 and 11: a single-producer single-consumer byte ring over a plain byte[], with the engine's
/// ByteRing protocol (head = bytes ever written, owned by the producer; tail = bytes ever read, owned by the consumer;
/// each published with a release write after its bytes are copied and read with an acquire read; the counters on
/// separate cache lines) but no mirror, so a write or read that runs past the end is split into two copies, and a
/// consumer parsing in place sees the data as two pieces (<see cref="Peek"/>).
/// </summary>
public sealed class PlainRing
{
    private readonly byte[] _buffer;
    private Counters _counters;

    /// <param name="capacity">Bytes the ring holds.</param>
    public PlainRing(int capacity) => _buffer = new byte[capacity];

    /// <summary>Bytes the ring holds.</summary>
    public int Capacity => _buffer.Length;

    /// <summary>Writes all of <paramref name="source"/> if there is room, else nothing.</summary>
    public bool TryWrite(ReadOnlySpan<byte> source)
    {
        long head = _counters.Head; // ours: no other writer
        if (Capacity - (head - Volatile.Read(ref _counters.Tail)) < source.Length) return false;
        CopyIn(source, head); // the part past the end, if any, goes to the start
        Volatile.Write(ref _counters.Head, head + source.Length);
        return true;
    }

    /// <summary>Writes one record, a 4-byte length and <paramref name="payload"/>, if there is room, else nothing: each part
    /// split in two copies where it runs past the end (the best a producer without a mirror can do without a scratch copy).</summary>
    public bool TryWriteRecord(ReadOnlySpan<byte> payload)
    {
        long head = _counters.Head;
        int size = RecordStream.PrefixBytes + payload.Length;
        if (Capacity - (head - Volatile.Read(ref _counters.Tail)) < size) return false;
        Span<byte> prefix = stackalloc byte[RecordStream.PrefixBytes];
        BinaryPrimitives.WriteInt32LittleEndian(prefix, payload.Length);
        CopyIn(prefix, head);
        CopyIn(payload, head + RecordStream.PrefixBytes);
        Volatile.Write(ref _counters.Head, head + size);
        return true;
    }

    /// <summary>What a consumer can parse in place: the bytes from the tail to the end of the array, and the rest from its start
    /// (empty unless the data runs past the end). <see cref="Advance"/> consumes.</summary>
    public void Peek(out ReadOnlySpan<byte> first, out ReadOnlySpan<byte> second)
    {
        long tail = _counters.Tail;
        int count = (int)(Volatile.Read(ref _counters.Head) - tail);
        int at = (int)(tail % Capacity);
        int firstLength = Math.Min(count, Capacity - at);
        first = _buffer.AsSpan(at, firstLength);
        second = _buffer.AsSpan(0, count - firstLength);
    }

    /// <summary>Consumes <paramref name="count"/> bytes of what <see cref="Peek"/> showed.</summary>
    public void Advance(int count) => Volatile.Write(ref _counters.Tail, _counters.Tail + count);

    private void CopyIn(ReadOnlySpan<byte> source, long position)
    {
        int at = (int)(position % Capacity);
        int first = Math.Min(source.Length, Capacity - at);
        source[..first].CopyTo(_buffer.AsSpan(at));
        source[first..].CopyTo(_buffer);
    }

    /// <summary>Reads up to destination.Length bytes, as many as there are; 0 when empty.</summary>
    public int TryRead(Span<byte> destination)
    {
        long tail = _counters.Tail; // ours: no other reader
        int count = (int)Math.Min(Volatile.Read(ref _counters.Head) - tail, destination.Length);
        if (count == 0) return 0;
        int at = (int)(tail % Capacity);
        int first = Math.Min(count, Capacity - at);
        _buffer.AsSpan(at, first).CopyTo(destination);
        _buffer.AsSpan(0, count - first).CopyTo(destination[first..]);
        Volatile.Write(ref _counters.Tail, tail + count);
        return count;
    }

    /// <summary>Head and tail 64 bytes apart, and 64 bytes away from anything else in the object, so the producer's
    /// and the consumer's counters never share a cache line (as in the engine's ring header).</summary>
    [StructLayout(LayoutKind.Explicit, Size = 192)]
    private struct Counters
    {
        [FieldOffset(64)] public long Head;
        [FieldOffset(128)] public long Tail;
    }
}
