using System;

namespace Mmap
{
    public unsafe partial class MemoryMap
    {
        /// <summary>
        /// Reads one unmanaged value (any alignment) at each of <paramref name="offsets"/> into
        /// <paramref name="destination"/>: a gather. The checks of the single-value <c>Read&lt;T&gt;</c> are made once
        /// per call instead of once per value: every offset is bounds-checked, the map is held against a racing
        /// Dispose for the whole call, and (with <see cref="MapOptions.SizeCheck"/>) the file's size is checked
        /// once against the highest offset. Use it for many small reads: one file-size check costs a system call,
        /// which dwarfs an 8-byte read.
        /// </summary>
        /// <exception cref="ArgumentException"><paramref name="destination"/> is shorter than <paramref name="offsets"/>.</exception>
        /// <exception cref="MmapException">invalid_argument for an offset outside the map; file_too_short when the file
        /// was truncated below the highest offset.</exception>
        public void Gather<T>(ReadOnlySpan<long> offsets, Span<T> destination) where T : unmanaged
        {
            if (destination.Length < offsets.Length)
                throw new ArgumentException(
                    $"The destination holds {destination.Length} values but {offsets.Length} offsets were given. Pass a destination at least as long as the offsets.",
                    nameof(destination));
            if (offsets.Length == 0)
            {
                OpenView(); // an empty gather of a freed map is refused all the same
                return;
            }
            // One branch-free pass: as unsigned numbers, negative offsets are the largest, so the maximum alone tells
            // whether every offset is in range; only a failure looks for the culprit.
            ulong highest = 0;
            foreach (long offset in offsets) highest = Math.Max(highest, (ulong)offset);
            if (Size < sizeof(T) || highest > (ulong)(Size - sizeof(T)))
                foreach (long offset in offsets) MapRules.CheckRange(offset, sizeof(T), Size, "read");
            // Every offset was checked above: the op indexes without per-element bounds checks.
            fixed (long* at = offsets)
            fixed (T* to = destination)
            {
                var op = new GatherValues<T>(at, to, offsets.Length, (long)highest);
                op = Apply((long)highest, sizeof(T), op);
            }
        }
    }
}
