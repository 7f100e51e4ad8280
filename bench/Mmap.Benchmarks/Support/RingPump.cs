namespace Mmap.Benchmarks.Support;

/// <summary>
/// Streams a <see cref="RingStream"/> through a ring: a producer thread writes it chunk by chunk while the calling
/// thread reads it back and folds the checksum of what it received. Every read must return exactly the next chunk
/// (the producer writes whole chunks and the consumer reads into a chunk-sized buffer, so that is what a correct
/// SPSC ring gives); anything else, or a side that waits longer than <see cref="Stall"/>, throws.
/// </summary>
public static class RingPump
{
    /// <summary>Writes all of a chunk, waiting for room as long as it takes.</summary>
    public delegate void Put(ReadOnlySpan<byte> chunk);

    /// <summary>Reads at least one byte, waiting as long as it takes; returns the count.</summary>
    public delegate int Take(Span<byte> destination);

    /// <summary>Writes all of a chunk or nothing, at once.</summary>
    public delegate bool TryPut(ReadOnlySpan<byte> chunk);

    /// <summary>Reads what there is, at once; 0 when empty.</summary>
    public delegate int TryTake(Span<byte> destination);

    /// <summary>How long either side may wait before the run is declared stuck (the whole 1 GiB takes well under a second).</summary>
    public static readonly TimeSpan Stall = TimeSpan.FromSeconds(30);

    /// <summary>An engine ring of exactly <paramref name="capacity"/> bytes, as the plain ring it is compared with.</summary>
    public static ByteRing EngineRing(int capacity)
    {
        var ring = ByteRing.Create(capacity);
        if (ring.Capacity == capacity) return ring;
        ring.Dispose();
        throw new InvalidOperationException($"ByteRing.Create({capacity}) made a ring of {ring.Capacity} bytes; the comparison needs equal rings.");
    }

    /// <summary>Streams <paramref name="stream"/> from a new producer thread through <paramref name="put"/> to this
    /// thread's <paramref name="take"/>; returns the checksum of the bytes received.</summary>
    public static ulong Run(RingStream stream, Put put, Take take)
    {
        var buffer = new byte[RingStream.ChunkBytes];
        return RunPair(() =>
        {
            for (long i = 0; i < stream.ChunkCount; i++) put(stream.Chunk(i));
        }, () =>
        {
            ulong checksum = 0;
            for (long i = 0; i < stream.ChunkCount; i++)
            {
                int got = take(buffer);
                if (got != stream.ChunkLength(i))
                    throw new InvalidOperationException($"Chunk {i}: the ring gave {got} bytes, the producer wrote {stream.ChunkLength(i)}.");
                checksum = RingStream.Fold(checksum, buffer.AsSpan(0, got));
            }
            return checksum;
        });
    }

    /// <summary>Runs <paramref name="produce"/> on a new thread and <paramref name="consume"/> on this one; returns what
    /// the consumer returned, or throws the failure of the side that failed first (not the other's stall).</summary>
    public static ulong RunPair(Action produce, Func<ulong> consume)
    {
        Exception? producerFailure = null, consumerFailure = null;
        var producer = new Thread(() =>
        {
            try { produce(); }
            catch (Exception e) { producerFailure = e; }
        }) { IsBackground = true, Name = "ring producer" };
        producer.Start();

        ulong checksum = 0;
        try { checksum = consume(); }
        catch (Exception e) { consumerFailure = e; }
        producer.Join();
        // A side that stops makes the other one stall: the failure that is not a stall is the cause.
        var failures = new[] { ("producer", producerFailure), ("consumer", consumerFailure) }.Where(f => f.Item2 != null).ToList();
        if (failures.Count > 0)
        {
            var (side, failure) = failures.FirstOrDefault(f => f.Item2 is not TimeoutException, failures[0]);
            throw new InvalidOperationException($"Streaming through the ring failed on the {side} side.", failure);
        }
        return checksum;
    }

    /// <summary>A <see cref="Put"/> that retries <paramref name="tryPut"/> with <see cref="Spinner"/> between tries.</summary>
    public static Put Spinning(TryPut tryPut) => chunk =>
    {
        var wait = new Spinner("write");
        while (!tryPut(chunk)) wait.Next();
    };

    /// <summary>A <see cref="Take"/> that retries <paramref name="tryTake"/> with <see cref="Spinner"/> between tries.</summary>
    public static Take Spinning(TryTake tryTake) => destination =>
    {
        var wait = new Spinner("read");
        int count;
        while ((count = tryTake(destination)) == 0) wait.Next();
        return count;
    };

    /// <summary>The error a side raises when it waited longer than <see cref="Stall"/>.</summary>
    public static TimeoutException Stalled(string side) =>
        new($"The ring {side} waited more than {Stall.TotalSeconds} s: the other side stopped.");

    /// <summary>The wait between tries of the spinning baselines: .NET's SpinWait (spin, then yield), never sleeping,
    /// since the other side is a running thread that is at most a chunk away.</summary>
    public struct Spinner(string side)
    {
        private readonly long _deadline = Environment.TickCount64 + (long)Stall.TotalMilliseconds;
        private SpinWait _spin;

        public void Next()
        {
            _spin.SpinOnce(sleep1Threshold: -1);
            if ((_spin.Count & 1023) == 0 && Environment.TickCount64 > _deadline) throw Stalled(side);
        }
    }
}
