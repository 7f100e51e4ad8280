using System.Runtime.InteropServices;
using Mmap;
using Mmap.Platform;

namespace Mmap.Tests.Engine;

/// <summary>The hand-coded struct stat offsets exist for the ABIs they were checked against, and nowhere else.</summary>
public sealed class StatLayoutTests
{
    [Theory]
    [InlineData("Linux", Architecture.X64, 24, 48)]
    [InlineData("Linux", Architecture.Arm64, 16, 48)]
    [InlineData("MacOS", Architecture.X64, 4, 96)]
    [InlineData("MacOS", Architecture.Arm64, 4, 96)]
    public void Known_platforms_have_their_layout(string osName, Architecture architecture, int mode, int size)
    {
        var os = Enum.Parse<HostOs>(osName);
        var layout = StatLayout.Require(os, architecture);
        Assert.Equal(mode, layout.ModeOffset);
        Assert.Equal(size, layout.SizeOffset);
        Assert.Equal(os == HostOs.MacOS, layout.ModeIs16Bits);
    }

    [Theory]
    [InlineData("Linux", Architecture.RiscV64)]
    [InlineData("Linux", Architecture.LoongArch64)]
    [InlineData("Linux", Architecture.X86)]
    [InlineData("Linux", Architecture.Arm)]
    [InlineData("Linux", Architecture.S390x)]
    [InlineData("Linux", Architecture.Ppc64le)]
    [InlineData("Other", Architecture.X64)]
    public void Other_platforms_are_not_supported_instead_of_guessed(string osName, Architecture architecture)
    {
        var os = Enum.Parse<HostOs>(osName);
        Assert.Null(StatLayout.For(os, architecture));
        var e = Expect.Error(MmapError.NotSupported, () => StatLayout.Require(os, architecture));
        Assert.Contains($"on {os} {architecture}", e.Message);
        Assert.Contains("will not guess", e.Message);
    }
}
