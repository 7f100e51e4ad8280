namespace Mmap.Commands.Core
{
    /// <summary>Write-MemoryMap's and Remove-MemoryMap's ShouldProcess decisions and wording.</summary>
    internal static class MapChanges
    {
        /// <summary>Only writes that reach beyond this process are confirmable: a ReadWrite map of a file or a tag,
        /// or a mirror of one (other processes see the bytes at once). Anonymous and copy-on-write maps change this
        /// process's memory only.</summary>
        internal static bool WriteIsConfirmable(MemoryMap map) =>
            map.Access == MapAccess.ReadWrite && (map.Path != null || map.Tag != null);

        /// <summary>The ShouldProcess target of a map: its file, its tag, or its description.</summary>
        internal static string Target(MemoryMap map) =>
            map.Path ?? (map.Tag != null ? $"shared memory tag '{map.Tag}'" : map.Description);

        /// <summary>The ShouldProcess action of a write of <paramref name="count"/> bytes at map offset
        /// <paramref name="offset"/>, naming where they land in the file or tag (a mirror's copies share one block).</summary>
        internal static string WriteAction(MemoryMap map, long count, long offset)
        {
            long backing = map.Offset + (map is MirroredMap mirror ? offset % mirror.BlockSize : offset);
            return $"Write {count} bytes at map offset {offset} ({(map.Path != null ? "file" : "tag")} offset {backing})";
        }

        /// <summary>The ShouldProcess action of Remove-MemoryMap.</summary>
        internal static string FreeAction(MemoryMap map) =>
            $"Free map #{map.Id} ({map.Kind}, {map.Access}, {MapRules.Human(map.Size)})";

        /// <summary>The ShouldProcess action of Remove-MemoryMap -Unlink.</summary>
        internal static string FreeAndUnlinkAction(MemoryMap map) =>
            FreeAction(map) + $" and remove the name of tag '{map.Tag}': new opens of it will not find it; maps in other processes stay valid";
    }
}
