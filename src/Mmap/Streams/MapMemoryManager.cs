using System;
using System.Buffers;
using System.Threading;

namespace Mmap
{
    /// <summary>
    /// The <see cref="MemoryManager{T}"/> behind a <see cref="MapMemory"/> window: the Memory&lt;byte&gt; it makes points
    /// here, and <see cref="GetSpan"/> gives the window's bytes while it holds its pin on the map's view. Internal, so that
    /// no caller reaches a writable span of a read-only window by accident (only MemoryMarshal, which says so, can).
    /// <para>The window holds one pin of the map's view (<see cref="MemoryMap.PinRange"/>), and drops it when the window is
    /// disposed and no <see cref="MemoryHandle"/> of <see cref="Pin"/> is held any more: memory pinned for an I/O stays
    /// mapped through a Dispose of the window or of the map. It counts its own references rather than adding to the
    /// handle's, which a disposed map's handle refuses. An Unpin with no pin outstanding (a copied handle disposed twice)
    /// drops nothing.</para>
    /// </summary>
    internal sealed unsafe class MapMemoryManager : MemoryManager<byte>
    {
        private readonly MapView _view;
        private readonly byte* _start;
        private readonly int _length;
        private int _released;
        /// <summary>The window (until Dispose) and each pin held: the view's pin goes when this reaches 0.</summary>
        private int _references = 1;
        private int _pins;

        internal MapMemoryManager(MapView view, long offset, int length)
        {
            _view = view;
            _start = view.Start + offset;
            _length = length;
        }

        internal bool IsReleased => Volatile.Read(ref _released) != 0;

        /// <inheritdoc/>
        public override Span<byte> GetSpan()
        {
            if (IsReleased) throw MapMemory.Ended();
            return new Span<byte>(_start, _length);
        }

        /// <summary>The address of byte <paramref name="elementIndex"/>: the memory is mapped, so it never moves; the handle
        /// keeps it mapped until it is disposed.</summary>
        public override MemoryHandle Pin(int elementIndex = 0)
        {
            if ((uint)elementIndex > (uint)_length)
                throw new ArgumentOutOfRangeException(nameof(elementIndex), elementIndex, $"The window holds {_length} bytes: pin an index from 0 to {_length}.");
            if (IsReleased) throw MapMemory.Ended();
            int references;
            do
            {
                references = Volatile.Read(ref _references);
                if (references == 0) throw MapMemory.Ended();
            }
            while (Interlocked.CompareExchange(ref _references, references + 1, references) != references);
            Interlocked.Increment(ref _pins);
            return new MemoryHandle(_start + elementIndex, default, this);
        }

        /// <inheritdoc/>
        public override void Unpin()
        {
            int pins;
            do
            {
                pins = Volatile.Read(ref _pins);
                if (pins == 0) return;
            }
            while (Interlocked.CompareExchange(ref _pins, pins - 1, pins) != pins);
            Release();
        }

        /// <summary>Ends the window, once; handles still held keep the memory mapped until they are disposed.</summary>
        protected override void Dispose(bool disposing)
        {
            if (Interlocked.Exchange(ref _released, 1) == 0) Release();
        }

        private void Release()
        {
            if (Interlocked.Decrement(ref _references) == 0) MapGate.Unpin(_view);
        }
    }
}
