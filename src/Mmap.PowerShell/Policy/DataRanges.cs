namespace Mmap.Commands.Policy
{
    /// <summary>The byte ranges Read-MemoryMap, Sync-MemoryMap and Find-MemoryMap use when -Count/-Length is left out.</summary>
    internal static class DataRanges
    {
        /// <summary>The most bytes one byte[] can hold (Array.MaxLength for bytes on .NET and .NET Framework).</summary>
        internal const int MaxArrayLength = 0x7FFFFFC7;

        /// <summary>-Count, or the rest of the map from <paramref name="offset"/> when it is left out; either way at
        /// most what one byte[] can hold.</summary>
        internal static int ReadCount(long mapSize, long offset, long? count)
        {
            if (count is long given)
            {
                if (given > MaxArrayLength)
                    throw TooBigForOneArray($"-Count {given} ({ByteSize.ToText(given)}) is");
                MapRules.CheckRange(offset, given, mapSize, "read"); // before the array is made, and not chunk by chunk
                return (int)given;
            }
            long rest = MapRules.RestOf(mapSize, offset, "read");
            if (rest > MaxArrayLength)
                throw TooBigForOneArray($"The map holds {rest} bytes ({ByteSize.ToText(rest)}) from offset {offset},");
            return (int)rest;
        }

        private static MmapException TooBigForOneArray(string what) =>
            new MmapException(MmapError.InvalidArgument, CmdletMessages.TooBigForOneArray(what, MaxArrayLength));

        /// <summary>Find-MemoryMap's -Count, or the rest of the map from <paramref name="offset"/> when it is left out.</summary>
        internal static long SearchCount(long mapSize, long offset, long? count) => count ?? MapRules.RestOf(mapSize, offset, "search");

        /// <summary>Refuses a write outside the map before its first step writes anything.</summary>
        internal static void CheckWrite(long mapSize, long offset, int count) => MapRules.CheckRange(offset, count, mapSize, "write");

        /// <summary>-Length, or the rest of the map from <paramref name="offset"/> when it is left out.</summary>
        internal static long SyncLength(long mapSize, long offset, long? length)
        {
            if (length is long given)
            {
                MapRules.CheckRange(offset, given, mapSize, "flush"); // the whole range, before the first step flushes
                return given;
            }
            return MapRules.RestOf(mapSize, offset, "flush");
        }
    }
}
