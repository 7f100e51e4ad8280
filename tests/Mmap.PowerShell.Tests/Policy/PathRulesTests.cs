using Mmap;
using Mmap.Commands.Policy;

namespace Mmap.PowerShell.Tests.Policy;

public sealed class PathRulesTests
{
    [Theory]
    [InlineData("FileSystem")]
    [InlineData("filesystem")]
    public void FileSystem_paths_are_accepted(string provider) => PathRules.CheckProvider(provider, "./a.bin");

    [Theory]
    [InlineData("Environment", "Env:\\PATH")]
    [InlineData("Registry", "HKLM:\\SOFTWARE")]
    [InlineData("Variable", "Variable:\\x")]
    public void Other_providers_are_refused_by_name(string provider, string input)
    {
        var e = Expect.Error(MmapError.InvalidArgument, () => PathRules.CheckProvider(provider, input));
        Assert.Contains(provider, e.Message);
        Assert.Contains(input, e.Message);
        Assert.Equal(input, e.Target);
    }

    [Fact]
    public void A_plain_path_is_used_as_given_even_when_missing_so_writing_can_create_it()
    {
        var chosen = PathRules.Choose("new.bin", isWildcard: false, ["/work/new.bin"], PathMultiplicity.ExactlyOne);
        Assert.Equal(["/work/new.bin"], chosen);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_pattern_matching_nothing_is_no_file(bool each)
    {
        var multiplicity = each ? PathMultiplicity.Each : PathMultiplicity.ExactlyOne;
        var e = Expect.Error(MmapError.NoFile, () => PathRules.Choose("*.nope", true, [], multiplicity));
        Assert.Contains("*.nope", e.Message);
        Assert.Contains("-LiteralPath", e.Message);
    }

    [Fact]
    public void A_pattern_matching_one_file_names_it()
    {
        Assert.Equal(["/d/a.bin"], PathRules.Choose("a*", true, ["/d/a.bin"], PathMultiplicity.ExactlyOne));
    }

    [Fact]
    public void A_map_refuses_a_pattern_matching_several_files_and_lists_some()
    {
        string[] matches = ["/d/a.bin", "/d/b.bin", "/d/c.bin", "/d/d.bin"];
        var e = Expect.Error(MmapError.InvalidArgument, () => PathRules.Choose("/d/*.bin", true, matches, PathMultiplicity.ExactlyOne));
        Assert.Contains("4 files", e.Message);
        Assert.Contains("'/d/c.bin', ...", e.Message);
        Assert.DoesNotContain("/d/d.bin", e.Message);
        Assert.Contains("Get-ChildItem", e.Message);
    }

    [Fact]
    public void Set_FileSize_acts_on_every_match() =>
        Assert.Equal(["/d/a", "/d/b"], PathRules.Choose("/d/*", true, ["/d/a", "/d/b"], PathMultiplicity.Each));

    [Fact]
    public void An_unresolvable_drive_is_no_file_with_PowerShells_reason()
    {
        var e = PathRules.NotFound("Q:\\x.bin", "Cannot find drive. A drive with the name 'Q' does not exist.");
        Assert.Equal(MmapError.NoFile, e.Error);
        Assert.Contains("drive with the name 'Q'", e.Message);
        Assert.Equal("Q:\\x.bin", e.Target);
    }

    [Fact]
    public void Path_filters_follow_the_file_systems_case_rules() =>
        Assert.Equal(!OperatingSystem.IsLinux(), PathRules.PathsIgnoreCase);

    [Fact]
    public void A_bad_wildcard_names_the_pattern_and_both_fixes()
    {
        var e = PathRules.BadWildcard("a[.bin", "a`[.bin", hasLiteralPath: true);
        Assert.Equal(MmapError.InvalidArgument, e.Error);
        Assert.Equal("'a[.bin' is not a valid wildcard pattern (check its [ ] brackets). To match the characters as typed, " +
            "escape them with backticks ('a`[.bin') or use -LiteralPath.", e.Message);
        Assert.EndsWith("('x`[').", PathRules.BadWildcard("x[", "x`[", hasLiteralPath: false).Message);
    }
}
