using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Mmap;

namespace Mmap.Tests.Shared;

/// <summary>ByteRing's in-place calls: TryReserve/Commit for the producer and Peek/Advance for the consumer, each one
/// contiguous span across the wrap; their bad inputs (refused, nothing changed), a two-thread stream of variable-length
/// records checked byte by byte, and Dispose while a span is open or a call is in flight.</summary>
public sealed class ByteRingInPlaceTests : IDisposable
{
    private readonly Tags _tags = new();

    public void Dispose() => _tags.Dispose();

    [Fact]
    public void A_reservation_and_a_peek_across_the_end_are_one_span_each()
    {
        using var ring = ByteRing.Create(4096);
        long cap = ring.Capacity;
        MoveCountersTo(ring, cap - 100);
        Assert.True(ring.TryReserve(1000, out Span<byte> room));
        Assert.Equal(1000, room.Length);
        Assert.Equal(0, ring.UsedBytes); // reserved is not published
        var data = TempDir.PatternBytes(1000);
        data.CopyTo(room);
        ring.Commit(1000);
        Assert.Equal(1000, ring.UsedBytes);

        ReadOnlySpan<byte> seen = ring.Peek();
        Assert.Equal(1000, seen.Length);
        Assert.True(seen.SequenceEqual(data));
        Assert.Equal(AddressOf(room), AddressOf(seen)); // the same bytes, in place
        long start = (long)AddressOf(seen);
        var mirror = MemoryMapRegistry.GetLiveMaps().OfType<MirroredMap>().Single(m => start >= (long)m.Address && start < (long)m.Address + m.Size);
        Assert.Equal(cap, mirror.BlockSize);
        Assert.Equal(cap - 100, start - (long)mirror.Address); // 100 bytes before the end, 900 past it
        ring.Advance(1000);
        Assert.Equal(0, ring.UsedBytes);
        Assert.True(ring.Peek().IsEmpty);
    }

    [Fact]
    public void A_partial_commit_publishes_what_it_names_and_a_partial_advance_leaves_the_rest()
    {
        using var ring = ByteRing.Create(4096);
        Assert.True(ring.TryReserve(100, out Span<byte> room));
        room.Fill(7);
        ring.Commit(60);
        Assert.Equal(60, ring.UsedBytes);
        ReadOnlySpan<byte> seen = ring.Peek();
        Assert.Equal(60, seen.Length);
        ring.Advance(25);
        Assert.Equal(35, ring.UsedBytes);
        Assert.Equal(35, ring.Peek().Length);
        ring.Advance(0); // ends the peek, consumes nothing
        var rest = new byte[100];
        Assert.Equal(35, ring.TryRead(rest)); // copies and in-place calls mix once no span is open
        Assert.True(rest.Take(35).All(b => b == 7));
    }

    [Fact]
    public void Peeking_again_before_advancing_gives_the_same_bytes_and_the_new_ones()
    {
        using var ring = ByteRing.Create(4096);
        Assert.True(ring.TryWrite(new byte[] { 1, 2 }));
        Assert.Equal(new byte[] { 1, 2 }, ring.Peek().ToArray());
        Assert.True(ring.TryWrite(new byte[] { 3 }));
        Assert.Equal(new byte[] { 1, 2, 3 }, ring.Peek().ToArray());
        Assert.True(ring.Peek(3, TimeSpan.Zero, out var data));
        Assert.Equal(3, data.Length);
        Assert.False(ring.Peek(4, TimeSpan.FromMilliseconds(20), out data));
        Assert.Equal(3, data.Length); // what there is, when the time ran out
        ring.Advance(3);
    }

    [Fact]
    public void A_full_ring_refuses_a_reservation_and_opens_nothing()
    {
        using var ring = ByteRing.Create(4096);
        Assert.True(ring.TryWrite(new byte[ring.Capacity - 10]));
        Assert.False(ring.TryReserve(11, out Span<byte> room));
        Assert.True(room.IsEmpty);
        Assert.False(ring.Reserve(11, TimeSpan.FromMilliseconds(20), out _));
        Assert.True(ring.TryWrite(new byte[10])); // no reservation was left open
        Assert.True(ring.TryReserve(0, out room)); // 0 bytes fit even a full ring, and open nothing
        Assert.True(ring.TryReserve(0, out _));
        Assert.Equal(ring.Capacity, ring.Peek().Length); // the whole ring in one span
        ring.Advance((int)ring.Capacity);
        Assert.Equal(0, ring.UsedBytes);
    }

    public static TheoryData<string> BadCalls => new()
    {
        "commit more than reserved", "commit without a reservation", "negative commit",
        "advance more than peeked", "advance without a peek", "negative advance",
        "reserve more than the ring", "negative reserve", "second reserve", "write during a reservation",
        "read during a peek", "peek for more than the ring", "peek for nothing",
    };

    [Theory]
    [MemberData(nameof(BadCalls))]
    public void A_bad_call_is_invalid_argument_and_changes_nothing(string call)
    {
        using var ring = ByteRing.Create(4096);
        Assert.True(ring.TryWrite(new byte[] { 1, 2, 3, 4 }));
        bool reserved = call is "commit more than reserved" or "negative commit" or "second reserve" or "write during a reservation";
        bool peeked = call is "advance more than peeked" or "negative advance" or "read during a peek";
        if (reserved) Assert.True(ring.TryReserve(8, out Span<byte> room));
        if (peeked) Assert.Equal(4, ring.Peek().Length);
        var e = Expect.Error(MmapError.InvalidArgument, () =>
        {
            switch (call)
            {
                case "commit more than reserved": ring.Commit(9); break;
                case "commit without a reservation": ring.Commit(1); break;
                case "negative commit": ring.Commit(-1); break;
                case "advance more than peeked": ring.Advance(5); break;
                case "advance without a peek": ring.Advance(1); break;
                case "negative advance": ring.Advance(-1); break;
                case "reserve more than the ring": ring.TryReserve((int)ring.Capacity + 1, out _); break;
                case "negative reserve": ring.TryReserve(-1, out _); break;
                case "second reserve": ring.TryReserve(1, out _); break;
                case "write during a reservation": ring.TryWrite(new byte[1]); break;
                case "read during a peek": ring.TryRead(new byte[1]); break;
                case "peek for more than the ring": ring.Peek((int)ring.Capacity + 1, TimeSpan.Zero, out _); break;
                default: ring.Peek(0, TimeSpan.Zero, out _); break;
            }
        });
        Assert.Matches("(?i)give|commit it|advance past|first|pieces", e.Message);
        // Nothing changed: the same 4 bytes wait, and an open span can still be ended correctly.
        Assert.Equal(4, ring.UsedBytes);
        if (reserved) ring.Commit(8);
        if (peeked) ring.Advance(4);
        Assert.Equal(reserved ? 12 : peeked ? 0 : 4, ring.UsedBytes);
    }

    [Fact]
    public void Records_between_two_threads_arrive_parsed_in_place_byte_for_byte()
    {
        // Sizes 1..2000 against a 64 KiB ring: most laps end inside a record. Each record is [int length][payload], its
        // payload bytes a function of (record number, position), so a lost, repeated, shifted or torn byte fails.
        using var ring = ByteRing.Create(64 * 1024);
        const int Records = 60_000;
        var stall = TimeSpan.FromSeconds(60);
        long straddled = 0;
        long consumed = -1;
        Exception? consumerFailure = null;
        var consumer = new Thread(() =>
        {
          try
          {
            long record = 0, at = 0;
            int need = 4;
            while (record < Records)
            {
                Assert.True(ring.Peek(need, stall, out var data), "the producer stalled");
                int used = 0;
                need = 4;
                while (data.Length - used >= 4)
                {
                    int length = BinaryPrimitives.ReadInt32LittleEndian(data.Slice(used));
                    Assert.Equal(RecordLength(record), length);
                    if (data.Length - used < 4 + length)
                    {
                        need = 4 + length; // the rest of it has not arrived yet: wait for the whole record
                        break;
                    }
                    var payload = data.Slice(used + 4, length);
                    for (int i = 0; i < length; i++)
                        if (payload[i] != Payload(record, i)) Assert.Fail($"record {record} byte {i}: {payload[i]}, expected {Payload(record, i)}");
                    if ((at + used) / ring.Capacity != (at + used + 4 + length - 1) / ring.Capacity) straddled++;
                    used += 4 + length;
                    record++;
                }
                ring.Advance(used);
                at += used;
            }
            consumed = at;
          }
          catch (Exception e) { consumerFailure = e; }
        });
        consumer.Start();
        long written = 0;
        for (long record = 0; record < Records; record++)
        {
            int length = RecordLength(record);
            Assert.True(ring.Reserve(4 + length, stall, out Span<byte> room), "the consumer stalled");
            BinaryPrimitives.WriteInt32LittleEndian(room, length);
            for (int i = 0; i < length; i++) room[4 + i] = Payload(record, i);
            ring.Commit(4 + length);
            written += 4 + length;
        }
        consumer.Join();
        Assert.Null(consumerFailure);
        Assert.Equal(written, consumed);
        Assert.True(straddled > written / ring.Capacity / 2, $"only {straddled} of {written / ring.Capacity} laps ended inside a record");
        Assert.Equal(0, ring.UsedBytes);
    }

    [Fact]
    public void A_tagged_ring_written_in_place_is_read_in_place_through_another_attachment()
    {
        string tag = _tags.New();
        using var producer = ByteRing.Create(tag, 4096);
        using var consumer = ByteRing.Attach(tag);
        MoveCountersTo(producer, producer.Capacity - 3);
        Assert.True(producer.TryReserve(10, out Span<byte> room));
        TempDir.PatternBytes(10).CopyTo(room);
        producer.Commit(10);
        Assert.Equal(TempDir.PatternBytes(10), consumer.Peek().ToArray());
        consumer.Advance(10);
        Assert.Equal(0, producer.UsedBytes);
    }

    [Fact]
    public void Dispose_with_spans_open_keeps_the_memory_until_they_end_and_they_end_refused()
    {
        var ring = ByteRing.Create(4096);
        Assert.True(ring.TryWrite(new byte[] { 5, 6 }));
        Assert.True(ring.TryReserve(16, out Span<byte> room));
        ReadOnlySpan<byte> seen = ring.Peek();
        IntPtr block = BlockStart(ring, seen, 0);
        ring.Dispose();
        Assert.Contains(MemoryMapRegistry.GetLiveMaps(), m => m.Address == block); // still mapped for the spans
        room.Fill(9);                       // touching them is safe: nothing was unmapped
        Assert.Equal(5, seen[0]);
        Assert.Throws<ObjectDisposedException>(() => ring.TryWrite(new byte[1]));
        Assert.Throws<ObjectDisposedException>(() => ring.Peek());
        Assert.Throws<ObjectDisposedException>(() => ring.Commit(16));
        Assert.Contains(MemoryMapRegistry.GetLiveMaps(), m => m.Address == block); // the peek is still open
        Assert.Throws<ObjectDisposedException>(() => ring.Advance(2));
        Assert.DoesNotContain(MemoryMapRegistry.GetLiveMaps(), m => m.Address == block); // the last span freed it
        Assert.Throws<ObjectDisposedException>(() => ring.Advance(0));
        ring.Dispose(); // harmless
    }

    [Fact]
    public void Dispose_racing_a_producer_and_a_consumer_in_place_frees_the_ring_once_they_stop()
    {
        for (int round = 0; round < 40; round++)
        {
            var ring = ByteRing.Create(4096);
            Assert.True(ring.TryWrite(new byte[1]));
            IntPtr block = BlockStart(ring, ring.Peek(), 0);
            ring.Advance(0);
            var failures = new System.Collections.Concurrent.ConcurrentQueue<Exception>();
            long calls = 0;
            void Side(Action call) 
            {
                try { while (true) { call(); Interlocked.Increment(ref calls); } }
                catch (ObjectDisposedException) { }
                catch (Exception e) { failures.Enqueue(e); }
            }
            var producer = new Thread(() => Side(() =>
            {
                if (!ring.TryReserve(100, out Span<byte> room)) return;
                room.Fill(1);
                ring.Commit(100);
            }));
            var consumer = new Thread(() => Side(() =>
            {
                var data = ring.Peek();
                int sum = 0;
                foreach (byte b in data) sum += b;
                ring.Advance(data.Length);
            }));
            producer.Start();
            consumer.Start();
            long target = Interlocked.Read(ref calls) + round * 7 % 200;
            SpinWait.SpinUntil(() => Interlocked.Read(ref calls) >= target, TimeSpan.FromSeconds(5));
            ring.Dispose();
            producer.Join();
            consumer.Join();
            Assert.Empty(failures);
            Assert.DoesNotContain(MemoryMapRegistry.GetLiveMaps(), m => m.Address == block);
        }
    }

    private static int RecordLength(long record) => (int)((record * 7919 + record / 3) % 2000) + 1;

    private static byte Payload(long record, int i) => (byte)(record * 31 + i * 7 + (i >> 8));

    /// <summary>Puts an empty ring's head and tail at <paramref name="at"/> through its copies.</summary>
    private static void MoveCountersTo(ByteRing ring, long at)
    {
        var step = new byte[4096];
        for (long moved = 0; moved < at; )
        {
            int n = (int)Math.Min(step.Length, at - moved);
            Assert.True(ring.TryWrite(step.AsSpan(0, n)));
            Assert.Equal(n, ring.TryRead(step.AsSpan(0, n)));
            moved += n;
        }
    }

    private static unsafe IntPtr AddressOf(ReadOnlySpan<byte> span) => (IntPtr)Unsafe.AsPointer(ref MemoryMarshal.GetReference(span));

    /// <summary>The data block's first byte, from a span that starts <paramref name="offset"/> bytes into it.</summary>
    private static IntPtr BlockStart(ByteRing ring, ReadOnlySpan<byte> span, long offset) => AddressOf(span) - (int)(offset % ring.Capacity);
}
