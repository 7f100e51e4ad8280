using Mmap;
using Mmap.Commands;
using Mmap.Commands.Policy;

namespace Mmap.PowerShell.Tests.Policy;

/// <summary>These tests count the engine's process-wide registry, so they run alone.</summary>
[Collection(ProcessWideCollection.Name)]
public sealed class SessionTests : IDisposable
{
    private readonly TempDir _dir = new();
    private readonly ModuleSession _session = new("test");

    public void Dispose()
    {
        _session.FreeAll();
        _dir.Dispose();
    }

    [Fact]
    public void Open_maps_a_file_and_the_session_keeps_it()
    {
        string path = _dir.Pattern("a.bin", 5000);
        var map = NewMapPlanner.Open(new NewMapParameters { ParameterSet = NewMapCmdlet.PathSet }, path, _session);
        Assert.Equal(5000, map.Size);
        Assert.Equal(MapAccess.Read, map.Access);
        Assert.True(_session.Holds(map.Id));
        Assert.Contains(map, MemoryMapRegistry.GetLiveMaps());
    }

    [Fact]
    public void Writing_creates_a_new_file_and_reading_reports_no_file()
    {
        string path = _dir.File("new.bin");
        Expect.Error(MmapError.NoFile, () => NewMapPlanner.Open(new NewMapParameters { ParameterSet = NewMapCmdlet.LiteralPathSet, Size = 100 }, path, _session));
        Assert.False(File.Exists(path));
        var map = NewMapPlanner.Open(new NewMapParameters { ParameterSet = NewMapCmdlet.LiteralPathSet, Access = MapAccess.ReadWrite, Size = 100 }, path, _session);
        Assert.Equal(100, new FileInfo(path).Length);
        Assert.Equal(MapKind.File, map.Kind);
    }

    [Fact]
    public void Open_maps_anonymous_memory_read_write()
    {
        var map = NewMapPlanner.Open(new NewMapParameters { ParameterSet = NewMapCmdlet.AnonymousSet, Size = 8192 }, null, _session);
        map.Write(0, new byte[] { 7 });
        Assert.Equal(MapKind.Anonymous, map.Kind);
        Assert.True(_session.Holds(map.Id));
    }

    [Fact]
    public void A_failed_open_keeps_nothing()
    {
        int before = MemoryMapRegistry.GetLiveMaps().Count;
        Expect.Error(MmapError.InvalidArgument, () =>
            NewMapPlanner.Open(new NewMapParameters { ParameterSet = NewMapCmdlet.PathSet, Offset = 1 }, _dir.Pattern("o.bin", 10000), _session));
        Assert.Equal(before, MemoryMapRegistry.GetLiveMaps().Count);
    }

    [Fact]
    public void Maps_stay_alive_without_any_other_reference()
    {
        long id = OpenAndForget();
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        Assert.NotNull(MemoryMapRegistry.Find(id));
    }

    [Fact]
    public void Free_forgets_and_unmaps_and_is_harmless_twice()
    {
        var map = NewMapPlanner.Open(new NewMapParameters { ParameterSet = NewMapCmdlet.AnonymousSet, Size = 4096 }, null, _session);
        _session.Free(map);
        _session.Free(map);
        Assert.True(map.IsDisposed);
        Assert.False(_session.Holds(map.Id));
    }

    [Fact]
    public void Module_removal_frees_every_map_the_session_holds()
    {
        var a = NewMapPlanner.Open(new NewMapParameters { ParameterSet = NewMapCmdlet.AnonymousSet, Size = 4096 }, null, _session);
        var b = NewMapPlanner.Open(new NewMapParameters { ParameterSet = NewMapCmdlet.PathSet }, _dir.Pattern("b.bin", 100), _session);
        var c = NewMapPlanner.Open(new NewMapParameters { ParameterSet = NewMapCmdlet.AnonymousSet, Size = 4096 }, null, _session);
        c.Dispose(); // freed from C# meanwhile: not counted as open
        Assert.Equal(2, _session.FreeAll());
        Assert.True(a.IsDisposed && b.IsDisposed);
        Assert.False(_session.Holds(a.Id) || _session.Holds(b.Id) || _session.Holds(c.Id));
        Assert.Equal(0, _session.FreeAll());
    }

    [Fact]
    public void Keep_drops_maps_freed_elsewhere()
    {
        var a = NewMapPlanner.Open(new NewMapParameters { ParameterSet = NewMapCmdlet.AnonymousSet, Size = 4096 }, null, _session);
        a.Dispose();
        NewMapPlanner.Open(new NewMapParameters { ParameterSet = NewMapCmdlet.AnonymousSet, Size = 4096 }, null, _session);
        Assert.False(_session.Holds(a.Id));
    }

    [Fact]
    public void Each_owner_has_its_own_session_and_freeing_one_leaves_the_others_open()
    {
        object parent = new(), job = new();
        Assert.Same(ModuleSessions.For(parent, "parent", _ => { }), ModuleSessions.For(parent, "parent", _ => { }));
        Assert.NotSame(ModuleSessions.For(parent, "parent", _ => { }), ModuleSessions.For(job, "job", _ => { }));
        var kept = NewMapPlanner.Open(new NewMapParameters { ParameterSet = NewMapCmdlet.AnonymousSet, Size = 4096 }, null, ModuleSessions.For(parent, "parent", _ => { }));
        var freed = NewMapPlanner.Open(new NewMapParameters { ParameterSet = NewMapCmdlet.AnonymousSet, Size = 4096 }, null, ModuleSessions.For(job, "job", _ => { }));
        try
        {
            Assert.Equal(1, ModuleSessions.For(job, "job", _ => { }).FreeAll());
            Assert.True(freed.IsDisposed);
            Assert.False(kept.IsDisposed);
            Assert.Equal([kept], ModuleSessions.For(parent, "parent", _ => { }).LiveMaps);
        }
        finally { ModuleSessions.For(parent, "parent", _ => { }).FreeAll(); }
    }

    [Fact]
    public void LiveMaps_lists_the_open_maps_oldest_first()
    {
        var a = NewMapPlanner.Open(new NewMapParameters { ParameterSet = NewMapCmdlet.AnonymousSet, Size = 4096 }, null, _session);
        var b = NewMapPlanner.Open(new NewMapParameters { ParameterSet = NewMapCmdlet.AnonymousSet, Size = 4096 }, null, _session);
        var c = NewMapPlanner.Open(new NewMapParameters { ParameterSet = NewMapCmdlet.AnonymousSet, Size = 4096 }, null, _session);
        b.Dispose(); // freed from C#: no longer listed
        Assert.Equal([a, c], _session.LiveMaps);
    }

    private long OpenAndForget() =>
        NewMapPlanner.Open(new NewMapParameters { ParameterSet = NewMapCmdlet.AnonymousSet, Size = 4096 }, null, _session).Id;
}
