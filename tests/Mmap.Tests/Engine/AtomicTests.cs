using Mmap;

namespace Mmap.Tests.Engine;

public sealed class AtomicTests : IDisposable
{
    private readonly TempDir _dir = new();
    private readonly Tags _tags = new();
    public void Dispose()
    {
        _tags.Dispose();
        _dir.Dispose();
    }

    [Fact]
    public void Add_returns_the_sum_for_each_integer_type_and_wraps()
    {
        using var map = MemoryMap.MapAnonymous(4096);
        Assert.Equal(5, map.Add(0, 5));
        Assert.Equal(2, map.Add(0, -3));
        Assert.Equal(2, map.Read<int>(0));
        Assert.Equal(10L, map.Add(8, 10L));
        Assert.Equal(uint.MaxValue, map.Add(16, uint.MaxValue));
        Assert.Equal(0u, map.Add(16, 1u));                       // wraps, as Interlocked.Add does
        Assert.Equal(ulong.MaxValue - 1, map.Add(24, ulong.MaxValue - 1));
        Assert.Equal(long.MinValue, map.Add(32, long.MaxValue) + map.Add(32, 1L) - long.MaxValue); // long.MaxValue + 1 wraps
        Assert.Equal(long.MinValue, map.Read<long>(32));
    }

    [Fact]
    public void CompareExchange_stores_only_over_the_comparand_and_returns_what_it_saw()
    {
        using var map = MemoryMap.MapAnonymous(4096);
        map.Write(64, 7L);
        Assert.Equal(7L, map.CompareExchange(64, 9L, 0L));   // not 0: no store
        Assert.Equal(7L, map.Read<long>(64));
        Assert.Equal(7L, map.CompareExchange(64, 9L, 7L));   // 7: stored
        Assert.Equal(9L, map.Read<long>(64));
        Assert.Equal(0, map.CompareExchange(4, -1, 0));
        Assert.Equal(-1, map.Read<int>(4));
        Assert.Equal(uint.MaxValue, map.CompareExchange(4, 1u, uint.MaxValue));
    }

    [Theory]
    [InlineData(1L, "Use offset 0 or 8")]
    [InlineData(12L, "Use offset 8 or 16")]
    public void A_misaligned_64_bit_value_names_the_nearest_aligned_offsets(long offset, string advice)
    {
        using var map = MemoryMap.MapAnonymous(4096);
        var e = Expect.Error(MmapError.InvalidArgument, () => map.Add(offset, 1L));
        Assert.Contains(advice, e.Message);
        Expect.Error(MmapError.InvalidArgument, () => map.CompareExchange(offset, 1L, 0L));
        Assert.Equal(0, map.Read<long>(8)); // nothing written
    }

    [Fact]
    public void A_misaligned_32_bit_value_is_refused_too()
    {
        using var map = MemoryMap.MapAnonymous(4096);
        Assert.Contains("Use offset 4 or 8", Expect.Error(MmapError.InvalidArgument, () => map.Add(6, 1)).Message);
        Assert.Equal(1, map.Add(4092, 1)); // the last aligned int of the map
    }

    [Fact]
    public void Other_types_ranges_outside_the_map_and_read_only_maps_are_refused()
    {
        using var map = MemoryMap.MapAnonymous(4096);
        Assert.Contains("Int16", Expect.Error(MmapError.InvalidArgument, () => map.Add<short>(0, 1)).Message);
        Expect.Error(MmapError.InvalidArgument, () => map.CompareExchange(0, 1.0, 0.0));
        Assert.Contains("4096 bytes", Expect.Error(MmapError.InvalidArgument, () => map.Add(4096, 1L)).Message);
        Expect.Error(MmapError.InvalidArgument, () => map.Add(-8, 1L));

        string path = _dir.Pattern("p.bin", 4096);
        using var readOnly = MemoryMap.MapFile(path);
        Assert.Contains("read-only", Expect.Error(MmapError.AccessDenied, () => readOnly.Add(0, 1L)).Message);
        Expect.Error(MmapError.AccessDenied, () => readOnly.CompareExchange(0, 1, 0));
        Assert.Equal(TempDir.PatternBytes(4096), File.ReadAllBytes(path));
    }

    [Fact]
    public void Atomics_after_dispose_are_ObjectDisposedException()
    {
        var map = MemoryMap.MapAnonymous(4096);
        map.Dispose();
        Assert.Throws<ObjectDisposedException>(() => map.Add(0, 1L));
        Assert.Throws<ObjectDisposedException>(() => map.CompareExchange(0, 1L, 0L));
    }

    [Fact]
    public void Threads_adding_at_once_lose_no_update()
    {
        using var map = MemoryMap.MapAnonymous(4096);
        Parallel.For(0, 4, _ =>
        {
            for (int i = 0; i < 250_000; i++)
            {
                map.Add(0, 1L);
                map.Add(8, 1);
            }
        });
        Assert.Equal(1_000_000L, map.Read<long>(0));
        Assert.Equal(1_000_000, map.Read<int>(8));
    }

    [Fact]
    public void Two_processes_adding_to_one_tag_lose_no_update()
    {
        string tag = _tags.New();
        using var map = MemoryMap.MapShared(tag, new MapOptions { Size = 4096 });
        using var first = Helper.Start("atomic-add", tag, "200000");
        using var second = Helper.Start("atomic-add", tag, "200000");
        var r1 = Helper.Finish(first, TimeSpan.FromMinutes(2));
        var r2 = Helper.Finish(second, TimeSpan.FromMinutes(2));
        Assert.True(r1.ExitCode == 0, r1.Output);
        Assert.True(r2.ExitCode == 0, r2.Output);
        Assert.Equal(400_000L, map.Read<long>(0));
        Assert.Equal(400_000, map.Read<int>(8));
    }

    [Fact]
    public void A_lease_adds_and_compare_exchanges_within_its_range()
    {
        using var map = MemoryMap.MapAnonymous(8192);
        using (var lease = map.Acquire(4096, 4096, write: true))
        {
            Assert.Equal(3L, lease.Add(8, 3L));
            Assert.Equal(3L, lease.CompareExchange(8, 4L, 3L));
            Assert.Equal(0, lease.CompareExchange(0, 1, 0));
        }
        Assert.Equal(4L, map.Read<long>(4096 + 8));
        Assert.Equal(1, map.Read<int>(4096));
        var e = Expect.Error(MmapError.InvalidArgument, () => { using var l = map.Acquire(4096, 4096, write: true); l.Add(4096, 1); });
        Assert.Contains("lease covers 4096 bytes", e.Message);
    }

    [Fact]
    public void A_lease_checks_alignment_in_the_map_and_its_access()
    {
        using var map = MemoryMap.MapAnonymous(8192);
        using (var lease = map.Acquire(4, 4096, write: true))
            Assert.Equal(1L, lease.Add(4, 1L)); // map offset 8
        var e = Expect.Error(MmapError.InvalidArgument, () => { using var l = map.Acquire(4, 4096, write: true); l.Add(0, 1L); });
        Assert.Contains("lease starts at map offset 4", e.Message);
        Assert.Contains("Use offset 4", e.Message);
        Expect.Error(MmapError.AccessDenied, () => { using var l = map.Acquire(0, 4096); l.Add(0, 1L); });
        Expect.Error(MmapError.InvalidArgument, () => { using var l = map.Acquire(0, 4096, write: true); l.CompareExchange<short>(0, 1, 0); });
        Assert.Throws<ObjectDisposedException>(() => { var l = map.Acquire(0, 4096, write: true); l.Dispose(); l.Add(0, 1L); });
        Assert.Equal(1L, map.Read<long>(8));
    }
}
