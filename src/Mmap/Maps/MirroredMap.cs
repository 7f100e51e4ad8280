using System;

namespace Mmap
{
    /// <summary>
    /// A block of memory repeated <see cref="Times"/> times in a row (luapower <c>mmap.mirror</c>): byte i of copy k
    /// is byte i of copy 0 for every k, so data that runs off the end of one copy continues at the start of the
    /// block — what a ring buffer needs to read and write without splitting at the wrap.
    /// <para>Built race-free: the whole range is reserved first (PROT_NONE / a placeholder) and each copy replaces
    /// part of that reservation, which is never released in between, so no other thread's mapping can land in the
    /// range or be overwritten. An exact <see cref="MapOptions.Address"/> in use is out_of_mem and that mapping
    /// is left untouched. Linux and macOS: mmap; Windows 10 1803+: VirtualAlloc2 placeholders and MapViewOfFile3
    /// (older Windows: not_supported).</para>
    /// <para>A mirror is a <see cref="MemoryMap"/> of <see cref="MapKind.Mirror"/> covering all copies: it is listed by
    /// <see cref="MemoryMapRegistry"/>, its safe Read/Write work across the whole range (checked against the one
    /// block behind it), and Dispose (or the finalizer) frees every copy at once.</para>
    /// </summary>
    public sealed class MirroredMap : MemoryMap
    {
        internal MirroredMap(MapHandle handle, MapOptions options, long size, string? path, Platform.FileIdentity? identity, string? tag,
            long blockSize, int times)
            : base(handle, MapKind.Mirror, options, size, path, identity, tag)
        {
            BlockSize = blockSize;
            Times = times;
        }

        /// <summary>Mirrors [Offset, Offset+size) of the file at <paramref name="path"/>. Access defaults to ReadWrite
        /// (<see cref="MapOptions.DefaultAccess"/>: luapower's mirrors are 'w'), so a missing or short file is created or
        /// grown; Read maps an existing file as it is; CopyOnWrite is refused.</summary>
        /// <param name="path">The file to mirror.</param>
        /// <param name="size">Bytes in the block; aligned up to <see cref="PageInfo.AllocationGranularity"/>. The file
        /// must hold Offset + the aligned size (ReadWrite grows it).</param>
        /// <param name="times">How many copies, at least 2.</param>
        /// <param name="options">Access, Offset, Address (exact, never replacing a mapping), Populate, SizeCheck.</param>
        public static MirroredMap MapFile(string path, long size, int times = 2, MapOptions? options = null) =>
            MirrorFactory.FromFile(path, size, times, options);

        /// <summary>Mirrors [Offset, Offset+size) of the shared memory named <paramref name="tag"/>, opened or created
        /// as <see cref="MemoryMap.MapShared"/> does (<see cref="TagOptions"/>), so another process can mirror the same
        /// memory. Access defaults to ReadWrite as for <see cref="MapFile"/>.</summary>
        public static MirroredMap MapShared(string tag, long size, int times = 2, MapOptions? options = null, TagOptions? tagOptions = null) =>
            MirrorFactory.FromTag(tag, size, times, options, tagOptions ?? new TagOptions());

        /// <summary>Mirrors fresh zeroed memory private to this process (Linux: memfd_create; macOS: an shm segment
        /// unlinked at once; Windows: a page-file section). Access defaults to ReadWrite.</summary>
        /// <example>
        /// <code>
        /// using var ring = MirroredMap.MapAnonymous(64 * 1024);
        /// ring.Write(ring.BlockSize - 2, "wrap"u8);   // runs off the end of copy 0 ...
        /// byte[] ap = ring.ReadBytes(0, 2);           // ... and continues at its start: "ap"
        /// </code>
        /// </example>
        public static MirroredMap MapAnonymous(long size, int times = 2, MapOptions? options = null) =>
            MirrorFactory.Anonymous(size, times, options);

        /// <summary>The bytes in one copy (the size asked for, aligned up to the allocation granularity);
        /// <see cref="MemoryMap.Size"/> is BlockSize * Times.</summary>
        public long BlockSize { get; }

        /// <summary>How many copies follow each other (copy k starts at Address + k * BlockSize).</summary>
        public int Times { get; }

        /// <summary>Where copy <paramref name="copy"/> (0 .. Times-1) starts.</summary>
        public IntPtr GetCopyAddress(int copy)
        {
            if (copy < 0 || copy >= Times)
                throw new MmapException(MmapError.InvalidArgument, $"Copy {copy} does not exist: the mirror has copies 0 to {Times - 1}.");
            return new IntPtr(Address.ToInt64() + copy * BlockSize);
        }

        /// <summary>Every access, wherever it lands, needs the whole block behind the copies.</summary>
        private protected override long BackingSizeNeeded(long mapEnd) => Offset + BlockSize;

        /// <summary>The copies are one block, so flushing the block flushes any range of them.</summary>
        private protected override long BackingOffsetOf(long mapOffset) => Offset + mapOffset % BlockSize;

        /// <inheritdoc/>
        private protected override (long Start, long Length) FlushWindow(long start, long count) => (0, BlockSize);

        /// <inheritdoc/>
        public override string ToString() => $"{base.ToString()} ({Times} x {ByteSize.ToText(BlockSize)})";
    }
}
