using Mmap.Platform;

namespace Mmap
{
    public unsafe partial class MemoryMap
    {
        /// <summary>A tagged or mirrored map: <paramref name="tag"/> names its shared memory (or null).</summary>
        internal MemoryMap(MapHandle handle, MapKind kind, MapOptions options, long size, string? path, FileIdentity? identity,
            string? tag)
            : this(handle, kind, options, size, path, identity)
        {
            Tag = tag;
            bool hasBacking = kind == MapKind.Shared || kind == MapKind.Mirror && (path != null || tag != null);
            Offset = hasBacking ? options.Offset : 0;
            // Shared memory truncated by another process raises SIGBUS just like a file: check it the same way. Every tag
            // and mirror has a descriptor; only a size nobody can change (a sealed memfd) needs no check, and its
            // factory turns CheckFileSize off.
            _checkFileSize = options.CheckFileSize;
        }

        /// <summary>Maps shared memory by its tag (luapower's <c>tagname</c>): the same tag in two processes, or
        /// twice in one, gives the same memory. <see cref="MapOptions.TagMode"/> says whether to open, create or
        /// both; a new tag gets <see cref="MapOptions.TagPermissions"/> (0600) and its whole size reserved, so a
        /// full /dev/shm fails here with disk_full. Size null maps the rest of an existing segment; more than it
        /// holds is file_too_short unless ReadWrite access lets it grow (Linux only).</summary>
        /// <exception cref="MmapException">no_file, already_exists, file_too_short, disk_full, access_denied,
        /// invalid_argument (bad tag or options, checked before any OS call).</exception>
        public static MemoryMap MapShared(string tag, MapOptions? options = null) => SharedFactory.MapShared(tag, options ?? new MapOptions());

        /// <summary>Removes the name of a tag (see <see cref="SharedMemory.Unlink"/>); maps stay valid.</summary>
        /// <exception cref="MmapException">no_file when the tag does not exist.</exception>
        public static void Unlink(string tag) => SharedMemory.Unlink(tag);

        /// <summary>Removes the name of this map's tag; this map (and others of the tag) stay valid until freed.</summary>
        /// <exception cref="MmapException">invalid_argument when the map has no tag; no_file when the name is gone already.</exception>
        public void Unlink()
        {
            if (Tag is null)
                throw new MmapException(MmapError.InvalidArgument, $"The {Description} has no tag to unlink. Only maps made from a tag have one.");
            SharedMemory.Unlink(Tag);
        }

        /// <summary>The tag of shared memory (Kind Shared, or a mirror of a tag), or null.</summary>
        public string? Tag { get; }

        internal MapHandle Handle => _handle;

        /// <summary>The backing size an access ending at map offset <paramref name="mapEnd"/> needs.</summary>
        private protected virtual long BackingSizeNeeded(long mapEnd) => Offset + mapEnd;

        /// <summary>What a flush of [start, start+count) must write back.</summary>
        private protected virtual (long Start, long Length) FlushWindow(long start, long count) => (start, count);

        /// <summary>Only file-backed pages have somewhere to go.</summary>
        private bool HasFileToFlush => Access != MapAccess.CopyOnWrite && (Kind == MapKind.File || Kind == MapKind.Mirror && Path != null);
    }
}
