using System.Runtime.InteropServices;
using Mmap;
using Mmap.Platform;

namespace Mmap.Tests.Shared;

public class TagRulesTests
{
    [Theory]
    [InlineData("")]
    [InlineData("a/b")]
    [InlineData("/lead")]
    [InlineData("a\\b")]
    [InlineData("..")]
    [InlineData("x..y")]
    [InlineData(".")]
    [InlineData("nul\0inside")]
    [InlineData("tab\there")]
    [InlineData("newline\n")]
    [InlineData("c1\u0085control")]
    public void Bad_tags_are_invalid_argument_on_every_os(string tag)
    {
        foreach (var system in new[] { TagNameRules.Linux, TagNameRules.MacOS, TagNameRules.Windows })
        {
            var e = Expect.Error(MmapError.InvalidArgument, () => TagRules.CheckTag(tag, system));
            Assert.False(e.Message.Any(char.IsControl), e.Message); // shown as \uXXXX, never raw
        }
    }

    [Fact]
    public void Null_tag_is_invalid_argument() =>
        Expect.Error(MmapError.InvalidArgument, () => TagRules.CheckTag(null, TagNameRules.Linux));

    [Theory]
    [InlineData("Linux", 255)]
    [InlineData("MacOS", 30)]
    [InlineData("Windows", 253)]
    public void Tags_may_be_as_long_as_the_os_allows_and_no_longer(string os, int max)
    {
        var system = PlatformFacts.For(Enum.Parse<HostOs>(os), Architecture.X64).Tags;
        Assert.Equal(max, system.MaxLength);
        TagRules.CheckTag(new string('t', max), system);
        var e = Expect.Error(MmapError.InvalidArgument, () => TagRules.CheckTag(new string('t', max + 1), system));
        Assert.Contains($"at most {max}", e.Message);
    }

    [Fact]
    public void Posix_lengths_count_utf8_bytes()
    {
        string tag = new string('\u00e9', 16); // 16 characters, 32 bytes
        Expect.Error(MmapError.InvalidArgument, () => TagRules.CheckTag(tag, TagNameRules.MacOS));
        TagRules.CheckTag(tag, TagNameRules.Windows);
    }

    [Fact]
    public void Only_linux_keeps_the_semaphore_prefix()
    {
        var e = Expect.Error(MmapError.InvalidArgument, () => TagRules.CheckTag("sem.lock", TagNameRules.Linux));
        Assert.Contains("named semaphores", e.Message);
        TagRules.CheckTag("sem.lock", TagNameRules.MacOS);
        TagRules.CheckTag("sem.lock", TagNameRules.Windows);
    }

    [Fact]
    public void Ordinary_names_pass() => TagRules.CheckTag("my-app.state_1 (copy)", TagNameRules.MacOS);

    [Theory]
    [InlineData(-1)]
    [InlineData(0x200)] // 01000: the sticky bit is no permission
    public void Permissions_outside_0_to_0777_are_invalid(int mode) =>
        Expect.Error(MmapError.InvalidArgument, () => TagRules.CheckSharedOptions(Resolved(MapAccess.ReadWrite, 1), new TagOptions { Permission = mode }, "t"));

    [Fact]
    public void Create_new_needs_write_access_and_a_size()
    {
        Expect.Error(MmapError.InvalidArgument, () => TagRules.CheckSharedOptions(Resolved(MapAccess.Read, 4096), new TagOptions { Mode = SharedOpenMode.CreateNew }, "t"));
        Expect.Error(MmapError.InvalidArgument, () => TagRules.CheckSharedOptions(Resolved(MapAccess.ReadWrite, null), new TagOptions { Mode = SharedOpenMode.CreateNew }, "t"));
    }

    [Theory]
    [InlineData(SharedOpenMode.OpenOrCreate, MapAccess.ReadWrite, 4096L, true)]
    [InlineData(SharedOpenMode.OpenOrCreate, MapAccess.ReadWrite, null, false)]
    [InlineData(SharedOpenMode.OpenOrCreate, MapAccess.Read, 4096L, false)]
    [InlineData(SharedOpenMode.OpenExisting, MapAccess.ReadWrite, 4096L, false)]
    [InlineData(SharedOpenMode.CreateNew, MapAccess.ReadWrite, 4096L, true)]
    public void Only_write_access_with_a_size_creates(SharedOpenMode mode, MapAccess access, long? size, bool creates) =>
        Assert.Equal(creates, TagRules.CheckSharedOptions(Resolved(access, size), new TagOptions { Mode = mode }, "t"));

    [Fact]
    public void Unknown_open_mode_is_invalid() =>
        Expect.Error(MmapError.InvalidArgument, () => TagRules.CheckSharedOptions(Resolved(MapAccess.ReadWrite, null), new TagOptions { Mode = (SharedOpenMode)9 }, "t"));

    /// <summary>Options as a factory hands them to the rules: resolved, so their access is set.</summary>
    private static MapOptions Resolved(MapAccess access, long? size) =>
        MapRules.Resolve(new MapOptions { Access = access, Size = size }, MapKind.Shared, PageInfo.Current);

    [Fact]
    public void Already_exists_has_its_stable_code() => Assert.Equal("already_exists", MmapError.AlreadyExists.ToCode());
}
