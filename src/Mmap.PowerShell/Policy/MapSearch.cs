using System;
using System.Collections.Generic;
using System.Threading;

namespace Mmap.Commands.Policy
{
    /// <summary>What Find-MemoryMap's switches mean: the first match, the last, or every match (first to last, or last to
    /// first with -Last), matches never overlapping; each an engine search of what is left of the range.</summary>
    internal static class MapSearch
    {
        /// <summary>The offsets of the matches of <paramref name="pattern"/> in [offset, offset+count) of the map, found one by
        /// one (a caller may stop early). <paramref name="progress"/> is told the bytes of the range searched so far.</summary>
        internal static IEnumerable<long> Matches(MemoryMap map, byte[] pattern, long offset, long count, bool all, bool last,
            CancellationToken cancellation, IProgress<long> progress)
        {
            long start = offset, end = offset + count;
            while (true)
            {
                // The first search runs even on a range shorter than the pattern, so a bad range or pattern is an error.
                long hit = last
                    ? map.LastIndexOf(pattern, start, end - start, cancellation, new Shifted(progress, offset + count - end))
                    : map.IndexOf(pattern, start, end - start, cancellation, new Shifted(progress, start - offset));
                if (hit < 0) yield break;
                yield return hit;
                if (!all) yield break;
                if (last) end = hit;
                else start = hit + pattern.Length;
                if (end - start < pattern.Length) yield break;
            }
        }

        /// <summary>The offset's context: up to <see cref="MapMatch.ContextBytes"/> on each side of the match, inside the map.</summary>
        internal static (long Start, int Length) Context(long mapSize, long offset, int length)
        {
            long start = Math.Max(0, offset - MapMatch.ContextBytes);
            long end = Math.Min(mapSize, offset + length + MapMatch.ContextBytes);
            return (start, (int)Math.Min(end - start, int.MaxValue));
        }

        /// <summary>The progress of one engine search as progress through the whole range.</summary>
        private sealed class Shifted : IProgress<long>
        {
            private readonly IProgress<long> _whole;
            private readonly long _before;

            internal Shifted(IProgress<long> whole, long before)
            {
                _whole = whole;
                _before = before;
            }

            public void Report(long value) => _whole.Report(_before + value);
        }
    }
}
