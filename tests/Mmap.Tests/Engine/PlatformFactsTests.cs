using System.Runtime.InteropServices;
using Mmap;
using Mmap.Platform;

namespace Mmap.Tests.Engine;

/// <summary>The OS facts the rules above the OS layer read, per platform, and this process's among them.</summary>
public sealed class PlatformFactsTests
{
    [Theory]
    //          os         arch                 grow   map32  list   files  oem    shrink retire
    [InlineData("Linux",   Architecture.X64,    true,  true,  true,  false, false, true,  true)]
    [InlineData("Linux",   Architecture.Arm64,  true,  false, true,  false, false, true,  true)]
    [InlineData("MacOS",   Architecture.Arm64,  false, false, false, true,  false, true,  true)]
    [InlineData("MacOS",   Architecture.X64,    false, false, false, true,  false, true,  true)]
    [InlineData("Windows", Architecture.X64,    false, false, false, true,  true,  false, false)]
    [InlineData("Other",   Architecture.X64,    true,  false, true,  true,  false, true,  true)]
    public void Each_platform_has_its_capabilities(string osName, Architecture architecture,
        bool segmentsGrow, bool map32Bit, bool listTags, bool fileNamesIgnoreCase, bool oemCodePage, bool backingShrinks, bool retiresInPlace)
    {
        var facts = PlatformFacts.For(Enum.Parse<HostOs>(osName), architecture);
        Assert.Equal(segmentsGrow, facts.SharedSegmentsCanGrow);
        Assert.Equal(map32Bit, facts.SupportsMap32Bit);
        Assert.Equal(listTags, facts.CanListTags);
        Assert.Equal(fileNamesIgnoreCase, facts.FileNamesIgnoreCase);
        Assert.Equal(oemCodePage, facts.HasOemCodePage);
        Assert.Equal(backingShrinks, facts.BackingCanShrinkUnderMap);
        Assert.Equal(retiresInPlace, facts.CanRetireInPlace);
    }

    [Theory]
    [InlineData("Linux", "Linux", 255, false, false)]
    [InlineData("MacOS", "MacOS", 30, false, false)]
    [InlineData("Windows", "Windows", 253, true, true)]
    [InlineData("Other", "Linux", 255, false, false)]
    public void Each_platform_names_tags_its_way(string osName, string rulesOf, int maxLength, bool countsCharacters, bool ignoreCase)
    {
        var tags = PlatformFacts.For(Enum.Parse<HostOs>(osName), Architecture.X64).Tags;
        Assert.Equal(rulesOf, tags.OsName);
        Assert.Equal(maxLength, tags.MaxLength);
        Assert.Equal(countsCharacters, tags.CountsCharacters);
        Assert.Equal(ignoreCase, tags.IgnoreCase);
        Assert.Equal(rulesOf == "Linux", tags.ReservesSemaphorePrefix);
    }

    [Fact]
    public void This_process_reads_the_facts_of_its_own_platform()
    {
        var expected = PlatformFacts.For(HostPlatform.Os, RuntimeInformation.ProcessArchitecture);
        var facts = OsLayer.Current.Facts;
        Assert.Same(expected.Tags, facts.Tags);
        Assert.Equal(expected.SharedSegmentsCanGrow, OsLayer.Current.SharedSegmentsCanGrow);
        Assert.Equal(expected.FileNamesIgnoreCase, MmapPlatform.FileNamesIgnoreCase);
        Assert.Equal(expected.Tags.IgnoreCase, MmapPlatform.TagNamesIgnoreCase);
        Assert.Equal(expected.HasOemCodePage, MmapPlatform.HasOemCodePage);
        Assert.Equal(OperatingSystem.IsWindows(), MmapPlatform.TagNamesIgnoreCase);
        Assert.Equal(!OperatingSystem.IsLinux(), MmapPlatform.FileNamesIgnoreCase);
        Assert.Equal(facts.Tags.MaxLength, SharedMemory.MaxTagLength);
    }
}
