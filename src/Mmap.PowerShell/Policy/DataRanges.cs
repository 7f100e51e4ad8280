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

        /// <summary>Read-MemoryMap's range, in values of <paramref name="valueSize"/> bytes: -Tail's last values, or -Count values
        /// at -Offset (a typed read without -Count reads one value; a byte read, the rest of the map). -Tail excludes
        /// -Offset and -Count. Checked against the map and one array's limit before anything is allocated.</summary>
        internal static (long Offset, int Count) ReadRange(long mapSize, long? offset, long? count, long? tail, int valueSize, bool typed)
        {
            if (tail is long last)
            {
                if (offset.HasValue || count.HasValue)
                    throw new MmapException(MmapError.InvalidArgument, CmdletMessages.TailWithRange(offset.HasValue ? "-Offset" : "-Count"));
                if (last > MaxArrayLength / valueSize)
                    throw TooBigForOneArray($"-Tail {last} is {ByteSize.ToText(last * valueSize)},");
                long bytes = last * valueSize;
                if (bytes > mapSize)
                    throw new MmapException(MmapError.InvalidArgument, CmdletMessages.TailPastStart(last, bytes, mapSize));
                return (mapSize - bytes, (int)last);
            }
            long at = offset ?? 0;
            if (!typed) return (at, ReadCount(mapSize, at, count));
            long values = count ?? 1;
            if (values > MaxArrayLength / valueSize)
                throw TooBigForOneArray($"-Count {values} values of {valueSize} bytes ({ByteSize.ToText(values * valueSize)}) is");
            MapRules.CheckRange(at, values * valueSize, mapSize, "read");
            return (at, (int)values);
        }

        private static MmapException TooBigForOneArray(string what) =>
            new MmapException(MmapError.InvalidArgument, CmdletMessages.TooBigForOneArray(what, MaxArrayLength));

        /// <summary>Find-MemoryMap's -Count, or the rest of the map from <paramref name="offset"/> when it is left out.</summary>
        internal static long SearchCount(long mapSize, long offset, long? count) => count ?? MapRules.RestOf(mapSize, offset, "search");

        /// <summary>Refuses a write outside the map before its first step writes anything.</summary>
        internal static void CheckWrite(long mapSize, long offset, int count) => MapRules.CheckRange(offset, count, mapSize, "write");

        /// <summary>-Length, or the rest of the map from <paramref name="offset"/> when it is left out, checked against the
        /// map before anything is done (<paramref name="action"/> names the call in the error: "flush", "lock").</summary>
        internal static long RangeLength(long mapSize, long offset, long? length, string action)
        {
            if (length is long given)
            {
                MapRules.CheckRange(offset, given, mapSize, action); // the whole range, before the first step
                return given;
            }
            return MapRules.RestOf(mapSize, offset, action);
        }
    }
}
