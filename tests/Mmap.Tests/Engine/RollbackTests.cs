using Mmap;

namespace Mmap.Tests.Engine;

/// <summary>The factories' one undo mechanism: steps undone newest first, nothing undone after the hand-over, and an
/// undo that fails never hides the error that made the call fail.</summary>
public class RollbackTests
{
    [Fact]
    public void Undoes_every_step_newest_first()
    {
        var done = new List<int>();
        using (var rollback = new Rollback())
        {
            rollback.Add(() => done.Add(1));
            rollback.Add(() => done.Add(2));
            rollback.Add(() => done.Add(3));
        }
        Assert.Equal([3, 2, 1], done);
    }

    [Fact]
    public void An_undo_that_fails_does_not_stop_the_others()
    {
        var done = new List<int>();
        using (var rollback = new Rollback())
        {
            rollback.Add(() => done.Add(1));
            rollback.Add(() => throw new MmapException(MmapError.OsError, "undo failed"));
            rollback.Add(() => throw new IOException("undo failed"));
        }
        Assert.Equal([1], done);
    }

    [Fact]
    public void A_failed_map_leaves_no_file_it_created()
    {
        using var dir = new TempDir();
        string path = dir.File("new.bin");
        using var inUse = MemoryMap.MapAnonymous(PageInfo.Current.AllocationGranularity);
        // The OS refuses the address only after the file was created and grown: the rollback must delete it again.
        Expect.Error(MmapError.OutOfMemory, () => MemoryMap.MapFile(path,
            new MapOptions { Access = MapAccess.ReadWrite, Size = 4096, Address = (ulong)inUse.Address.ToInt64() }));
        Assert.False(File.Exists(path));
    }

    [Fact]
    public void Options_left_out_get_the_kind_default_access()
    {
        Assert.Equal(MapAccess.Read, MapOptions.DefaultAccess(MapKind.File));
        foreach (var kind in new[] { MapKind.Anonymous, MapKind.Shared, MapKind.Mirror })
            Assert.Equal(MapAccess.ReadWrite, MapOptions.DefaultAccess(kind));
        Assert.Equal(MapAccess.CopyOnWrite, new MapOptions { Access = MapAccess.CopyOnWrite }.AccessFor(MapKind.Anonymous));
    }

    [Fact]
    public void MmapException_is_an_IOException() =>
        Assert.IsAssignableFrom<IOException>(Expect.Error(MmapError.NoFile, () => MemoryMap.MapFile(Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N")))));
}
