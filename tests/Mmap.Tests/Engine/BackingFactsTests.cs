using System.Runtime.InteropServices;
using Mmap;
using Mmap.Platform;

namespace Mmap.Tests.Engine;

/// <summary>
/// What a descriptor can do is a fact of its backing (file, POSIX shm, memfd, section) on each OS, and every decision
/// the OS layer makes from one is checked here for every OS: macOS's POSIX shm is no vnode (no fchmod, no read, no
/// MAP_PRIVATE), Linux's is a tmpfs file; a Windows section has no file to read and no POSIX mode.
/// </summary>
public sealed class BackingFactsTests
{
    [Theory]
    //          os         backing        mode   read   cow
    [InlineData("Linux",   "File",        true,  true,  true)]
    [InlineData("Linux",   "PosixShm",    true,  true,  true)]
    [InlineData("Linux",   "Memfd",       true,  true,  true)]
    [InlineData("Linux",   "Section",     false, false, false)]
    [InlineData("MacOS",   "File",        true,  true,  true)]
    [InlineData("MacOS",   "PosixShm",    false, false, false)]
    [InlineData("MacOS",   "Memfd",       false, false, false)]
    [InlineData("Windows", "File",        false, true,  true)]
    [InlineData("Windows", "Section",     false, false, true)]
    [InlineData("Windows", "PosixShm",    false, false, false)]
    [InlineData("Other",   "PosixShm",    true,  true,  true)]
    public void Each_backing_allows_what_its_kernel_object_allows(string os, string backing, bool mode, bool read, bool copyOnWrite)
    {
        var facts = PlatformFacts.For(Enum.Parse<HostOs>(os), Architecture.X64).Of(Enum.Parse<Backing>(backing));
        Assert.Equal((mode, read, copyOnWrite), (facts.ModeSettable, facts.Readable, facts.CopyOnWrite));
    }

    [Theory]
    [InlineData("Linux", "PosixShm", "Memfd")]
    [InlineData("MacOS", "PosixShm", "PosixShm")]
    [InlineData("Windows", "Section", "Section")]
    [InlineData("Other", "PosixShm", "PosixShm")]
    public void Tags_and_anonymous_mirrors_have_their_backing(string os, string tags, string mirrors)
    {
        var facts = PlatformFacts.For(Enum.Parse<HostOs>(os), Architecture.X64);
        Assert.Equal((Enum.Parse<Backing>(tags), Enum.Parse<Backing>(mirrors)), (facts.TagBacking, facts.SegmentBacking));
    }

    /// <summary>Read of a span goes through the descriptor (pread) only where the backing reads: never a tag on macOS,
    /// whose shm has no read operation, nor anything on Windows but a file (which never checks its size there anyway).</summary>
    [Theory]
    [InlineData("Linux", MapKind.File, true)]
    [InlineData("Linux", MapKind.Shared, true)]
    [InlineData("MacOS", MapKind.File, true)]
    [InlineData("MacOS", MapKind.Shared, false)]
    [InlineData("Windows", MapKind.Shared, false)]
    [InlineData("Linux", MapKind.Anonymous, false)]
    [InlineData("Linux", MapKind.Mirror, false)]
    public void Reads_go_through_the_descriptor_only_where_the_backing_reads(string os, MapKind kind, bool readsThrough) =>
        Assert.Equal(readsThrough, PlatformFacts.For(Enum.Parse<HostOs>(os), Architecture.Arm64).CanReadThrough(kind));

    [Theory]
    [InlineData("Linux", false)]
    [InlineData("MacOS", true)]
    [InlineData("Windows", false)]
    public void Only_macOS_needs_F_FULLFSYNC_for_a_durable_flush(string os, bool fullFsync) =>
        Assert.Equal(fullFsync, PlatformFacts.For(Enum.Parse<HostOs>(os), Architecture.X64).SyncNeedsFullFsync);

    /// <summary>A CopyOnWrite tag is refused before any call where shm maps shared only (macOS), and passes elsewhere.</summary>
    [Theory]
    [InlineData("MacOS", MapAccess.CopyOnWrite, true)]
    [InlineData("MacOS", MapAccess.ReadWrite, false)]
    [InlineData("MacOS", MapAccess.Read, false)]
    [InlineData("Linux", MapAccess.CopyOnWrite, false)]
    [InlineData("Windows", MapAccess.CopyOnWrite, false)]
    public void A_copy_on_write_tag_is_refused_where_its_backing_cannot(string os, MapAccess access, bool refused)
    {
        var facts = PlatformFacts.For(Enum.Parse<HostOs>(os), Architecture.Arm64);
        if (!refused)
        {
            TagRules.CheckBackingAccess(access, facts, "t");
            return;
        }
        var e = Expect.Error(MmapError.NotSupported, () => TagRules.CheckBackingAccess(access, facts, "t"));
        Assert.Contains("'t' CopyOnWrite: MacOS maps shared memory segments shared only", e.Message);
        Assert.Contains("Map it Read", e.Message);
    }

    /// <summary>Where the mode cannot be set after shm_open (macOS), a mode the umask narrowed is refused, naming the bits.</summary>
    [Fact]
    public void A_mode_the_umask_narrowed_is_refused_with_the_bits_it_took()
    {
        Assert.Null(PosixMapper.ModeKept(0x1B0, 0x1B0, "t")); // 660 kept
        var e = PosixMapper.ModeKept(0x1B0, 0x1A0, "t")!;      // 660 asked, 640 got
        Assert.Equal(MmapError.InvalidArgument, e.Error);
        Assert.Contains("permissions 660: the process's umask turned them into 640 (it removes 020)", e.Message);
        Assert.Contains("umask that keeps 020", e.Message);
        Assert.Contains("or ask for 640", e.Message);
    }
}
