using Mmap;
using Mmap.Commands;
using Mmap.Commands.Policy;

namespace Mmap.PowerShell.Tests.Policy;

public sealed class NewMapPlannerTests
{
    [Theory]
    [InlineData(NewMapCmdlet.PathSet)]
    [InlineData(NewMapCmdlet.LiteralPathSet)]
    public void Files_default_to_read_access_with_the_size_check_on(string set)
    {
        var o = NewMapPlanner.ToOptions(new NewMapParameters { ParameterSet = set });
        Assert.Equal(MapAccess.Read, o.AccessFor(NewMapPlanner.KindOf(MapSource.File)));
        Assert.Null(o.Size);
        Assert.Equal(0, o.Offset);
        Assert.Null(o.Address);
        Assert.True(o.SizeCheck);
        Assert.False(o.Execute);
        Assert.False(o.Populate);
    }

    [Fact]
    public void Anonymous_memory_defaults_to_read_write()
    {
        var o = NewMapPlanner.ToOptions(new NewMapParameters { ParameterSet = NewMapCmdlet.AnonymousSet, Size = 4096 });
        Assert.Equal(MapAccess.ReadWrite, o.AccessFor(NewMapPlanner.KindOf(MapSource.Anonymous)));
        Assert.Equal(4096, o.Size);
    }

    [Fact]
    public void Every_given_parameter_reaches_the_options()
    {
        var o = NewMapPlanner.ToOptions(new NewMapParameters
        {
            ParameterSet = NewMapCmdlet.LiteralPathSet, Access = MapAccess.CopyOnWrite, Execute = true, Size = 10,
            Offset = 8192, Address = 0x7000_0000_0000, Populate = true, NoSizeCheck = true,
        });
        Assert.Equal(MapAccess.CopyOnWrite, o.Access);
        Assert.True(o.Execute);
        Assert.Equal(10, o.Size);
        Assert.Equal(8192, o.Offset);
        Assert.Equal(0x7000_0000_0000UL, o.Address);
        Assert.True(o.Populate);
        Assert.False(o.SizeCheck);
    }

    [Fact]
    public void An_explicit_access_wins_over_the_anonymous_default() =>
        Assert.Equal(MapAccess.Read, NewMapPlanner.ToOptions(new NewMapParameters { ParameterSet = NewMapCmdlet.AnonymousSet, Access = MapAccess.Read, Size = 1 }).Access);

    [Fact]
    public void Offset_and_the_size_check_are_file_only()
    {
        var o = NewMapPlanner.ToOptions(new NewMapParameters { ParameterSet = NewMapCmdlet.AnonymousSet, Size = 1, Offset = 4096, NoSizeCheck = true });
        Assert.Equal(0, o.Offset);
        Assert.True(o.SizeCheck); // the engine ignores it for anonymous maps; the planner does not invent a value
    }

    [Theory]
    [InlineData(NewMapCmdlet.PathSet, "File")]
    [InlineData(NewMapCmdlet.LiteralPathSet, "File")]
    [InlineData(NewMapCmdlet.TagSet, "Tag")]
    [InlineData(NewMapCmdlet.AnonymousSet, "Anonymous")]
    public void Every_set_has_a_source(string set, string source) => Assert.Equal(source, NewMapPlanner.SourceOf(set).ToString());

    [Fact]
    public void Tags_default_to_read_write_open_or_create_owner_only()
    {
        var p = new NewMapParameters { ParameterSet = NewMapCmdlet.TagSet, Tag = "t" };
        var o = NewMapPlanner.ToOptions(p);
        var t = NewMapPlanner.TagOptionsOf(p);
        Assert.Null(o.Access); // the engine's default for the kind
        Assert.Equal(MapAccess.ReadWrite, o.AccessFor(NewMapPlanner.KindOf(MapSource.Tag)));
        Assert.Equal(SharedOpenMode.OpenOrCreate, t.Mode);
        Assert.Equal(SharedMemory.OwnerOnly, t.Permission);
        Assert.False(t.Global);
        Assert.Null(o.Size);
        Assert.True(o.SizeCheck);
    }

    [Fact]
    public void Every_tag_parameter_reaches_the_options()
    {
        var p = new NewMapParameters
        {
            ParameterSet = NewMapCmdlet.TagSet, Tag = "t", Access = MapAccess.Read, TagMode = SharedOpenMode.OpenExisting,
            Permission = "rw-rw-r--", Global = true, Offset = 65536, NoSizeCheck = true, Size = 7,
        };
        var o = NewMapPlanner.ToOptions(p);
        var t = NewMapPlanner.TagOptionsOf(p);
        Assert.Equal(MapAccess.Read, o.Access);
        Assert.Equal(SharedOpenMode.OpenExisting, t.Mode);
        Assert.Equal(0x1B4, t.Permission);
        Assert.True(t.Global);
        Assert.Equal(65536, o.Offset);
        Assert.False(o.SizeCheck);
        Assert.Equal(7, o.Size);
    }

    [Fact]
    public void A_bad_permission_is_refused_before_anything_opens() =>
        Expect.Error(MmapError.InvalidArgument, () =>
            NewMapPlanner.ChangeOf(new NewMapParameters { ParameterSet = NewMapCmdlet.TagSet, Tag = "t", Permission = "644x" }, null));

    [Fact]
    public void Tag_options_are_not_read_outside_the_tag_set()
    {
        // A -Permission no tag would accept, given to a file set, is never parsed: only tags have tag options.
        var change = NewMapPlanner.ChangeOf(new NewMapParameters
        {
            ParameterSet = NewMapCmdlet.PathSet, Permission = "644x", Global = true, TagMode = SharedOpenMode.CreateNew, Access = MapAccess.ReadWrite, Size = 4096,
        }, Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N") + ".bin")); // never created: only asked about
        Assert.Equal("Create with 4 KiB (4096 bytes)", change!.Action);
    }

    [Theory]
    [InlineData(NewMapCmdlet.PathSet)]
    [InlineData(NewMapCmdlet.LiteralPathSet)]
    [InlineData(NewMapCmdlet.TagSet)]
    [InlineData(NewMapCmdlet.AnonymousSet)]
    public void Placement_reaches_the_options_in_every_set(string set)
    {
        foreach (MapPlacement placement in Enum.GetValues<MapPlacement>())
            Assert.Equal(placement, NewMapPlanner.ToOptions(new NewMapParameters { ParameterSet = set, Placement = placement, Size = 1 }).Placement);
        Assert.Equal(MapPlacement.Any, NewMapPlanner.ToOptions(new NewMapParameters { ParameterSet = set, Size = 1 }).Placement);
    }

    [Theory]
    [InlineData(NewMapCmdlet.PathSet)]
    [InlineData(NewMapCmdlet.TagSet)]
    [InlineData(NewMapCmdlet.AnonymousSet)]
    public void Mirrors_default_to_read_write_from_every_source(string set)
    {
        var o = MirrorPlanner.ToOptions(new NewMapParameters { ParameterSet = set, Size = 4096, Tag = "t" });
        Assert.Equal(MapAccess.ReadWrite, o.AccessFor(MapKind.Mirror));
        Assert.Null(o.Size); // the block size is the engine's argument, aligned by it
    }

    [Fact]
    public void A_mirror_keeps_an_explicit_access_and_the_tag_options()
    {
        var p = new NewMapParameters
        {
            ParameterSet = NewMapCmdlet.TagSet, Tag = "t", Access = MapAccess.Read, TagMode = SharedOpenMode.OpenExisting,
            Offset = 65536, Placement = MapPlacement.High, Permission = "640",
        };
        var o = MirrorPlanner.ToOptions(p);
        Assert.Equal(MapAccess.Read, o.AccessFor(MapKind.Mirror));
        Assert.Equal(SharedOpenMode.OpenExisting, NewMapPlanner.TagOptionsOf(p).Mode);
        Assert.Equal(65536, o.Offset);
        Assert.Equal(MapPlacement.High, o.Placement);
        Assert.Equal(0x1A0, NewMapPlanner.TagOptionsOf(p).Permission);
    }

    [Fact]
    public void Large_pages_are_the_size_given_or_the_default_one_and_not_both()
    {
        NewMapParameters Anonymous(long? pageSize, bool largePages) =>
            new() { ParameterSet = NewMapCmdlet.AnonymousSet, Size = 1, PageSize = pageSize, LargePages = largePages };
        Assert.Null(NewMapPlanner.ToOptions(Anonymous(null, false)).PageSize);
        Assert.Equal(1L << 30, NewMapPlanner.ToOptions(Anonymous(1L << 30, false)).PageSize);
        if (PageInfo.Current.LargePageSize > 0)
            Assert.Equal(PageInfo.Current.LargePageSize, NewMapPlanner.ToOptions(Anonymous(null, true)).PageSize);
        else
            Assert.Equal(MmapError.NotSupported, Assert.Throws<MmapException>(() => NewMapPlanner.ToOptions(Anonymous(null, true))).Error);
        var both = Assert.Throws<MmapException>(() => NewMapPlanner.ToOptions(Anonymous(2L << 20, true)));
        Assert.Equal(MmapError.InvalidArgument, both.Error);
        Assert.Contains("Give one of them", both.Message);
        // Files and tags never take a page size from the request.
        Assert.Null(NewMapPlanner.ToOptions(new NewMapParameters { ParameterSet = NewMapCmdlet.PathSet, PageSize = 2L << 20 }).PageSize);
    }

    [Fact]
    public void An_unknown_set_is_a_bug_not_a_guess() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => NewMapPlanner.SourceOf("Tagg"));
}
