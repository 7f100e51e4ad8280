namespace Mmap.Commands.Core
{
    /// <summary>The byte ranges Read-MemoryMap and Sync-MemoryMap use when -Count/-Length is left out.</summary>
    internal static class DataRanges
    {
        /// <summary>The most bytes one byte[] can hold (Array.MaxLength for bytes on .NET and .NET Framework).</summary>
        internal const int MaxArrayLength = 0x7FFFFFC7;

        /// <summary>-Count, or the rest of the map from <paramref name="offset"/> when it is left out.</summary>
        internal static int ReadCount(long mapSize, long offset, int? count)
        {
            if (count is int given) return given; // the engine bounds-checks it
            MapRules.CheckRange(offset, 0, mapSize, "read");
            long rest = mapSize - offset;
            if (rest > MaxArrayLength)
                throw new MmapException(MmapError.InvalidArgument,
                    $"The map holds {rest} bytes ({MapRules.Human(rest)}) from offset {offset}, more than one byte[] can hold. " +
                    $"Give -Count (at most {MaxArrayLength}) and read in pieces.");
            return (int)rest;
        }

        /// <summary>-Length, or the rest of the map from <paramref name="offset"/> when it is left out.</summary>
        internal static long SyncLength(long mapSize, long offset, long? length)
        {
            if (length is long given) return given; // the engine bounds-checks it
            MapRules.CheckRange(offset, 0, mapSize, "flush");
            return mapSize - offset;
        }
    }
}
