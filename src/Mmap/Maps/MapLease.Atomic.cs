namespace Mmap
{
    public unsafe ref partial struct MapLease
    {
        /// <summary>Adds <paramref name="value"/> to the integer at lease offset <paramref name="offset"/> atomically and
        /// returns the sum, as <see cref="MemoryMap.Add{T}"/> does, with the lease's one bounds check instead of a safe call's
        /// checks: for a loop of updates. The value must be aligned in the map (a multiple of its size from the map's start).</summary>
        /// <typeparam name="T">Int32, UInt32, Int64 or UInt64.</typeparam>
        /// <exception cref="MmapException">invalid_argument for another type, a misaligned offset or one outside the lease;
        /// access_denied on a read-only lease.</exception>
        /// <exception cref="System.ObjectDisposedException">The lease was disposed.</exception>
        public T Add<T>(long offset, T value) where T : unmanaged
        {
            var op = new AtomicAdd<T>(value);
            op = Apply(CheckedAtomicOffset<T>(offset), sizeof(T), op);
            return op.Result;
        }

        /// <summary>Stores <paramref name="value"/> at lease offset <paramref name="offset"/> if the integer there equals
        /// <paramref name="comparand"/>, atomically, and returns what was there, as <see cref="MemoryMap.CompareExchange{T}"/>.</summary>
        /// <inheritdoc cref="Add{T}(long, T)"/>
        public T CompareExchange<T>(long offset, T value, T comparand) where T : unmanaged
        {
            var op = new AtomicCompareExchange<T>(value, comparand);
            op = Apply(CheckedAtomicOffset<T>(offset), sizeof(T), op);
            return op.Result;
        }

        /// <summary>The checks of an atomic operation before the range primitive's: its type, writable, inside, aligned.</summary>
        private long CheckedAtomicOffset<T>(long offset) where T : unmanaged
        {
            int size = AtomicRules.SizeOf<T>();
            if (!IsWritable) ThrowReadOnly();
            if (!MapRules.InRange(offset, size, _length)) throw Refusal(offset, size, write: true);
            AtomicRules.CheckAligned(offset, Offset, size);
            return offset;
        }
    }
}
