namespace Mmap.Platform
{
    /// <summary>The kernel object behind a map's descriptor or handle. What may be done with a descriptor is decided by
    /// the object, not by the OS's name: on Linux a POSIX shm segment is a tmpfs file, on macOS it is no file at all.</summary>
    internal enum Backing
    {
        /// <summary>A file on a file system.</summary>
        File,

        /// <summary>A POSIX shared memory segment (shm_open): tags, and nameless segments where there is no memfd.</summary>
        PosixShm,

        /// <summary>A Linux memfd (memfd_create): anonymous mirrors.</summary>
        Memfd,

        /// <summary>A Windows section (file-mapping object): tags and anonymous mirrors there.</summary>
        Section,
    }

    /// <summary>
    /// What one OS lets a descriptor or handle of one <see cref="Backing"/> do, where the OS layer would otherwise find
    /// out from a failed call after the object exists. From <see cref="PlatformFacts.Of"/>; a backing the OS does not
    /// have can do nothing.
    /// </summary>
    internal sealed class BackingFacts
    {
        internal static readonly BackingFacts Absent = new BackingFacts(false, false, false);

        internal BackingFacts(bool modeSettable, bool readable, bool copyOnWrite)
        {
            ModeSettable = modeSettable; Readable = readable; CopyOnWrite = copyOnWrite;
        }

        /// <summary>fchmod on the descriptor sets its mode exactly, so a new object gets the mode asked whatever the umask.
        /// Not macOS POSIX shm: XNU's fchmod accepts vnodes only (EINVAL), so the mode must go to shm_open itself.</summary>
        internal bool ModeSettable { get; }

        /// <summary>pread (ReadFile) reads it, so a size-checked map can read through the descriptor instead of the
        /// mapping. Not macOS POSIX shm (its file operations have no read: fo_no_read), not a section (no file).</summary>
        internal bool Readable { get; }

        /// <summary>It can be mapped copy-on-write (MAP_PRIVATE, FILE_MAP_COPY). Not macOS POSIX shm: pshm_mmap refuses
        /// anything but MAP_SHARED.</summary>
        internal bool CopyOnWrite { get; }
    }
}
