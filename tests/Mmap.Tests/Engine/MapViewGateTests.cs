using Mmap;
using Mmap.Platform;

namespace Mmap.Tests.Engine;

/// <summary>
/// The shape every safe call goes through: one view per map behind one gate, and one range primitive that MemoryMap and
/// MapLease share (docs/design.md, "one view, one gate, one range primitive"). What Dispose publishes, what a lease keeps,
/// and that the cell a racing call checks is not handed to another map while such a call can still read it.
/// </summary>
[Collection(ProcessWideCollection.Name)] // counts fault cells handed to new maps: no other test may make maps meanwhile
public sealed unsafe class MapViewGateTests
{
    [SkippableTheory]
    [InlineData(true)]
    [InlineData(false)]
    public void After_Dispose_even_an_access_of_no_bytes_is_ObjectDisposedException(bool retire)
    {
        Skip.If(retire && !PlatformFacts.Current.CanRetireInPlace, "forces retire-in-place, which Windows has not (PlatformFacts.CanRetireInPlace: a view cannot be replaced in place there)");
        var map = MemoryMap.MapAnonymous(4096, new MapOptions { RetireInPlace = retire });
        map.Dispose();
        Assert.Throws<ObjectDisposedException>(() => map.Read(0, Span<byte>.Empty));
        Assert.Throws<ObjectDisposedException>(() => map.Write(0, ReadOnlySpan<byte>.Empty));
        Assert.Throws<ObjectDisposedException>(() => map.Gather<long>(ReadOnlySpan<long>.Empty, Span<long>.Empty));
        Assert.Throws<ObjectDisposedException>(() => map.IndexOf(new byte[] { 1 }));
        Assert.Throws<ObjectDisposedException>(() => map.Add(0, 1));
    }

    [Fact]
    public void A_disposed_map_reports_what_it_was_and_refuses_a_bad_range_as_disposed()
    {
        var map = MemoryMap.MapAnonymous(8192, new MapOptions { Access = MapAccess.Read });
        IntPtr at = map.Address;
        map.Dispose();
        Assert.Equal(8192, map.Size);               // the closed view keeps what the map was, for hosts that list it
        Assert.Equal(MapAccess.Read, map.Access);
        Assert.Equal(at, map.Address);
        Assert.True(map.IsDisposed);
        Assert.Throws<ObjectDisposedException>(() => map.Read<long>(1 << 20)); // disposed says more than "out of range"
        Assert.Throws<ObjectDisposedException>(() => map.Write<long>(0, 1));   // ... and more than "read-only"
    }

    [SkippableTheory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_lease_goes_on_after_its_map_is_disposed_and_ends_the_memory_when_it_ends(bool retire)
    {
        Skip.If(retire && !PlatformFacts.Current.CanRetireInPlace, "forces retire-in-place, which Windows has not (PlatformFacts.CanRetireInPlace: a view cannot be replaced in place there)");
        var map = MemoryMap.MapAnonymous(4096, new MapOptions { RetireInPlace = retire });
        map.Write<long>(8, 42);
        var lease = map.Acquire(0, 4096, write: true);
        var other = new Thread(() => map.Read<long>(0)); // so Dispose takes the racing path of the retired scheme
        other.Start();
        other.Join();
        map.Dispose();
        Assert.Throws<ObjectDisposedException>(() => map.Read<long>(8));
        Assert.Equal(42, lease.Read<long>(8));      // Dispose closed the cell for safe calls, not the lease's fault bit
        lease.Write<long>(16, 7);
        Assert.Equal(43, lease.Add(8, 1L));
        lease.Dispose();
        Assert.Equal(0, lease.Length);
    }

    [Fact]
    public void The_map_and_its_lease_run_the_same_operations_with_the_same_results()
    {
        using var map = MemoryMap.MapAnonymous(8192);
        using var lease = map.Acquire(4096, 4096, write: true);
        map.Write<int>(4096, 5);
        Assert.Equal(5, lease.Read<int>(0));
        lease.Write<long>(8, -3);
        Assert.Equal(-3, map.Read<long>(4104));
        lease.Write(16, new byte[] { 1, 2, 3 });
        var back = new byte[3];
        map.Read(4112, back);
        Assert.Equal(new byte[] { 1, 2, 3 }, back);
        Assert.Equal(6, map.Add(4096, 1));
        Assert.Equal(7, lease.Add(0, 1));
        Assert.Equal(7, map.CompareExchange(4096, 9, 7));
        Assert.Equal(9, lease.CompareExchange(0, 1, 0)); // did not swap: 9 was there
        Assert.Equal(9, map.Read<int>(4096));
    }

    [SkippableFact]
    public void The_cell_a_call_racing_Dispose_checks_is_not_handed_to_a_new_map_until_the_disposed_map_is_collected()
    {
        Skip.IfNot(PlatformFacts.Current.CanRetireInPlace, "only a map retired in place can be disposed under a racing call; elsewhere Dispose waits for calls and the cell goes back at once");
        var held = new MemoryMap?[1]; // the disposed map stays reachable through this until the first check is done
        var (address, weak) = DisposeAfterUseElsewhere(held);
        var cell = (FaultCell*)address;
        Assert.Equal(FaultCell.ClosedBit, cell->Faulted & FaultCell.ClosedBit); // a racing call's check after its access fails
        Assert.False(HandsOut(cell)); // more maps than two slabs of cells: none gets it
        Assert.Equal(FaultCell.ClosedBit, cell->Faulted & FaultCell.ClosedBit);
        held[0] = null;
        for (int i = 0; i < 3 && weak.IsAlive; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }
        Assert.False(weak.IsAlive);
        Assert.True(HandsOut(cell)); // the collected map's range was unmapped and its cell given back
    }

    /// <summary>Makes 600 maps at once: whether one of them got <paramref name="cell"/>.</summary>
    private static bool HandsOut(FaultCell* cell)
    {
        var fresh = new List<MemoryMap>();
        try
        {
            for (int i = 0; i < 600; i++) fresh.Add(MemoryMap.MapAnonymous(4096));
            var wanted = (IntPtr)cell;
            return fresh.Exists(m => (IntPtr)m.CurrentView.Fault == wanted);
        }
        finally
        {
            foreach (var map in fresh) map.Dispose();
        }
    }

    /// <summary>In a method of its own, so the map is reachable only through <paramref name="held"/> once it returns.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static (IntPtr Cell, WeakReference Map) DisposeAfterUseElsewhere(MemoryMap?[] held)
    {
        var map = MemoryMap.MapAnonymous(4096);
        held[0] = map;
        var other = new Thread(() => map.Read<long>(0));
        other.Start();
        other.Join();
        var cell = (IntPtr)map.CurrentView.Fault;
        map.Dispose();
        return (cell, new WeakReference(map));
    }
}
