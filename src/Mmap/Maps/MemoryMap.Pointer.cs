namespace Mmap
{
    public unsafe partial class MemoryMap
    {
        /// <summary>Takes a reference on the mapping and returns its start, as <c>SafeBuffer.AcquirePointer</c> does: until
        /// the matching <see cref="ReleasePointer"/>, a Dispose (on any thread) waits to unmap, so the pointer cannot dangle.</summary>
        /// <remarks>Safety: every call must be paired with exactly one <see cref="ReleasePointer"/> (in a finally); a
        /// missing release keeps the memory mapped until the process ends; an extra one throws.
        /// Accesses through the pointer are not checked: keep them within [0, <see cref="Size"/>), and a file truncated by
        /// another process still raises SIGBUS on access.</remarks>
        /// <exception cref="System.ObjectDisposedException">The map was freed.</exception>
        public byte* AcquirePointer()
        {
            MapView view = Pin();
            lock (_sync) (_pointerPins ??= new System.Collections.Generic.Stack<MapView>()).Push(view);
            return view.Start;
        }

        /// <summary>Drops the reference the latest unreleased <see cref="AcquirePointer"/> took (a resize since may have
        /// given the map another mapping: the pin held is the one dropped); the pointer it gave must not be used after.</summary>
        /// <exception cref="System.InvalidOperationException">No pointer is held.</exception>
        public void ReleasePointer()
        {
            MapView view;
            lock (_sync)
            {
                if (_pointerPins is null || _pointerPins.Count == 0)
                    throw new System.InvalidOperationException($"No pointer of the {Description} is held: every AcquirePointer was released already. Release each pointer once.");
                view = _pointerPins.Pop();
            }
            MapGate.Unpin(view);
        }

        /// <summary>The views <see cref="AcquirePointer"/> pinned, latest on top.</summary>
        private System.Collections.Generic.Stack<MapView>? _pointerPins;
    }
}
