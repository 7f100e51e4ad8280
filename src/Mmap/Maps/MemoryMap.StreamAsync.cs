using System;
using System.Buffers;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace Mmap
{
    // Not unsafe, as the other parts are: C# allows no await in an unsafe context.
    public partial class MemoryMap
    {
        /// <summary>A stream's CopyToAsync: as <see cref="CopyTo"/>, each chunk awaited in the destination's WriteAsync, and
        /// <paramref name="wrote"/> told of each chunk written (an async method cannot move a caller's position by ref). In the
        /// net8.0 build a chunk goes to WriteAsync as memory of the map itself (WriteMappedAsync); in the
        /// netstandard2.0 build, whose Stream takes only arrays, and for a size-checked map, through a pooled buffer.</summary>
        internal async Task CopyToAsync(Stream destination, long start, long length, long position, int chunk, Action<int> wrote,
                                        CancellationToken cancellationToken)
        {
            while (position < length)
            {
                int count = (int)Math.Min(chunk, length - position);
                Task written =
#if NET
                    !_checksSize ? WriteMappedAsync(destination, start + position, count, cancellationToken) :
#endif
                    WriteCopiedAsync(destination, start + position, count, cancellationToken);
                await written.ConfigureAwait(false);
                position += count;
                wrote(count);
            }
        }

#if NET
        /// <summary><see cref="WriteMapped"/> for WriteAsync: the chunk is a window of the map (<see cref="MapMemoryManager"/>),
        /// which holds the view's pin until the write completes and the destination lets go of every handle it pinned, so a
        /// Dispose of the map while the write is pending unmaps only after it. A cut page ends the copy with the map's error,
        /// as there.</summary>
        private async Task WriteMappedAsync(Stream destination, long offset, int count, CancellationToken cancellationToken)
        {
            MapView view = PinRange(offset, count, write: false, "copy");
            var window = new MapMemoryManager(view, offset, count); // owns the pin from here
            try
            {
                try { await destination.WriteAsync(window.Memory, cancellationToken).ConfigureAwait(false); }
                catch (IOException e) when (MayBeCut(e))
                {
                    CheckFileStillCovers(view, offset + count);
                    throw;
                }
                if (view.Faulted) ThrowFault(view);
            }
            finally { ((IDisposable)window).Dispose(); }
        }
#endif

        /// <summary>One chunk read with a safe call into a pooled buffer, then written with the destination's WriteAsync.</summary>
        private async Task WriteCopiedAsync(Stream destination, long offset, int count, CancellationToken cancellationToken)
        {
            byte[] buffer = ArrayPool<byte>.Shared.Rent(count);
            try
            {
                Read(offset, buffer.AsSpan(0, count));
                await destination.WriteAsync(buffer, 0, count, cancellationToken).ConfigureAwait(false);
            }
            finally { ArrayPool<byte>.Shared.Return(buffer); }
        }
    }
}
