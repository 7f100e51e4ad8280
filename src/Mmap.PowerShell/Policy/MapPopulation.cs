using System;

namespace Mmap.Commands.Policy
{
    /// <summary>New-MemoryMap -Populate, one step at a time through the engine's safe calls, so a stop is seen between
    /// steps and a file truncated meanwhile is an error, not a crash.</summary>
    internal static class MapPopulation
    {
        /// <summary>Brings the pages of [<paramref name="offset"/>, + buffer length) into memory: reads them (a file's
        /// pages into the page cache), and where the map is private and writable (anonymous memory, copy-on-write)
        /// writes them back unchanged, so the pages are the map's own, as MAP_POPULATE makes them.</summary>
        internal static void Step(MemoryMap map, long offset, Span<byte> buffer)
        {
            map.Read(offset, buffer);
            if (IsPrivateWritable(map)) map.Write(offset, buffer);
        }

        private static bool IsPrivateWritable(MemoryMap map) =>
            map.Access == MapAccess.CopyOnWrite || (map.Kind == MapKind.Anonymous && map.Access == MapAccess.ReadWrite);
    }
}
