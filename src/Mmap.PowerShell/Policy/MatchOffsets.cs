namespace Mmap.Commands.Policy
{
    /// <summary>Where a read or write at a match of Find-MemoryMap starts: the match's offset plus -Offset, in the map
    /// the match was found in.</summary>
    internal static class MatchOffsets
    {
        /// <summary>The start in <paramref name="map"/> of a call at a match of <paramref name="matchMap"/> at
        /// <paramref name="matchOffset"/>, <paramref name="offset"/> bytes on; a match of another map is refused.</summary>
        internal static long Start(MemoryMap map, MemoryMap matchMap, long matchOffset, long offset)
        {
            if (!ReferenceEquals(map, matchMap))
                throw new MmapException(MmapError.InvalidArgument, CmdletMessages.MatchOfOtherMap(MapWording.Name(matchMap), MapWording.Name(map)));
            if (offset > long.MaxValue - matchOffset)
                throw new MmapException(MmapError.InvalidArgument, CmdletMessages.PastMatch(offset, matchOffset, map.Size));
            return matchOffset + offset;
        }
    }
}
