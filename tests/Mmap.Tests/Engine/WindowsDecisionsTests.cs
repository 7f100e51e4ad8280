using Mmap.Platform;

namespace Mmap.Tests.Engine;

/// <summary>Decisions of the Windows layer that are pure functions of an OS answer, checked on every OS.</summary>
public sealed class WindowsDecisionsTests
{
    /// <summary>Reserving clusters (FileAllocationInfo) before SetEndOfFile is a courtesy: a file system that cannot do it
    /// still grows the file. Wine's NtSetInformationFile answers ERROR_CALL_NOT_IMPLEMENTED (120), which made every grow
    /// fail with not_supported; a full disk or a refusal still fails.</summary>
    [Theory]
    [InlineData(1, true)]    // ERROR_INVALID_FUNCTION
    [InlineData(50, true)]   // ERROR_NOT_SUPPORTED
    [InlineData(87, true)]   // ERROR_INVALID_PARAMETER
    [InlineData(120, true)]  // ERROR_CALL_NOT_IMPLEMENTED
    [InlineData(0, false)]
    [InlineData(5, false)]   // ERROR_ACCESS_DENIED
    [InlineData(112, false)] // ERROR_DISK_FULL
    public void A_file_system_that_cannot_reserve_clusters_still_grows_the_file(int error, bool growsAnyway) =>
        Assert.Equal(growsAnyway, WindowsMapper.CannotReserve(error));
}
