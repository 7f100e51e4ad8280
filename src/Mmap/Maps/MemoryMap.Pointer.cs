namespace Mmap
{
    public unsafe partial class MemoryMap
    {
        /// <summary>Takes a reference on the mapping and returns its start, as <c>SafeBuffer.AcquirePointer</c> does: until
        /// the matching <see cref="ReleasePointer"/>, a Dispose (on any thread) waits to unmap, so the pointer cannot dangle.</summary>
        /// <remarks>Safety: every call must be paired with exactly one <see cref="ReleasePointer"/> (in a finally); a
        /// missing release keeps the memory mapped until the process ends, an extra one frees it under other users.
        /// Accesses through the pointer are not checked: keep them within [0, <see cref="Size"/>), and a file truncated by
        /// another process still raises SIGBUS on access.</remarks>
        /// <exception cref="System.ObjectDisposedException">The map was freed.</exception>
        public byte* AcquirePointer() => Pin().Start;

        /// <summary>Drops the reference one <see cref="AcquirePointer"/> took; the pointer it gave must not be used after.</summary>
        public void ReleasePointer() => MapGate.Unpin(_gate.Current);
    }
}
