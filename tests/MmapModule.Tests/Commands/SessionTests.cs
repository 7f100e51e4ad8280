using Mmap;
using Mmap.Commands.Core;

namespace MmapModule.Tests.Commands;

/// <summary>The module session is process-wide, so these tests run alone.</summary>
[Collection(ProcessWideCollection.Name)]
public sealed class SessionTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose()
    {
        ModuleSession.FreeAll();
        _dir.Dispose();
    }

    [Fact]
    public void Open_maps_a_file_and_the_session_keeps_it()
    {
        string path = _dir.Pattern("a.bin", 5000);
        var map = NewMapPlanner.Open(new NewMapParameters { ParameterSet = NewMapSets.Path }, path);
        Assert.Equal(5000, map.Size);
        Assert.Equal(MapAccess.Read, map.Access);
        Assert.True(ModuleSession.Holds(map.Id));
        Assert.Contains(map, MemoryMapRegistry.GetLiveMaps());
    }

    [Fact]
    public void Writing_creates_a_new_file_and_reading_reports_no_file()
    {
        string path = _dir.File("new.bin");
        Expect.Error(MmapError.NoFile, () => NewMapPlanner.Open(new NewMapParameters { ParameterSet = NewMapSets.LiteralPath, Size = 100 }, path));
        Assert.False(File.Exists(path));
        var map = NewMapPlanner.Open(new NewMapParameters { ParameterSet = NewMapSets.LiteralPath, Access = MapAccess.ReadWrite, Size = 100 }, path);
        Assert.Equal(100, new FileInfo(path).Length);
        Assert.Equal(MapKind.File, map.Kind);
    }

    [Fact]
    public void Open_maps_anonymous_memory_read_write()
    {
        var map = NewMapPlanner.Open(new NewMapParameters { ParameterSet = NewMapSets.Anonymous, Size = 8192 }, null);
        map.Write(0, new byte[] { 7 });
        Assert.Equal(MapKind.Anonymous, map.Kind);
        Assert.True(ModuleSession.Holds(map.Id));
    }

    [Fact]
    public void A_failed_open_keeps_nothing()
    {
        int before = MemoryMapRegistry.GetLiveMaps().Count;
        Expect.Error(MmapError.InvalidArgument, () =>
            NewMapPlanner.Open(new NewMapParameters { ParameterSet = NewMapSets.Path, Offset = 1 }, _dir.Pattern("o.bin", 10000)));
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
        var map = NewMapPlanner.Open(new NewMapParameters { ParameterSet = NewMapSets.Anonymous, Size = 4096 }, null);
        ModuleSession.Free(map);
        ModuleSession.Free(map);
        Assert.True(map.IsDisposed);
        Assert.False(ModuleSession.Holds(map.Id));
    }

    [Fact]
    public void Module_removal_frees_every_map_the_session_holds()
    {
        var a = NewMapPlanner.Open(new NewMapParameters { ParameterSet = NewMapSets.Anonymous, Size = 4096 }, null);
        var b = NewMapPlanner.Open(new NewMapParameters { ParameterSet = NewMapSets.Path }, _dir.Pattern("b.bin", 100));
        var c = NewMapPlanner.Open(new NewMapParameters { ParameterSet = NewMapSets.Anonymous, Size = 4096 }, null);
        c.Dispose(); // freed from C# meanwhile: not counted as open
        Assert.Equal(2, ModuleSession.FreeAll());
        Assert.True(a.IsDisposed && b.IsDisposed);
        Assert.False(ModuleSession.Holds(a.Id) || ModuleSession.Holds(b.Id) || ModuleSession.Holds(c.Id));
        Assert.Equal(0, ModuleSession.FreeAll());
    }

    [Fact]
    public void Keep_drops_maps_freed_elsewhere()
    {
        var a = NewMapPlanner.Open(new NewMapParameters { ParameterSet = NewMapSets.Anonymous, Size = 4096 }, null);
        a.Dispose();
        NewMapPlanner.Open(new NewMapParameters { ParameterSet = NewMapSets.Anonymous, Size = 4096 }, null);
        Assert.False(ModuleSession.Holds(a.Id));
    }

    private static long OpenAndForget() =>
        NewMapPlanner.Open(new NewMapParameters { ParameterSet = NewMapSets.Anonymous, Size = 4096 }, null).Id;
}
