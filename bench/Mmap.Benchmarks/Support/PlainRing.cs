using System.Runtime.InteropServices;

namespace Mmap.Benchmarks.Support;

/// <summary>
/// The baseline of comparison 6: a single-producer single-consumer byte ring over a plain byte[], with the engine's
/// ByteRing protocol (head = bytes ever written, owned by the producer; tail = bytes ever read, owned by the consumer;
/// each published with a release write after its bytes are copied and read with an acquire read; the counters on
/// separate cache lines) but no mirror, so a write or read that runs past the end is split into two copies.
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
        int at = (int)(head % Capacity);
        int first = Math.Min(source.Length, Capacity - at);
        source[..first].CopyTo(_buffer.AsSpan(at));
        source[first..].CopyTo(_buffer); // the part past the end, if any, goes to the start
        Volatile.Write(ref _counters.Head, head + source.Length);
        return true;
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
