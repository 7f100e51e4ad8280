using System;
using System.Collections.Generic;

namespace Mmap
{
    /// <summary>Arithmetic on lists of [Start, End) address ranges, shared by every OS's placement and probe.</summary>
    internal static class AddressRanges
    {
        /// <summary>The ranges sorted, with touching or overlapping ones joined (adjacent reservations are one block).</summary>
        internal static List<(ulong Start, ulong End)> Merge(List<(ulong Start, ulong End)> ranges)
        {
            var sorted = new List<(ulong Start, ulong End)>(ranges);
            sorted.Sort((a, b) => a.Start.CompareTo(b.Start));
            var merged = new List<(ulong Start, ulong End)>(sorted.Count);
            foreach (var r in sorted)
            {
                int last = merged.Count - 1;
                if (last >= 0 && merged[last].End >= r.Start)
                    merged[last] = (merged[last].Start, Math.Max(merged[last].End, r.End));
                else
                    merged.Add(r);
            }
            return merged;
        }

        /// <summary>An address as a pointer; in a 32-bit process addresses above 2 GiB must not overflow a signed conversion.</summary>
        internal static IntPtr ToPointer(ulong address) =>
            IntPtr.Size == 8 ? new IntPtr((long)address) : new IntPtr(unchecked((int)(uint)address));

        /// <summary>A pointer as an unsigned address (no sign extension in a 32-bit process).</summary>
        internal static ulong ToAddress(IntPtr pointer) =>
            IntPtr.Size == 8 ? (ulong)pointer.ToInt64() : (uint)pointer.ToInt32();

        /// <summary>The size of the largest range, in bytes (0 for none).</summary>
        internal static long Largest(List<(ulong Start, ulong End)> ranges)
        {
            ulong largest = 0;
            foreach (var (start, end) in ranges) largest = Math.Max(largest, end - start);
            return (long)Math.Min(largest, long.MaxValue);
        }
    }
}
