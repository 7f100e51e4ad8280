using System.Management.Automation;
using Mmap;
using Mmap.Commands.Policy;

namespace Mmap.PowerShell.Tests.Policy;

public sealed class ErrorTranslatorTests
{
    public static TheoryData<MmapError> AllErrors() => new(Enum.GetValues<MmapError>());

    [Theory]
    [MemberData(nameof(AllErrors))]
    public void Every_engine_error_has_a_category_and_its_code_as_ErrorId(MmapError error)
    {
        var e = new MmapException(error, "message", 0, "/tmp/x");
        var translated = ErrorTranslator.Translate(e, "target");
        Assert.Equal(error.ToCode(), translated.FullyQualifiedErrorId);
        Assert.Equal(ErrorTranslator.CategoryOf(error), translated.CategoryInfo.Category);
        Assert.Same(e, translated.Exception);
        Assert.Equal("target", translated.TargetObject);
    }

    [Fact]
    public void Every_engine_error_has_its_own_ErrorId()
    {
        var codes = Enum.GetValues<MmapError>().Select(e => e.ToCode()).ToList();
        Assert.Equal(codes.Count, codes.Distinct().Count());
        Assert.DoesNotContain(ErrorTranslator.MapFreedId, codes);
        Assert.DoesNotContain(ErrorTranslator.MapNotFoundId, codes);
    }

    [Theory]
    [InlineData(MmapError.NoFile, "ObjectNotFound")]
    [InlineData(MmapError.FileTooShort, "InvalidData")]
    [InlineData(MmapError.DiskFull, "ResourceUnavailable")]
    [InlineData(MmapError.OutOfMemory, "ResourceUnavailable")]
    [InlineData(MmapError.AccessDenied, "PermissionDenied")]
    [InlineData(MmapError.InvalidArgument, "InvalidArgument")]
    [InlineData(MmapError.NotSupported, "NotImplemented")]
    [InlineData(MmapError.OsError, "NotSpecified")]
    [InlineData(MmapError.AlreadyExists, "ResourceExists")]
    public void Categories_follow_the_design_table(MmapError error, string category) =>
        Assert.Equal(category, ErrorTranslator.CategoryOf(error).ToString());

    [Fact]
    public void An_unknown_engine_error_is_refused_rather_than_miscategorised() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => ErrorTranslator.CategoryOf((MmapError)999));

    [Fact]
    public void The_target_falls_back_to_the_exceptions_target()
    {
        var e = new MmapException(MmapError.NoFile, "gone", 0, "/data/x.bin");
        Assert.Equal("/data/x.bin", ErrorTranslator.Translate(e, null).TargetObject);
    }

    [Fact]
    public void Use_after_free_has_its_own_stable_id()
    {
        var map = MemoryMap.MapAnonymous(4096);
        map.Dispose();
        var disposed = Assert.Throws<ObjectDisposedException>(() => map.ReadBytes(0, 1));
        Assert.True(ErrorTranslator.IsExpected(disposed));
        var translated = ErrorTranslator.Translate(disposed, map);
        Assert.Equal("map_freed", translated.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidOperation, translated.CategoryInfo.Category);
        Assert.Same(map, translated.TargetObject);
    }

    [Fact]
    public void Other_exceptions_are_bugs_that_terminate()
    {
        Assert.False(ErrorTranslator.IsExpected(new InvalidOperationException()));
        Assert.False(ErrorTranslator.IsExpected(new NullReferenceException()));
        Assert.Throws<ArgumentException>(() => ErrorTranslator.Translate(new InvalidOperationException(), null));
    }

    [Fact]
    public void A_missing_id_is_object_not_found_naming_the_id()
    {
        var error = ErrorTranslator.MapNotFound(42);
        Assert.Equal("map_not_found", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
        Assert.Equal(42L, error.TargetObject);
        Assert.Contains("42", error.Exception.Message);
        Assert.Contains("Get-MemoryMap", error.Exception.Message);
    }
}
