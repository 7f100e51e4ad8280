using System;

namespace Mmap
{
    /// <summary>The checks of a search (<see cref="MemoryMap.IndexOf(ReadOnlySpan{byte}, long, long, System.Threading.CancellationToken, IProgress{long})"/>),
    /// made before the map is touched.</summary>
    internal static class SearchRules
    {
        /// <summary>The bytes one step of a search reads between an Enter and a Leave (plus the pattern's length less one,
        /// so a match across two steps is found): small enough that a Dispose, a fault check or a cancellation is honoured
        /// within about a millisecond, large enough that the per-step checks cost nothing measurable.</summary>
        internal const int StepBytes = 4 << 20;

        /// <summary>The longest pattern: a step must fit in one span (int length) with its overlap.</summary>
        internal const int MaxPatternLength = 1 << 30;

        /// <summary>Throws invalid_argument for an empty or too long pattern or a range outside the map.</summary>
        internal static void CheckSearch(int patternLength, long offset, long count, long mapSize)
        {
            if (patternLength == 0)
                throw new MmapException(MmapError.InvalidArgument,
                    "The pattern is empty, and an empty pattern matches everywhere. Give at least one byte to search for.");
            if (patternLength > MaxPatternLength)
                throw new MmapException(MmapError.InvalidArgument,
                    $"The pattern is {patternLength} bytes ({ByteSize.ToText(patternLength)}); a search takes patterns of at most {MaxPatternLength} bytes. Search for a shorter, distinctive part of it.");
            MapRules.CheckRange(offset, count, mapSize, "search");
        }
    }
}
