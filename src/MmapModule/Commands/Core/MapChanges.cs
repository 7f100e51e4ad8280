namespace Mmap.Commands.Core
{
    /// <summary>Write-MemoryMap's and Remove-MemoryMap's ShouldProcess decisions and wording.</summary>
    internal static class MapChanges
    {
        /// <summary>Only writes that reach a file are confirmable: a ReadWrite file map. Anonymous and
        /// copy-on-write maps change this process's memory only.</summary>
        internal static bool WriteChangesFile(MapKind kind, MapAccess access) =>
            kind == MapKind.File && access == MapAccess.ReadWrite;

        /// <summary>The ShouldProcess target of a map: its file, or its description.</summary>
        internal static string Target(MemoryMap map) => map.Path ?? map.Description;

        /// <summary>The ShouldProcess action of a write.</summary>
        internal static string WriteAction(long count, long offset, long mapOffset) =>
            $"Write {count} bytes at map offset {offset} (file offset {mapOffset + offset})";

        /// <summary>The ShouldProcess action of Remove-MemoryMap.</summary>
        internal static string FreeAction(MemoryMap map) =>
            $"Free map #{map.Id} ({map.Kind}, {map.Access}, {MapRules.Human(map.Size)})";
    }
}
