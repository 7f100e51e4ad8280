namespace Mmap.Commands.Policy
{
    /// <summary>What the map cmdlets ask before they change a map (ShouldProcess) and report after each step, changes
    /// and reads alike (-Verbose).</summary>
    internal static class MapChanges
    {

        /// <summary>The ShouldProcess target of a map: its file, its tag, or its description.</summary>
        internal static string Target(MemoryMap map) =>
            map.Path ?? (map.Tag != null ? MapWording.Tag(map.Tag) : map.Description);

        /// <summary>The ShouldProcess action of a write of <paramref name="count"/> bytes at map offset
        /// <paramref name="offset"/>, naming where they land in the file or tag (a mirror's copies share one block).
        /// Anonymous memory has no backing to name; a copy-on-write map never changes its file.</summary>
        internal static string WriteAction(MemoryMap map, long count, long offset)
        {
            string where;
            if (map.Path is null && map.Tag is null) where = "";
            else if (map.Access == MapAccess.CopyOnWrite) where = " (a private copy: the file stays as it is)";
            else
            {
                long backing = map.Offset + (map is MirroredMap mirror ? offset % mirror.BlockSize : offset);
                where = $" ({(map.Path != null ? "file" : "tag")} offset {backing})";
            }
            return $"Write {MapWording.Count(count)} at map offset {offset}{where}";
        }

        /// <summary>The ShouldProcess action of Resize-MemoryMap: what happens to the file or tag behind a ReadWrite map is
        /// said as the engine's rule (MemoryMap.Resize), which decides when it resizes.</summary>
        internal static string ResizeAction(MemoryMap map, long size)
        {
            string what = $"Resize from {MapWording.Bytes(map.Size)} to {MapWording.Bytes(size)}";
            if (map.Access != MapAccess.ReadWrite || map.Path is null && map.Tag is null) return what;
            return size > map.Size
                ? $"{what} (the {(map.Path != null ? "file" : "tag's memory")} grows to cover it)"
                : map.Path != null ? $"{what} (if the map reaches the end of the file, the file is cut to the map's new end)" : what;
        }

        /// <summary>-Verbose after Resize-MemoryMap.</summary>
        internal static string Resized(MemoryMap map, bool moved) =>
            $"Resized {MapWording.Name(map)} to {MapWording.Bytes(map.Size)}" + (moved ? $"; it moved to 0x{map.Address.ToInt64():X}" : " in place");

        /// <summary>The ShouldProcess action of Set-MemoryMap -Access / -Execute.</summary>
        internal static string AccessAction(MemoryMap map, MapAccess access, bool execute) =>
            $"Change the protection from {Rights(map.Access, map.Execute)} to {Rights(access, execute)}";

        /// <summary>-Verbose after Set-MemoryMap -Access / -Execute.</summary>
        internal static string AccessChanged(MemoryMap map) => $"{MapWording.Name(map)} is now {Rights(map.Access, map.Execute)}";

        private static string Rights(MapAccess access, bool execute) => execute ? $"{access} and Execute" : access.ToString();

        /// <summary>-Verbose after a write.</summary>
        internal static string Wrote(MemoryMap map, long count, long offset) =>
            $"Wrote {MapWording.Count(count)} at offset {offset} of {MapWording.Name(map)}";

        /// <summary>-Verbose after a read.</summary>
        internal static string Read(MemoryMap map, long count, long offset) =>
            $"Read {MapWording.Count(count)} at offset {offset} of {MapWording.Name(map)}";

        /// <summary>The ShouldProcess action of Update-MemoryMapValue -Add.</summary>
        internal static string AddAction(System.Type type, long offset, object? amount) =>
            $"Add {amount} to the {type.Name} at map offset {offset}";

        /// <summary>The ShouldProcess action of Update-MemoryMapValue -Expect -Value.</summary>
        internal static string ExchangeAction(System.Type type, long offset, object? value, object? expect) =>
            $"Store {value} in the {type.Name} at map offset {offset} if it holds {expect}";

        /// <summary>The ShouldProcess action of Remove-MemoryMapTag.</summary>
        internal const string UnlinkAction = "Remove the name: new opens of it will not find it; maps of it stay valid until freed";

        /// <summary>-Verbose after Remove-MemoryMapTag.</summary>
        internal static string Unlinked(string tag) => $"Removed the name of {MapWording.Tag(tag)}";

        /// <summary>-Verbose after a search.</summary>
        internal static string Searched(MemoryMap map, long offset, long count, int patternLength, int found) =>
            $"Searched {MapWording.Bytes(count)} at offset {offset} of {MapWording.Name(map)} for {MapWording.Count(patternLength)}: " +
            (found == 1 ? "1 match" : $"{found} matches");

        /// <summary>The progress activity of a long read.</summary>
        internal static string Reading(MemoryMap map, long count, long offset) =>
            $"Reading {MapWording.Bytes(count)} at offset {offset} of {MapWording.Name(map)}";

        /// <summary>The progress activity of a long write.</summary>
        internal static string Writing(MemoryMap map, long count, long offset) =>
            $"Writing {MapWording.Bytes(count)} at offset {offset} of {MapWording.Name(map)}";

        /// <summary>The progress activity of a long flush.</summary>
        internal static string Flushing(MemoryMap map, long length, long offset) =>
            $"Flushing {MapWording.Bytes(length)} at offset {offset} of {MapWording.Name(map)}";

        /// <summary>The progress activity of New-MemoryMap -Populate.</summary>
        internal static string Populating(MemoryMap map) =>
            $"Reading every page of {MapWording.Source(map)} into memory ({MapWording.Name(map)}, -Populate)";

        /// <summary>-Verbose after a flush: the range asked for, and whether the data is on the file (sync) or on its way.</summary>
        internal static string Flushed(MemoryMap map, long offset, long length, bool async) =>
            $"Flushed {MapWording.Bytes(length)} at offset {offset} of {MapWording.Name(map)} ({(async ? "async: the write-back has started" : "sync")})";

        /// <summary>The ShouldProcess action of Lock-, Unlock- and Set-MemoryMap on a range: "Lock in memory 4 KiB (4096 bytes) at map offset 0".</summary>
        internal static string PagesAction(string verb, MemoryMap map, long offset, long length) =>
            $"{verb} {MapWording.Bytes(length)} at map offset {offset}" + (offset == 0 && length == map.Size ? " (the whole map)" : "");

        /// <summary>The progress activity of Measure-MemoryMap: "Asking which pages of 1 GiB (1073741824 bytes) at offset 0 of map #3 are in memory".</summary>
        internal static string Measuring(MemoryMap map, long length, long offset) =>
            $"Asking which pages of {MapWording.Bytes(length)} at offset {offset} of {MapWording.Name(map)} are in memory";

        /// <summary>-Verbose after Lock-, Unlock- and Set-MemoryMap: "Locked 4 KiB (4096 bytes) at offset 0 of map #3".</summary>
        internal static string PagesDone(string verb, MemoryMap map, long offset, long length) =>
            $"{verb} {MapWording.Bytes(length)} at offset {offset} of {MapWording.Name(map)}";

        /// <summary>-Verbose after New-MemoryMap or New-MirroredMap: what was mapped, how, where, and the map's id.</summary>
        internal static string Mapped(MemoryMap map)
        {
            string what = map is MirroredMap mirror
                ? $"{mirror.Times} copies of {ByteSize.ToText(mirror.BlockSize)} of {MapWording.Source(map)}"
                : MapWording.Source(map);
            return $"Mapped {what} ({map.Access}, {ByteSize.ToText(map.Size)} at 0x{map.Address.ToInt64():X}, {MapWording.Name(map)})";
        }

        /// <summary>The ShouldProcess action of Remove-MemoryMap.</summary>
        internal static string FreeAction(MemoryMap map) => "Free " + MapWording.Summary(map);

        /// <summary>The ShouldProcess action of Remove-MemoryMap -Unlink.</summary>
        internal static string FreeAndUnlinkAction(MemoryMap map) =>
            FreeAction(map) + $" and remove the name of tag '{map.Tag}': new opens of it will not find it; maps in other processes stay valid";

        /// <summary>-Verbose after Remove-MemoryMap (with -Unlink, once the tag's name is gone).</summary>
        internal static string Freed(MemoryMap map, bool unlinked) =>
            "Freed " + MapWording.Summary(map) + (unlinked ? $" and removed the name of tag '{map.Tag}'" : "");
    }
}
