using System;
using System.Buffers;
using System.IO;

namespace Mmap
{
    public unsafe partial class MemoryMap
    {
        /// <summary>The whole map as a seekable <see cref="Stream"/> (<see cref="MapStream"/>), writable when the map is;
        /// disposing the stream leaves the map open.</summary>
        /// <exception cref="ObjectDisposedException">The map was freed.</exception>
        /// <example>
        /// <code>
        /// using var map = MemoryMap.MapFile("big.bin");
        /// using var copy = File.Create("copy.bin");
        /// map.AsStream().CopyTo(copy);      // from the mapped pages into the file, no copy through a buffer
        /// </code>
        /// </example>
        public MapStream AsStream() => AsStream(0, Size);

        /// <summary>[<paramref name="offset"/>, offset+length) of the map as a seekable <see cref="Stream"/>
        /// (<see cref="MapStream"/>): position 0 is the map's <paramref name="offset"/>, and its length is
        /// <paramref name="length"/>, fixed.</summary>
        /// <param name="offset">Where the stream starts in the map.</param>
        /// <param name="length">The bytes it covers.</param>
        /// <param name="readOnly">True for a stream that cannot write even when the map can; a read-only map always gives one.</param>
        /// <param name="leaveOpen">False to have the stream's Dispose dispose the map too (the stream then owns it).</param>
        /// <exception cref="MmapException">invalid_argument for a range outside the map.</exception>
        /// <exception cref="ObjectDisposedException">The map was freed.</exception>
        public MapStream AsStream(long offset, long length, bool readOnly = false, bool leaveOpen = true)
        {
            MapView view = OpenView();
            MapRules.CheckRange(offset, length, view.Size, "open a stream over");
            return new MapStream(this, offset, length, !readOnly && view.Writable, leaveOpen);
        }

        /// <summary>A stream's CopyTo: [start+position, start+length) of the map into <paramref name="destination"/>, in chunks
        /// of <paramref name="chunk"/> bytes, <paramref name="position"/> moving on with each chunk written. Where the runtime
        /// writes spans and safe calls read through the mapping, each chunk is written straight from the mapped memory
        /// (<see cref="WriteMapped"/>); otherwise (.NET Framework, or a size-checked map, whose reads are preads) it is read
        /// with <see cref="Read(long, Span{byte})"/> into one pooled buffer.</summary>
        internal void CopyTo(Stream destination, long start, long length, ref long position, int chunk)
        {
            SpanStreamWriter.WriteSpan? direct = _checksSize ? null : SpanStreamWriter.Write;
            byte[]? buffer = null;
            try
            {
                while (position < length)
                {
                    int count = (int)Math.Min(chunk, length - position);
                    if (direct != null) WriteMapped(destination, start + position, count, direct);
                    else
                    {
                        buffer ??= ArrayPool<byte>.Shared.Rent(count);
                        Read(start + position, buffer.AsSpan(0, count));
                        destination.Write(buffer, 0, count);
                    }
                    position += count;
                }
            }
            finally
            {
                if (buffer != null) ArrayPool<byte>.Shared.Return(buffer);
            }
        }

        /// <summary>One chunk written from the mapped memory, with the view pinned (a Dispose meanwhile unmaps after it; the
        /// next chunk is refused) and checked as a lease is. A page another process cut off meets the fault handler (a copy
        /// in this process: zeros, and the fault after it) or the kernel (the destination's write system call fails with
        /// EFAULT); either way the call ends with the map's error, never a crash. The destination may have received part of
        /// the chunk.</summary>
        private void WriteMapped(Stream destination, long offset, int count, SpanStreamWriter.WriteSpan write)
        {
            MapView view = PinRange(offset, count, write: false, "copy");
            try
            {
                try { write(destination, new ReadOnlySpan<byte>(view.Start + offset, count)); }
                catch (IOException e) when (MayBeCut(e))
                {
                    CheckFileStillCovers(view, offset + count); // file_too_short, when a cut is why the write failed
                    throw;
                }
                if (view.Faulted) ThrowFault(view);
            }
            finally { MapGate.Unpin(view); }
        }

        /// <summary>Whether a destination's failed write of mapped memory may come from a page cut off under it (the kernel's
        /// copy then fails with EFAULT): not for the engine's own errors, nor for memory that cannot fault.</summary>
        private bool MayBeCut(IOException e) => !(e is MmapException) && !CannotFault;
    }
}
