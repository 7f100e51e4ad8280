namespace Mmap
{
    public unsafe partial class MemoryMap
    {
        /// <summary>
        /// Adds <paramref name="value"/> to the integer at <paramref name="offset"/> atomically and returns the sum (wrapping
        /// on overflow, as <c>Interlocked.Add</c>). Atomic against every thread and every process that maps the same file or
        /// tag: a shared counter needs no lock. Subtract by adding a negative number (or, unsigned, its two's complement).
        /// </summary>
        /// <typeparam name="T">Int32, UInt32, Int64 or UInt64.</typeparam>
        /// <param name="offset">A multiple of the value's size (4 or 8) in the map.</param>
        /// <param name="value">What to add.</param>
        /// <remarks>A CopyOnWrite map's pages are private: its atomics are atomic within this process only.</remarks>
        /// <exception cref="MmapException">invalid_argument for another type, a misaligned offset (naming the nearest aligned
        /// ones) or one outside the map; access_denied on a read-only map; file_too_short when another process truncated the
        /// file below the value.</exception>
        /// <exception cref="System.ObjectDisposedException">The map was freed.</exception>
        /// <example>
        /// <code>
        /// using var state = MemoryMap.MapShared("jobs", new MapOptions { Size = 4096 });
        /// long done = state.Add(0, 1L);   // this process's job is number 'done' across all processes
        /// </code>
        /// </example>
        public T Add<T>(long offset, T value) where T : unmanaged
        {
            var op = new AtomicAdd<T>(value);
            op = Apply(CheckedAtomicOffset<T>(offset), sizeof(T), op);
            return op.Result;
        }

        /// <summary>
        /// Stores <paramref name="value"/> at <paramref name="offset"/> if the integer there equals
        /// <paramref name="comparand"/>, atomically, and returns the integer that was there: it swapped exactly when the
        /// result equals <paramref name="comparand"/> (as <c>Interlocked.CompareExchange</c>). Atomic against every thread and
        /// process that maps the same file or tag: a status word or a lock a peer can claim.
        /// </summary>
        /// <inheritdoc cref="Add{T}(long, T)"/>
        /// <param name="offset">A multiple of the value's size (4 or 8) in the map.</param>
        /// <param name="value">What to store.</param>
        /// <param name="comparand">What must be there for the store to happen.</param>
        /// <example>
        /// <code>
        /// bool claimed = board.CompareExchange(64, Environment.ProcessId, 0) == 0;   // slot 64 was free, and is ours now
        /// </code>
        /// </example>
        public T CompareExchange<T>(long offset, T value, T comparand) where T : unmanaged
        {
            var op = new AtomicCompareExchange<T>(value, comparand);
            op = Apply(CheckedAtomicOffset<T>(offset), sizeof(T), op);
            return op.Result;
        }

        /// <summary>The checks of an atomic operation before the range primitive's: its type, then its place (a range outside
        /// the map says so before its alignment does).</summary>
        private long CheckedAtomicOffset<T>(long offset) where T : unmanaged
        {
            int size = AtomicRules.SizeOf<T>();
            MapRules.CheckRange(offset, size, Size, "update");
            AtomicRules.CheckAligned(offset, 0, size);
            return offset;
        }
    }
}
