using System.Diagnostics;
using Mmap;
using Mmap.TestHelper;

namespace Mmap.Tests.Shared;

public sealed class ByteRingTests : IDisposable
{
    private const long OneGiB = 1L << 30;
    private const int RingSize = 64 * 1024;
    private const int Chunk = 16 * 1024;
    private static readonly TimeSpan Stall = TimeSpan.FromSeconds(60);
    private readonly Tags _tags = new();

    public void Dispose() => _tags.Dispose();

    [Fact]
    public void Writes_and_reads_wrap_around_as_single_copies()
    {
        using var ring = ByteRing.Create(4096);
        long cap = ring.Capacity;
        Assert.Equal(PageInfo.Current.AllocationGranularity, cap);
        Assert.Equal(cap, ring.FreeBytes);
        var first = new byte[cap - 100];
        Assert.True(ring.TryWrite(first));
        Assert.Equal(first.Length, ring.TryRead(new byte[cap]));
        // The head now sits 100 bytes before the end: this write crosses the end of the block.
        var data = TempDir.PatternBytes(1000);
        Assert.True(ring.TryWrite(data));
        Assert.Equal(1000, ring.UsedBytes);
        Assert.Equal(cap - 1000, ring.FreeBytes);
        var back = new byte[1000];
        Assert.Equal(1000, ring.TryRead(back));
        Assert.Equal(data, back);
        Assert.Equal(0, ring.UsedBytes);
    }

    [Fact]
    public void A_full_ring_refuses_a_write_whole_and_an_empty_one_reads_nothing()
    {
        using var ring = ByteRing.Create(4096);
        Assert.Equal(0, ring.TryRead(new byte[10]));
        Assert.True(ring.TryWrite(new byte[ring.Capacity - 10]));
        Assert.False(ring.TryWrite(new byte[11]));
        Assert.Equal(ring.Capacity - 10, ring.UsedBytes);
        Assert.True(ring.TryWrite(new byte[10]));
        Assert.Equal(0, ring.FreeBytes);
        var e = Expect.Error(MmapError.InvalidArgument, () => ring.TryWrite(new byte[ring.Capacity + 1]));
        Assert.Contains("pieces", e.Message);
    }

    [Fact]
    public void Blocking_calls_give_up_after_their_timeout()
    {
        using var ring = ByteRing.Create(4096);
        var clock = Stopwatch.StartNew();
        Assert.Equal(0, ring.Read(new byte[8], TimeSpan.FromMilliseconds(100)));
        Assert.InRange(clock.ElapsedMilliseconds, 95, 5000);
        Assert.True(ring.Write(new byte[ring.Capacity], TimeSpan.Zero));
        clock.Restart();
        Assert.False(ring.Write(new byte[1], TimeSpan.FromMilliseconds(100)));
        Assert.InRange(clock.ElapsedMilliseconds, 95, 5000);
        Assert.Throws<ArgumentOutOfRangeException>(() => ring.Read(new byte[1], TimeSpan.FromMilliseconds(-5)));
    }

    [Fact]
    public async Task A_blocked_reader_wakes_when_data_arrives()
    {
        using var ring = ByteRing.Create(4096);
        var reader = Task.Run(() => { var b = new byte[4]; int n = ring.Read(b, TimeSpan.FromSeconds(30)); return (n, b); });
        Thread.Sleep(50);
        Assert.True(ring.TryWrite(new byte[] { 9, 8, 7, 6 }));
        var (n, bytes) = await reader;
        Assert.Equal(4, n);
        Assert.Equal(new byte[] { 9, 8, 7, 6 }, bytes);
    }

    [Fact]
    public async Task One_GiB_through_a_64_KiB_ring_between_two_threads_arrives_once_in_order()
    {
        using var ring = ByteRing.Create(RingSize);
        Assert.Equal(RingSize, ring.Capacity);
        var consumer = Task.Run(() => TestStream.Consume(ring, OneGiB, Chunk, Stall));
        ulong produced = TestStream.Produce(ring, OneGiB, Chunk, Stall);
        Assert.Equal(TestStream.ExpectedHash(OneGiB, Chunk), produced);
        Assert.Equal(produced, await consumer);
        Assert.Equal(0, ring.UsedBytes);
    }

    [Fact]
    public void One_GiB_through_a_64_KiB_ring_between_two_processes_arrives_once_in_order()
    {
        string tag = _tags.New();
        using var ring = ByteRing.Create(tag, RingSize);
        using var consumer = Helper.Start("ring-consume", tag, OneGiB.ToString(), Chunk.ToString());
        ulong produced = TestStream.Produce(ring, OneGiB, Chunk, Stall);
        var (exit, output) = Helper.Finish(consumer, TimeSpan.FromMinutes(3));
        Assert.True(exit == 0, output);
        Assert.Equal(TestStream.ExpectedHash(OneGiB, Chunk), produced);
        Assert.Equal($"hash {produced:X16}", output.Trim());
    }

    [Fact]
    public void A_second_process_can_produce_into_a_ring_made_here()
    {
        string tag = _tags.New();
        using var ring = ByteRing.Create(tag, RingSize);
        const long length = 8 << 20;
        using var producer = Helper.Start("ring-produce", tag, length.ToString(), Chunk.ToString());
        ulong consumed = TestStream.Consume(ring, length, Chunk, Stall);
        var (exit, output) = Helper.Finish(producer, TimeSpan.FromMinutes(2));
        Assert.True(exit == 0, output);
        Assert.Equal($"hash {consumed:X16}", output.Trim());
        Assert.Equal(TestStream.ExpectedHash(length, Chunk), consumed);
    }

    [Fact]
    public void Attaching_to_a_segment_that_is_not_a_ring_is_refused()
    {
        string tag = _tags.New();
        long size = ByteRing.HeaderSize + 4 * PageInfo.Current.AllocationGranularity;
        using var plain = MemoryMap.MapShared(tag, new MapOptions { Access = MapAccess.ReadWrite, Size = size });
        plain.Write<ulong>(0, 0xDEADBEEF);
        var e = Expect.Error(MmapError.InvalidArgument, () => ByteRing.Attach(tag));
        Assert.Contains("not a ByteRing", e.Message);
        Assert.Contains("magic", e.Message);
        // The same from another process.
        var (exit, output) = Helper.Run(TimeSpan.FromMinutes(1), "ring-attach", tag);
        Assert.Equal(2, exit);
        Assert.StartsWith("error invalid_argument", output);
    }

    [Fact]
    public void Attaching_to_a_tiny_segment_or_another_version_is_refused()
    {
        string tiny = _tags.New();
        using (MemoryMap.MapShared(tiny, new MapOptions { Access = MapAccess.ReadWrite, Size = 64 }))
            Assert.Contains("cannot hold a ring header", Expect.Error(MmapError.InvalidArgument, () => ByteRing.Attach(tiny)).Message);

        string tag = _tags.New();
        using var ring = ByteRing.Create(tag, 4096);
        using (var header = MemoryMap.MapShared(tag, new MapOptions { Access = MapAccess.ReadWrite, Size = 64 }))
            header.Write<int>(8, ByteRing.Version + 1);
        Assert.Contains("version", Expect.Error(MmapError.InvalidArgument, () => ByteRing.Attach(tag)).Message);
    }

    [Fact]
    public void Attach_to_a_missing_tag_is_no_file_and_create_of_an_existing_one_is_already_exists()
    {
        string tag = _tags.New();
        Expect.Error(MmapError.NoFile, () => ByteRing.Attach(tag));
        using var ring = ByteRing.Create(tag, 4096);
        Expect.Error(MmapError.AlreadyExists, () => ByteRing.Create(tag, 4096));
        using var attached = ByteRing.Attach(tag);
        Assert.Equal(ring.Capacity, attached.Capacity);
        Assert.True(ring.TryWrite(new byte[] { 1, 2, 3 }));
        Assert.Equal(3, attached.UsedBytes);
        var got = new byte[3];
        Assert.Equal(3, attached.TryRead(got));
        Assert.Equal(new byte[] { 1, 2, 3 }, got);
        Assert.Equal(0, ring.UsedBytes);
    }

    [Fact]
    public void A_disposed_ring_throws_object_disposed()
    {
        var ring = ByteRing.Create(4096);
        ring.Dispose();
        Assert.Throws<ObjectDisposedException>(() => ring.TryWrite(new byte[1]));
        Assert.Throws<ObjectDisposedException>(() => ring.TryRead(new byte[1]));
    }

    [Fact]
    public void A_zero_capacity_is_invalid() => Expect.Error(MmapError.InvalidArgument, () => ByteRing.Create(0));
}
