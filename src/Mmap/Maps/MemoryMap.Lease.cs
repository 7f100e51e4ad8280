using System;

namespace Mmap
{
    public unsafe partial class MemoryMap
    {
        /// <summary>A lease on [<paramref name="offset"/>, offset+length) for a loop of accesses: the range, the access and
        /// (with <see cref="MapOptions.SizeCheck"/>) the file's size are checked once here, and one reference keeps the
        /// memory mapped until the lease is disposed; its accesses then cost a bounds check each, as a raw pointer would
        /// with one.</summary>
        /// <param name="offset">Where the lease starts in the map; the lease's own offsets count from here.</param>
        /// <param name="length">The bytes it covers.</param>
        /// <param name="write">Whether the lease may write (refused on a read-only map).</param>
        /// <remarks>Safety: dispose the lease once (a <c>using</c> statement does). A copy of the struct disposed as well ends
        /// nothing more (the map keeps its reference count right), but do not access the memory through a copy after the
        /// lease ended: once the map is disposed too, that memory is gone. A Dispose of the map meanwhile refuses new calls at
        /// once but unmaps only when the lease ends. A fault during the lease (another process cut the file) is an
        /// MmapException on the access that met it where <see cref="FaultRecovery"/> is active; elsewhere the size is checked
        /// here, once, and a cut during the lease still raises SIGBUS.</remarks>
        /// <exception cref="MmapException">invalid_argument for a range outside the map; access_denied for a writable
        /// lease of a read-only map; file_too_short when another process truncated the file below the range.</exception>
        /// <exception cref="System.ObjectDisposedException">The map was freed.</exception>
        /// <example>
        /// <code>
        /// using var lease = map.Acquire(0, map.Size);
        /// long sum = 0;
        /// foreach (long at in offsets) sum += lease.Read&lt;long&gt;(at);
        /// </code>
        /// </example>
        public MapLease Acquire(long offset, long length, bool write = false) =>
            new MapLease(this, PinRange(offset, length, write, "acquire"), offset, length, write, BeginLease());

        /// <summary>The checks of a lease, for everything that holds [<paramref name="offset"/>, offset+length) longer than
        /// one call (a lease, a memory window, a stream's copy): the range, the access, no fault, and (where the backing can
        /// shrink) its size, once; then the view pinned until <see cref="MapGate.Unpin"/>. A refusal pins nothing.</summary>
        internal MapView PinRange(long offset, long length, bool write, string action)
        {
            MapView view = Pin();
            try
            {
                if (!MapRules.InRange(offset, length, view.Size)) throw MapRules.OutOfRange(offset, length, view.Size, action);
                if (write && !view.Writable) throw ReadOnly();
                if (view.Faulted) ThrowFault(view);
                if (_checksSizeOnce) CheckFileStillCovers(view, offset + length);
            }
            catch
            {
                MapGate.Unpin(view);
                throw;
            }
            return view;
        }

        /// <summary>The tokens of the leases not yet ended (0: a free slot), so that a lease ended twice through a copy of the
        /// struct drops its reference once: a second drop would unmap under the map's other users. Grows rarely; locked.</summary>
        private long[] _leases = Array.Empty<long>();
        private long _leaseSerial;

        private long BeginLease()
        {
            lock (_sync)
            {
                int free = Array.IndexOf(_leases, 0L);
                if (free < 0)
                {
                    free = _leases.Length;
                    Array.Resize(ref _leases, Math.Max(4, _leases.Length * 2));
                }
                return _leases[free] = ++_leaseSerial;
            }
        }

        /// <summary>Drops the pin the lease <paramref name="token"/> took on <paramref name="view"/>, once: a copy of an ended
        /// lease ends nothing.</summary>
        internal void EndLease(MapView view, long token)
        {
            lock (_sync)
            {
                int slot = Array.IndexOf(_leases, token);
                if (slot < 0) return;
                _leases[slot] = 0;
            }
            MapGate.Unpin(view);
        }
    }
}
