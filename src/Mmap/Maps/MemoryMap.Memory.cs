using System;

namespace Mmap
{
    public unsafe partial class MemoryMap
    {
        /// <summary>A writable window of [<paramref name="offset"/>, offset+length) as <see cref="Memory{T}"/>, for Pipelines
        /// and async APIs: the range, access and (where the file can shrink) size are checked once, as for
        /// <see cref="Acquire"/>, and the window keeps the memory mapped until it is disposed, also past the map's Dispose.
        /// </summary>
        /// <remarks>Safety: see <see cref="MapMemory"/>: dispose the window when every user of its memory is done.</remarks>
        /// <exception cref="MmapException">invalid_argument for a range outside the map or longer than
        /// <see cref="int.MaxValue"/> bytes; access_denied on a read-only map (use <see cref="GetReadOnlyMemory"/>);
        /// file_too_short when another process truncated the file below the range.</exception>
        /// <exception cref="ObjectDisposedException">The map was freed.</exception>
        /// <example>
        /// <code>
        /// using MapMemory window = map.GetMemory(0, 4096);
        /// int read = await file.ReadAsync(window.Memory);   // straight into the map
        /// </code>
        /// </example>
        public MapMemory GetMemory(long offset, long length)
        {
            if (!OpenView().Writable)
                throw new MmapException(MmapError.AccessDenied,
                    $"The {Description} is read-only, and a writable window of it would crash the process at its first write. " +
                    "Use GetReadOnlyMemory, or map it with ReadWrite (or CopyOnWrite) access.", 0, Path);
            return Window(offset, length, write: true);
        }

        /// <summary>A read-only window of [<paramref name="offset"/>, offset+length) as <see cref="ReadOnlyMemory{T}"/>, of
        /// any map; checked and pinned as <see cref="GetMemory"/> is.</summary>
        /// <exception cref="MmapException">invalid_argument for a range outside the map or longer than
        /// <see cref="int.MaxValue"/> bytes; file_too_short when another process truncated the file below the range.</exception>
        /// <exception cref="ObjectDisposedException">The map was freed.</exception>
        public MapMemory GetReadOnlyMemory(long offset, long length) => Window(offset, length, write: false);

        private MapMemory Window(long offset, long length, bool write)
        {
            // Memory<T> counts in Int32: a longer window cannot exist, so say how to get the bytes instead.
            if (length > int.MaxValue)
                throw new MmapException(MmapError.InvalidArgument,
                    $"Cannot make a memory window of {length} bytes: Memory<byte> holds at most {int.MaxValue} bytes. " +
                    "Take several windows of at most 2 GiB - 1, or read the map through AsStream().", 0, Path);
            MapView view = PinRange(offset, length, write, "make a memory window of");
            return new MapMemory(view, Description, offset, (int)length, write);
        }
    }
}
