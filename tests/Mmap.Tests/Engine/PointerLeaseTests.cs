using Mmap;

namespace Mmap.Tests.Engine;

/// <summary>AcquirePointer/ReleasePointer (SafeBuffer's pattern, which ByteRing is built on): a Dispose while a pointer
/// is held waits for its release; once freed, acquiring is ObjectDisposedException. Checks addresses after Dispose,
/// so it runs apart from tests that map meanwhile.</summary>
[Collection(ProcessWideCollection.Name)]
public unsafe class PointerLeaseTests
{
    [Fact]
    public void A_held_pointer_keeps_the_memory_mapped_through_a_dispose_until_it_is_released()
    {
        var map = MemoryMap.MapAnonymous(4096);
        byte* p = map.AcquirePointer();
        map.Dispose();
        p[0] = 42; // still mapped: the unmap waits for the release
        Assert.Equal(42, p[0]);
        if (Expect.IsLinux) Assert.NotNull(ProcSelf.MapsLineAt(map.Address));
        map.ReleasePointer();
        Assert.True(map.IsDisposed);
        if (Expect.IsLinux) Assert.Null(ProcSelf.MapsLineOutsideJitAt(map.Address));
    }

    [Fact]
    public void Acquiring_after_dispose_is_ObjectDisposedException()
    {
        var map = MemoryMap.MapAnonymous(4096);
        map.Dispose();
        var e = Assert.Throws<ObjectDisposedException>(() => { map.AcquirePointer(); });
        Assert.Contains("freed", e.Message);
    }

    [Fact]
    public void The_backing_size_is_the_file_size_now_and_the_size_for_anonymous_memory()
    {
        using var dir = new TempDir();
        string path = dir.Pattern("b.bin", 8192);
        using var map = MemoryMap.MapFile(path, new MapOptions { Size = 4096 });
        Assert.Equal(8192, map.GetBackingSize());
        using (var f = new FileStream(path, FileMode.Open)) f.SetLength(12288); // another writer grows it
        Assert.Equal(12288, map.GetBackingSize());
        using var anonymous = MemoryMap.MapAnonymous(4096);
        Assert.Equal(4096, anonymous.GetBackingSize());
        map.Dispose();
        Assert.Throws<ObjectDisposedException>(() => map.GetBackingSize());
    }
}
