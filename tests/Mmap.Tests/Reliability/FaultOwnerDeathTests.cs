using System.Diagnostics;
using Mmap;
using Mmap.TestHelper;
using Mmap.Tests;

namespace Mmap.Tests.Reliability;

/// <summary>
/// The process that made a tag or a ByteRing is killed (SIGKILL) while it writes. Shared memory outlives its
/// maker: the other side still attaches, sees every byte that was published before the kill and nothing torn,
/// learns of the death only by silence (a blocking read returns 0 at its timeout; an SPSC ring has no liveness
/// field), and carries on with a new producer. Nothing waits forever.
/// </summary>
public sealed class FaultOwnerDeathTests : IDisposable
{
    private const int Chunk = 4096, Capacity = 64 * 1024;
    private static readonly TimeSpan Silence = TimeSpan.FromMilliseconds(300);
    private readonly Tags _tags = new();

    public void Dispose() => _tags.Dispose();

    [SkippableFact]
    public void A_tag_whose_owner_was_killed_mid_write_can_still_be_attached_read_and_written()
    {
        Skip.IfNot(Expect.IsLinux, "runs the helper with dotnet and kills it");
        string tag = _tags.New();
        using (var owner = FaultProcess.StartInteractive(null, "fault-own-tag", tag))
        {
            FaultProcess.WaitFor(owner, "ready");
            Thread.Sleep(100); // let it write a while
            owner.Kill();
            Assert.True(owner.WaitForExit(10_000));
        }
        var clock = Stopwatch.StartNew();
        using var map = MemoryMap.MapShared(tag, new MapOptions { Access = MapAccess.ReadWrite }, new TagOptions { Mode = SharedOpenMode.OpenExisting });
        Assert.InRange(clock.ElapsedMilliseconds, 0, 5000);
        long first = map.Read<long>(0), second = map.Read<long>(8);
        Assert.True(first > 0, "the owner wrote before it died");
        // The owner writes word 0, then word 1: killed between them, word 1 is one behind. That is how a reader of a
        // plain tag detects a half-done update: by the protocol of its data, the engine has no other way to know.
        Assert.InRange(first - second, 0, 1);
        map.Write<long>(8, first);
        Assert.Equal(first, map.Read<long>(8));
    }

    [SkippableFact]
    public void A_ring_whose_producer_was_killed_mid_write_keeps_every_published_byte_and_takes_a_new_producer()
    {
        Skip.IfNot(Expect.IsLinux, "runs the helper with dotnet and kills it");
        string tag = _tags.New();
        using var producer = FaultProcess.StartInteractive(null, "fault-own-ring", tag, Capacity.ToString(), Chunk.ToString());
        FaultProcess.WaitFor(producer, "ready");
        using var ring = ByteRing.Attach(tag);
        var chunk = new byte[Chunk];
        ulong hash = 0;
        long received = 0;
        // Read while the producer is killed, so the kill lands while it copies or publishes.
        var killer = Task.Run(() => { Thread.Sleep(200); producer.Kill(); });
        int n;
        var clock = Stopwatch.StartNew();
        while ((n = ring.Read(chunk, Silence)) > 0)
        {
            Assert.Equal(Chunk, n); // the producer publishes whole chunks only: no torn chunk is ever visible
            hash = TestStream.Hash(hash, chunk);
            received += n;
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), "the dead producer's ring never went quiet");
        }
        killer.Wait();
        Assert.True(producer.WaitForExit(10_000));
        Assert.True(received > Capacity, $"only {received} bytes arrived before the kill");
        Assert.Equal(TestStream.ExpectedHash(received, Chunk), hash); // every byte published, in order, none twice
        Assert.Equal(0, ring.UsedBytes);

        // Recovery: the ring is intact, so another process attaches as the new producer and the data flows again.
        const long more = 1 << 20;
        using var successor = Helper.Start("ring-produce", tag, more.ToString(), Chunk.ToString());
        ulong received2 = TestStream.Consume(ring, more, Chunk, TimeSpan.FromSeconds(60));
        var (code, output) = Helper.Finish(successor, TimeSpan.FromSeconds(60));
        Assert.True(code == 0, output);
        Assert.Equal(TestStream.ExpectedHash(more, Chunk), received2);
    }

    [SkippableFact]
    public void A_ring_whose_consumer_was_killed_fills_up_and_writes_time_out_instead_of_hanging()
    {
        Skip.IfNot(Expect.IsLinux, "runs the helper with dotnet and kills it");
        string tag = _tags.New();
        using var ring = ByteRing.Create(tag, Capacity);
        using var consumer = Helper.Start("ring-consume", tag, (1L << 40).ToString(), Chunk.ToString());
        var chunk = new byte[Chunk];
        long position = 0;
        for (; position < 4 * Capacity; position += Chunk) // the consumer is reading
        {
            TestStream.Fill(chunk, position);
            Assert.True(ring.Write(chunk, TimeSpan.FromSeconds(30)), "the live consumer took nothing");
        }
        var clock = Stopwatch.StartNew();
        consumer.Kill();
        Assert.True(consumer.WaitForExit(10_000));
        bool refused = false;
        while (!refused)
        {
            TestStream.Fill(chunk, position);
            refused = !ring.Write(chunk, Silence);
            position += Chunk;
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), "writes never stopped after the consumer died");
        }
        Assert.Equal(ring.Capacity, ring.UsedBytes);
        using var again = ByteRing.Attach(tag); // a new consumer can attach and would read on from the tail
        Assert.Equal(ring.Capacity, again.UsedBytes);
    }
}
