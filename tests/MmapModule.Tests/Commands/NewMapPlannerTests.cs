using Mmap;
using Mmap.Commands.Core;

namespace MmapModule.Tests.Commands;

public sealed class NewMapPlannerTests
{
    [Theory]
    [InlineData(NewMapSets.Path)]
    [InlineData(NewMapSets.LiteralPath)]
    public void Files_default_to_read_access_with_the_size_check_on(string set)
    {
        var o = NewMapPlanner.ToOptions(new NewMapParameters { ParameterSet = set });
        Assert.Equal(MapAccess.Read, o.Access);
        Assert.Null(o.Size);
        Assert.Equal(0, o.Offset);
        Assert.Null(o.Address);
        Assert.True(o.CheckFileSize);
        Assert.False(o.Execute);
        Assert.False(o.Populate);
    }

    [Fact]
    public void Anonymous_memory_defaults_to_read_write()
    {
        var o = NewMapPlanner.ToOptions(new NewMapParameters { ParameterSet = NewMapSets.Anonymous, Size = 4096 });
        Assert.Equal(MapAccess.ReadWrite, o.Access);
        Assert.Equal(4096, o.Size);
    }

    [Fact]
    public void Every_given_parameter_reaches_the_options()
    {
        var o = NewMapPlanner.ToOptions(new NewMapParameters
        {
            ParameterSet = NewMapSets.LiteralPath, Access = MapAccess.CopyOnWrite, Execute = true, Size = 10,
            Offset = 8192, Address = 0x7000_0000_0000, Populate = true, NoSizeCheck = true,
        });
        Assert.Equal(MapAccess.CopyOnWrite, o.Access);
        Assert.True(o.Execute);
        Assert.Equal(10, o.Size);
        Assert.Equal(8192, o.Offset);
        Assert.Equal(0x7000_0000_0000UL, o.Address);
        Assert.True(o.Populate);
        Assert.False(o.CheckFileSize);
    }

    [Fact]
    public void An_explicit_access_wins_over_the_anonymous_default() =>
        Assert.Equal(MapAccess.Read, NewMapPlanner.ToOptions(new NewMapParameters { ParameterSet = NewMapSets.Anonymous, Access = MapAccess.Read, Size = 1 }).Access);

    [Fact]
    public void Offset_and_the_size_check_are_file_only()
    {
        var o = NewMapPlanner.ToOptions(new NewMapParameters { ParameterSet = NewMapSets.Anonymous, Size = 1, Offset = 4096, NoSizeCheck = true });
        Assert.Equal(0, o.Offset);
        Assert.True(o.CheckFileSize); // the engine ignores it for anonymous maps; the planner does not invent a value
    }

    [Theory]
    [InlineData(NewMapSets.Path, true)]
    [InlineData(NewMapSets.LiteralPath, true)]
    [InlineData(NewMapSets.Anonymous, false)]
    public void Sets_are_file_or_memory(string set, bool file) => Assert.Equal(file, NewMapPlanner.IsFileSet(set));

    [Fact]
    public void An_unknown_set_is_a_bug_not_a_guess() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => NewMapPlanner.IsFileSet("Tagg"));
}
