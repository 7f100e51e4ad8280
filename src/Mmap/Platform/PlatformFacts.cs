using System.Runtime.InteropServices;

namespace Mmap.Platform
{
    /// <summary>
    /// The facts of one OS and architecture that rules above the OS layer depend on, as named values, so no code
    /// outside this folder asks which OS it runs on. Pure: <see cref="For"/> builds them for any platform (testable
    /// here); <see cref="Current"/> is this process's, from <see cref="HostPlatform"/>.
    /// </summary>
    internal sealed class PlatformFacts
    {
        /// <summary>A backing that is a file to the kernel. Declared before <see cref="Current"/>, which needs it.</summary>
        private static readonly BackingFacts Everything = new BackingFacts(modeSettable: true, readable: true, copyOnWrite: true);

        internal static readonly PlatformFacts Current = For(HostPlatform.Os, HostPlatform.Architecture);

        private PlatformFacts(TagNameRules tags) => Tags = tags;

        /// <summary>The facts of <paramref name="os"/> on <paramref name="architecture"/>.</summary>
        internal static PlatformFacts For(HostOs os, Architecture architecture)
        {
            switch (os)
            {
                case HostOs.Windows:
                    return new PlatformFacts(TagNameRules.Windows)
                    {
                        FileNamesIgnoreCase = true, HasOemCodePage = true, TagBacking = Backing.Section, SegmentBacking = Backing.Section,
                        // ReadFile reads a file; a section has no file to read, and no POSIX mode (its ACL is set at creation).
                        FileFacts = new BackingFacts(modeSettable: false, readable: true, copyOnWrite: true),
                        SectionFacts = new BackingFacts(modeSettable: false, readable: false, copyOnWrite: true),
                    };
                case HostOs.MacOS:
                    return new PlatformFacts(TagNameRules.MacOS)
                    {
                        FileNamesIgnoreCase = true, BackingCanShrinkUnderMap = true, CanRetireInPlace = true, SyncNeedsFullFsync = true,
                        TagBacking = Backing.PosixShm, SegmentBacking = Backing.PosixShm, FileFacts = Everything,
                        // XNU's POSIX shm is no vnode: no fchmod (EINVAL), no read (fo_no_read), no MAP_PRIVATE (pshm_mmap).
                        PosixShmFacts = new BackingFacts(modeSettable: false, readable: false, copyOnWrite: false),
                    };
                case HostOs.Linux:
                    return new PlatformFacts(TagNameRules.Linux)
                    {
                        SharedSegmentsCanGrow = true, SupportsMap32Bit = architecture == Architecture.X64, CanListTags = true, BackingCanShrinkUnderMap = true,
                        CanRetireInPlace = true, TagBacking = Backing.PosixShm, SegmentBacking = Backing.Memfd,
                        // A POSIX shm segment is a tmpfs file in /dev/shm and a memfd a tmpfs file with no name: files in all.
                        FileFacts = Everything, PosixShmFacts = Everything, MemfdFacts = Everything,
                    };
                default:
                    // Another POSIX system runs the Linux code paths (StatLayout refuses its files and tags), but its file
                    // system is not assumed to tell names apart by case.
                    return new PlatformFacts(TagNameRules.Linux)
                    {
                        SharedSegmentsCanGrow = true, CanListTags = true, FileNamesIgnoreCase = true, BackingCanShrinkUnderMap = true, CanRetireInPlace = true,
                        TagBacking = Backing.PosixShm, SegmentBacking = Backing.PosixShm, FileFacts = Everything, PosixShmFacts = Everything,
                    };
            }
        }

        /// <summary>How the OS names shared memory.</summary>
        internal TagNameRules Tags { get; }

        /// <summary>Whether an existing tagged segment can be made larger: Linux yes; macOS sets a segment's size once (a
        /// second ftruncate fails) and a Windows section keeps the size it was created with.</summary>
        internal bool SharedSegmentsCanGrow { get; private set; }

        /// <summary>Whether mmap has MAP_32BIT, which places a map in [1 GiB, 2 GiB) (Linux x86-64 only).</summary>
        internal bool SupportsMap32Bit { get; private set; }

        /// <summary>Whether the OS can list the tags that exist (Linux: the files in /dev/shm).</summary>
        internal bool CanListTags { get; private set; }

        /// <summary>Whether file names compare without case by default: Windows and macOS file systems do, Linux's do not.</summary>
        internal bool FileNamesIgnoreCase { get; private set; }

        /// <summary>Whether another process can cut a file or shared memory segment below what a live map of it covers, which
        /// turns an access past the new end into SIGBUS: POSIX yes (ftruncate succeeds under any map); Windows no (SetEndOfFile
        /// fails with ERROR_USER_MAPPED_FILE while a view is mapped, and a section never changes size). Where it cannot, maps
        /// need no per-call size check.</summary>
        internal bool BackingCanShrinkUnderMap { get; private set; }

        /// <summary>Whether one call can replace a mapping with inert memory at the same addresses, with no moment in between
        /// where they are unmapped (POSIX: mmap with MAP_FIXED over it). Then Dispose retires a map's range instead of unmapping
        /// it, a safe call racing it reads or writes harmless memory and then sees the map closed, and the range is unmapped
        /// once the map object is collected (<see cref="RetiredRange"/>). Windows cannot (a view must be unmapped before
        /// anything else takes its place), so its safe calls enter an <see cref="AccessGuard"/> instead.</summary>
        internal bool CanRetireInPlace { get; private set; }

        /// <summary>Whether the OS has an OEM (console) code page besides the ANSI one (Windows only).</summary>
        internal bool HasOemCodePage { get; private set; }

        /// <summary>Whether a synchronous flush must ask the drive itself to write its cache (macOS: fcntl F_FULLFSYNC, as
        /// Apple's fsync(2) says fsync does not); elsewhere msync MS_SYNC or FlushViewOfFile + FlushFileBuffers is durable.</summary>
        internal bool SyncNeedsFullFsync { get; private set; }

        /// <summary>What backs a tag: POSIX shm, or a Windows section.</summary>
        internal Backing TagBacking { get; private set; }

        /// <summary>What backs an anonymous mirror's memory: a memfd on Linux, POSIX shm on macOS, a section on Windows.</summary>
        internal Backing SegmentBacking { get; private set; }

        /// <summary>What a descriptor or handle of <paramref name="backing"/> can do here.</summary>
        internal BackingFacts Of(Backing backing) => backing switch
        {
            Backing.File => FileFacts,
            Backing.PosixShm => PosixShmFacts,
            Backing.Memfd => MemfdFacts,
            _ => SectionFacts,
        };

        /// <summary>Whether a map of <paramref name="kind"/> can read through its descriptor: a file, or a tag whose backing reads.</summary>
        internal bool CanReadThrough(MapKind kind) =>
            kind == MapKind.File ? FileFacts.Readable : kind == MapKind.Shared && Of(TagBacking).Readable;

        private BackingFacts FileFacts { get; set; } = BackingFacts.Absent;
        private BackingFacts PosixShmFacts { get; set; } = BackingFacts.Absent;
        private BackingFacts MemfdFacts { get; set; } = BackingFacts.Absent;
        private BackingFacts SectionFacts { get; set; } = BackingFacts.Absent;
    }
}
