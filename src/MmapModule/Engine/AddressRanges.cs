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

        /// <summary>The size of the largest range, in bytes (0 for none).</summary>
        internal static long Largest(List<(ulong Start, ulong End)> ranges)
        {
            ulong largest = 0;
            foreach (var (start, end) in ranges) largest = Math.Max(largest, end - start);
            return (long)Math.Min(largest, long.MaxValue);
        }
    }
}
