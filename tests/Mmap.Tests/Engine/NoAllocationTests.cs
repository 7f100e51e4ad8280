using Mmap;

namespace Mmap.Tests.Engine;

/// <summary>No safe call allocates on success: not a message text, not a closure, not a boxed value. Measured with
/// the runtime's per-thread allocation counter around a thousand calls of each, after one call that claims the thread's slot.</summary>
public sealed class NoAllocationTests : IDisposable
{
    private readonly TempDir _dir = new();
    private readonly Tags _tags = new();

    public void Dispose()
    {
        _tags.Dispose();
        _dir.Dispose();
    }

    public static TheoryData<string> Maps => new() { "file", "file-unchecked", "anonymous", "tag", "mirror", "placed" };

    [Theory]
    [MemberData(nameof(Maps))]
    public void Safe_calls_allocate_nothing(string kind)
    {
        using var map = Make(kind);
        var buffer = new byte[64];
        var offsets = new long[] { 0, 8, 4096 };
        var values = new long[3];
        long Calls()
        {
            long sum = 0;
            for (int i = 0; i < 1000; i++)
            {
                map.Write<long>(8, i);
                sum += map.Read<long>(8);
                map.Read(0, buffer);
                map.Write(64, buffer);
                map.Gather<long>(offsets, values);
                using (var lease = map.Acquire(0, 8192, write: true))
                {
                    lease.Write<int>(16, i);
                    sum += lease.Read<int>(16);
                }
                map.Advise(MapAdvice.Normal, 0, 4096);
                sum += map.GetBackingSize();
            }
            return sum;
        }
        Calls(); // the first call claims this thread's slot and lets the runtime settle
        long before = GC.GetAllocatedBytesForCurrentThread();
        Calls();
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void A_shared_rings_calls_allocate_nothing()
    {
        using var ring = ByteRing.Create(_tags.New(), 64 * 1024);
        var chunk = new byte[100];
        void Calls()
        {
            for (int i = 0; i < 1000; i++)
            {
                ring.TryWrite(chunk);
                ring.TryRead(chunk);
                _ = ring.UsedBytes;
            }
        }
        Calls();
        long before = GC.GetAllocatedBytesForCurrentThread();
        Calls();
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    private MemoryMap Make(string kind)
    {
        var rw = new MapOptions { Access = MapAccess.ReadWrite, Size = 8192 };
        switch (kind)
        {
            case "file": return MemoryMap.MapFile(_dir.File("a.bin"), rw);
            case "file-unchecked": return MemoryMap.MapFile(_dir.File("b.bin"), new MapOptions { Access = MapAccess.ReadWrite, Size = 8192, SizeCheck = false });
            case "anonymous": return MemoryMap.MapAnonymous(8192);
            case "tag": return MemoryMap.MapShared(_tags.New(), rw);
            case "mirror": return MirroredMap.MapAnonymous(8192);
            default: return MemoryMap.MapAnonymous(8192, new MapOptions { Placement = MapPlacement.High }); // the per-thread guard
        }
    }
}
