using System.Buffers.Binary;

namespace Mmap.Benchmarks.Support;

/// <summary>
/// Streams a <see cref="RecordStream"/> through a ring from a producer thread to this thread, whose consumer parses the
/// records where they lie and folds each payload into the checksum it returns. The engine's ring hands both sides one
/// span across the wrap; the plain ring shows the consumer two pieces, so a record (or a length prefix) that straddles
/// the end is first copied whole into a scratch buffer.
/// </summary>
public static class RecordPump
{
    /// <summary>Through the engine's ring: TryReserve/Commit and Peek/Advance, spinning as the baselines do.</summary>
    public static ulong ThroughByteRing(RecordStream records, ByteRing ring) => RingPump.RunPair(() =>
    {
        for (int i = 0; i < records.Count; i++)
        {
            ReadOnlySpan<byte> payload = records.Payload(i);
            var wait = new RingPump.Spinner("write");
            Span<byte> room;
            while (!ring.TryReserve(RecordStream.PrefixBytes + payload.Length, out room)) wait.Next();
            BinaryPrimitives.WriteInt32LittleEndian(room, payload.Length);
            payload.CopyTo(room[RecordStream.PrefixBytes..]);
            ring.Commit(room.Length);
        }
    }, () =>
    {
        var consumer = new Consumer(records.Count);
        var wait = new RingPump.Spinner("read");
        while (!consumer.Done)
        {
            ReadOnlySpan<byte> data = ring.Peek();
            int used = consumer.Parse(data, ReadOnlySpan<byte>.Empty, null);
            ring.Advance(used);
            if (used == 0) wait.Next();
            else wait = new RingPump.Spinner("read");
        }
        return consumer.Checksum;
    });

    /// <summary>Through the plain ring: split copies in, two pieces out, straddling records reassembled.</summary>
    public static ulong ThroughPlainRing(RecordStream records, PlainRing ring) => RingPump.RunPair(() => ProducePlain(records, ring), () =>
    {
        var consumer = new Consumer(records.Count);
        var scratch = new byte[RecordStream.MaxPayload];
        var wait = new RingPump.Spinner("read");
        while (!consumer.Done)
        {
            ring.Peek(out ReadOnlySpan<byte> first, out ReadOnlySpan<byte> second);
            int used = consumer.Parse(first, second, scratch);
            ring.Advance(used);
            if (used == 0) wait.Next();
            else wait = new RingPump.Spinner("read");
        }
        return consumer.Checksum;
    });

    /// <summary>Through the plain ring with copy calls only, as a ring without peek makes its consumer work: each record's
    /// length and then its payload read out with TryRead (split copies at the end) into a buffer, and folded there.</summary>
    public static ulong ThroughPlainRingCopyingOut(RecordStream records, PlainRing ring) => RingPump.RunPair(() => ProducePlain(records, ring), () =>
    {
        var prefix = new byte[RecordStream.PrefixBytes];
        var payload = new byte[RecordStream.MaxPayload];
        RingPump.Take take = RingPump.Spinning(ring.TryRead);
        ulong checksum = 0;
        for (int i = 0; i < records.Count; i++)
        {
            ReadExactly(take, prefix);
            int length = Consumer.CheckedLength(BinaryPrimitives.ReadInt32LittleEndian(prefix), i);
            ReadExactly(take, payload.AsSpan(0, length));
            checksum = RingStream.Fold(checksum, payload.AsSpan(0, length));
        }
        return checksum;
    });

    /// <summary>The plain ring's producer: each record written with split copies where it runs past the end.</summary>
    private static void ProducePlain(RecordStream records, PlainRing ring)
    {
        for (int i = 0; i < records.Count; i++)
        {
            var wait = new RingPump.Spinner("write");
            while (!ring.TryWriteRecord(records.Payload(i))) wait.Next();
        }
    }

    /// <summary>Fills <paramref name="destination"/> through <paramref name="take"/>, which waits for at least one byte.</summary>
    private static void ReadExactly(RingPump.Take take, Span<byte> destination)
    {
        while (!destination.IsEmpty) destination = destination[take(destination)..];
    }

    /// <summary>The consumer's parser, shared by both rings: whole records only, each payload folded where it lies.</summary>
    private sealed class Consumer(int records)
    {
        private int _parsed;

        public ulong Checksum { get; private set; }

        public bool Done => _parsed == records;

        /// <summary>Parses the whole records at the start of <paramref name="first"/> followed by <paramref name="second"/>;
        /// returns the bytes they took. A record in both pieces is copied into <paramref name="scratch"/> first.</summary>
        public int Parse(ReadOnlySpan<byte> first, ReadOnlySpan<byte> second, byte[]? scratch)
        {
            int total = first.Length + second.Length, used = 0;
            while (total - used >= RecordStream.PrefixBytes)
            {
                int length = CheckedLength(BinaryPrimitives.ReadInt32LittleEndian(Piece(first, second, used, RecordStream.PrefixBytes, scratch)), _parsed);
                if (total - used - RecordStream.PrefixBytes < length) break; // the rest has not arrived yet
                Checksum = RingStream.Fold(Checksum, Piece(first, second, used + RecordStream.PrefixBytes, length, scratch));
                used += RecordStream.PrefixBytes + length;
                _parsed++;
            }
            return used;
        }

        /// <summary><paramref name="length"/>, read as record <paramref name="record"/>'s length, if the producer writes such.</summary>
        public static int CheckedLength(int length, int record) =>
            length >= 1 && length <= RecordStream.MaxPayload ? length
                : throw new InvalidOperationException($"Record {record}: length {length} is not one the producer writes: the ring lost or tore bytes.");

        /// <summary>Bytes [at, at+length) of the two pieces as one span: in place when one piece holds them, else copied.</summary>
        private static ReadOnlySpan<byte> Piece(ReadOnlySpan<byte> first, ReadOnlySpan<byte> second, int at, int length, byte[]? scratch)
        {
            if (at + length <= first.Length) return first.Slice(at, length);
            if (at >= first.Length) return second.Slice(at - first.Length, length);
            int head = first.Length - at;
            first[at..].CopyTo(scratch);
            second[..(length - head)].CopyTo(scratch.AsSpan(head));
            return scratch.AsSpan(0, length);
        }
    }
}
