using Mmap.Platform;

namespace Mmap
{
    public unsafe partial class MemoryMap
    {
        /// <summary>Maps shared memory by its tag (luapower's <c>tagname</c>): the same tag in two processes, or
        /// twice in one, gives the same memory. Access defaults to ReadWrite. <see cref="TagOptions.Mode"/> says whether
        /// to open, create or both; a new tag gets <see cref="TagOptions.Permission"/> (0600) and its whole size
        /// reserved, so a full /dev/shm fails here with disk_full. Size null maps the rest of an existing segment; more
        /// than it holds is file_too_short unless ReadWrite access lets it grow (Linux only).</summary>
        /// <exception cref="MmapException">no_file, already_exists, file_too_short, disk_full, access_denied,
        /// invalid_argument (bad tag or options, checked before any OS call).</exception>
        /// <example>
        /// <code>
        /// using var board = MemoryMap.MapShared("my-app-state", new MapOptions { Size = 4096 });
        /// Interlocked.Increment(ref board.AsRef&lt;long&gt;(0)); // the same counter in every process of the tag
        /// </code>
        /// </example>
        public static MemoryMap MapShared(string tag, MapOptions? options = null, TagOptions? tagOptions = null) =>
            SharedFactory.MapShared(tag, options ?? new MapOptions(), tagOptions ?? new TagOptions());

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

        /// <summary>The backing size an access ending at map offset <paramref name="mapEnd"/> needs.</summary>
        private protected virtual long BackingSizeNeeded(long mapEnd) => Offset + mapEnd;

        /// <summary>Where the file (or tag) must at least end for every access to this map (FileSizer's rule for a resize).</summary>
        internal long BackingEnd => BackingSizeNeeded(Size);

        /// <summary>What a flush of [start, start+count) must write back.</summary>
        private protected virtual (long Start, long Length) FlushWindow(long start, long count) => (start, count);
    }
}
