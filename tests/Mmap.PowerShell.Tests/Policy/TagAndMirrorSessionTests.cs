using System.Management.Automation;
using Mmap;
using Mmap.Commands;
using Mmap.Commands.Policy;
using Mmap.Tests;

namespace Mmap.PowerShell.Tests.Policy;

/// <summary>New-MemoryMap -Tag, New-MirroredMap and Remove-MemoryMap -Unlink through the command core, against the
/// real engine. They collect garbage and read the engine's process-wide registry, so they run alone.</summary>
[Collection(ProcessWideCollection.Name)]
public sealed class TagAndMirrorSessionTests : IDisposable
{
    private readonly TempDir _dir = new();
    private readonly ModuleSession _session = new("test");
    private readonly Tags _tags = new();

    public void Dispose()
    {
        _session.FreeAll();
        _tags.Dispose();
        _dir.Dispose();
    }

    private static NewMapParameters TagRequest(string tag, long? size = 4096, SharedOpenMode mode = SharedOpenMode.OpenOrCreate) =>
        new() { ParameterSet = NewMapCmdlet.TagSet, Tag = tag, Size = size, TagMode = mode };

    [Fact]
    public void A_tag_opened_twice_is_the_same_memory_and_the_session_keeps_both()
    {
        string tag = _tags.New();
        var writer = NewMapPlanner.Open(TagRequest(tag), null, _session);
        var reader = NewMapPlanner.Open(TagRequest(tag, size: null, SharedOpenMode.OpenExisting), null, _session);
        writer.Write(0, new byte[] { 42 });
        Assert.Equal(42, reader.ReadBytes(0, 1)[0]);
        Assert.Equal(MapKind.Shared, writer.Kind);
        Assert.Equal(tag, reader.Tag);
        Assert.Equal(4096, reader.Size);
        Assert.True(_session.Holds(writer.Id) && _session.Holds(reader.Id));
    }

    [Fact]
    public void Tag_modes_report_the_codes_the_cmdlets_use_as_ErrorId()
    {
        string tag = _tags.New();
        Assert.Equal("no_file", Expect.Error(MmapError.NoFile, () => NewMapPlanner.Open(TagRequest(tag, mode: SharedOpenMode.OpenExisting), null, _session)).Code);
        NewMapPlanner.Open(TagRequest(tag, mode: SharedOpenMode.CreateNew), null, _session);
        var exists = Expect.Error(MmapError.AlreadyExists, () => NewMapPlanner.Open(TagRequest(tag, mode: SharedOpenMode.CreateNew), null, _session));
        Assert.Equal(ErrorCategory.ResourceExists, ErrorTranslator.Translate(exists, tag).CategoryInfo.Category);
        Assert.Equal("invalid_argument", Expect.Error(MmapError.InvalidArgument, () => NewMapPlanner.Open(TagRequest("a/b"), null, _session)).Code);
    }

    [SkippableFact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void A_new_tag_gets_the_permission_asked_for()
    {
        Skip.IfNot(Expect.IsLinux, "/dev/shm is Linux's");
        string tag = _tags.New();
        var request = TagRequest(tag);
        request.Permission = "rw-r-----";
        NewMapPlanner.Open(request, null, _session);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead, File.GetUnixFileMode(Tags.ShmPath(tag)));
    }

    [Fact]
    public void Mirrors_from_every_source_are_kept_and_freed_with_the_module()
    {
        long g = PageInfo.Current.AllocationGranularity;
        var anonymous = MirrorPlanner.Open(new NewMapParameters { ParameterSet = NewMapCmdlet.AnonymousSet, Size = 1 }, null, MirrorPlanner.DefaultTimes, _session);
        var file = MirrorPlanner.Open(new NewMapParameters { ParameterSet = NewMapCmdlet.LiteralPathSet, Size = g }, _dir.File("ring.bin"), 3, _session);
        var tagged = MirrorPlanner.Open(new NewMapParameters { ParameterSet = NewMapCmdlet.TagSet, Tag = _tags.New(), Size = g }, null, 2, _session);

        Assert.Equal((g, 2, MapAccess.ReadWrite), (anonymous.BlockSize, anonymous.Times, anonymous.Access));
        Assert.Equal(3 * g, file.Size);
        Assert.Equal(g, new FileInfo(_dir.File("ring.bin")).Length); // a mirror of a file defaults to ReadWrite and creates it
        tagged.Write(g - 1, new byte[] { 1, 2 });                 // across the wrap
        Assert.Equal(2, tagged.ReadBytes(0, 1)[0]);

        GC.Collect();
        GC.WaitForPendingFinalizers();
        foreach (var m in new[] { anonymous, file, tagged })
        {
            Assert.True(_session.Holds(m.Id));
            Assert.Equal(MapKind.Mirror, MemoryMapRegistry.Find(m.Id)!.Kind);
        }
        Assert.Equal(3, _session.FreeAll());
        Assert.True(anonymous.IsDisposed && file.IsDisposed && tagged.IsDisposed);
    }

    [Fact]
    public void A_mirror_needs_a_size_and_at_least_two_copies()
    {
        Assert.Throws<ArgumentException>(() => MirrorPlanner.Open(new NewMapParameters { ParameterSet = NewMapCmdlet.AnonymousSet }, null, 2, _session));
        Expect.Error(MmapError.InvalidArgument, () => MirrorPlanner.Open(new NewMapParameters { ParameterSet = NewMapCmdlet.AnonymousSet, Size = 4096 }, null, 1, _session));
    }

    [Fact]
    public void Unlink_frees_then_removes_the_tag_name_once_per_command()
    {
        string tag = _tags.New();
        var a = NewMapPlanner.Open(TagRequest(tag), null, _session);
        var b = NewMapPlanner.Open(TagRequest(tag), null, _session);
        var removal = new MapRemoval(unlink: true, _session);
        foreach (var map in new[] { a, b })
        {
            removal.Check(map);
            removal.Remove(map); // the second map of the same tag is no no_file error
        }
        Assert.True(a.IsDisposed && b.IsDisposed);
        Assert.False(_session.Holds(a.Id));
        Expect.Error(MmapError.NoFile, () => SharedMemory.Unlink(tag)); // the name is gone
    }

    [Fact]
    public void Unlink_of_a_mirror_of_a_tag_removes_the_tag()
    {
        string tag = _tags.New();
        var mirror = MirrorPlanner.Open(new NewMapParameters { ParameterSet = NewMapCmdlet.TagSet, Tag = tag, Size = 4096 }, null, 2, _session);
        new MapRemoval(unlink: true, _session).Remove(mirror);
        Assert.True(mirror.IsDisposed);
        Expect.Error(MmapError.NoFile, () => NewMapPlanner.Open(TagRequest(tag, mode: SharedOpenMode.OpenExisting), null, _session));
    }

    [Fact]
    public void Unlink_of_a_map_without_a_tag_is_refused_and_the_map_stays_open()
    {
        var anon = NewMapPlanner.Open(new NewMapParameters { ParameterSet = NewMapCmdlet.AnonymousSet, Size = 4096 }, null, _session);
        var removal = new MapRemoval(unlink: true, _session);
        var e = Expect.Error(MmapError.InvalidArgument, () => removal.Check(anon));
        Assert.Contains("-Unlink", e.Message);
        Assert.Contains("Get-MemoryMap -Tag", e.Message);
        Assert.False(anon.IsDisposed);
        new MapRemoval(unlink: false, _session).Check(anon); // without -Unlink it is just freed
    }

    [SkippableFact]
    public void A_tag_unlinked_elsewhere_is_no_file_after_the_map_is_freed()
    {
        Skip.If(OperatingSystem.IsWindows(), Expect.MappedTagsKeepTheirNameOnWindows);
        string tag = _tags.New();
        var map = NewMapPlanner.Open(TagRequest(tag), null, _session);
        SharedMemory.Unlink(tag);
        Expect.Error(MmapError.NoFile, () => new MapRemoval(unlink: true, _session).Remove(map));
        Assert.True(map.IsDisposed);
    }

    [Fact]
    public void Removal_wording_says_what_unlink_does()
    {
        string tag = _tags.New();
        var map = NewMapPlanner.Open(TagRequest(tag), null, _session);
        Assert.Equal(MapChanges.FreeAction(map), new MapRemoval(unlink: false, _session).Action(map));
        string action = new MapRemoval(unlink: true, _session).Action(map);
        Assert.StartsWith($"Free map #{map.Id} (Shared, ReadWrite, 4 KiB) and remove the name of tag '{tag}'", action);
        Assert.Contains("other processes stay valid", action);
        Assert.Equal($"shared memory tag '{tag}'", MapChanges.Target(map));
    }
}
