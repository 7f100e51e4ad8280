namespace Mmap
{
    /// <summary>
    /// The settings only shared memory by tag has: how to open it, the permissions of a tag this call creates, and
    /// (Windows) its namespace. Used by <see cref="MemoryMap.MapShared"/>, <see cref="MirroredMap.MapShared"/> and
    /// <see cref="ByteRing.Create(string, long, MapOptions?, TagOptions?)"/>.
    /// </summary>
    public sealed class TagOptions
    {
        /// <summary>Open or create (default), open only an existing tag (missing: no_file), or create only a new one
        /// (exists: already_exists).</summary>
        public SharedOpenMode Mode { get; set; } = SharedOpenMode.OpenOrCreate;

        /// <summary>For a tag this call creates (Linux/macOS): its permission bits, 0600 (octal; 0x180) by default so
        /// only the owner can open it. Set exactly, whatever the umask. Ignored on Windows, where a new section gets the
        /// default security of the process (its owner, SYSTEM and administrators).</summary>
        public int Permission { get; set; } = SharedMemory.OwnerOnly;

        /// <summary>Windows: put the tag in the <c>Global\</c> namespace (visible across sessions; creating one needs
        /// SeCreateGlobalPrivilege) instead of <c>Local\</c>. Ignored on Linux and macOS.</summary>
        public bool Global { get; set; }

        /// <summary>A shallow copy, so callers can derive variants without sharing state.</summary>
        public TagOptions Clone() => (TagOptions)MemberwiseClone();
    }
}
