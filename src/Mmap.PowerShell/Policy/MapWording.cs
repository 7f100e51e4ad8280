namespace Mmap.Commands.Policy
{
    /// <summary>The nouns the ShouldProcess questions and the -Verbose lines share, so both name a size, a map and
    /// what it maps alike.</summary>
    internal static class MapWording
    {
        /// <summary>5 -> "5 bytes", 4096 -> "4 KiB (4096 bytes)": human units with the exact count.</summary>
        internal static string Bytes(long bytes) => bytes < 1024 ? Count(bytes) : $"{ByteSize.ToText(bytes)} ({bytes} bytes)";

        /// <summary>An exact count: "1 byte", "5 bytes".</summary>
        internal static string Count(long bytes) => bytes == 1 ? "1 byte" : $"{bytes} bytes";

        /// <summary>"map #12".</summary>
        internal static string Name(MemoryMap map) => $"map #{map.Id}";

        /// <summary>"map #12 (Anonymous, ReadWrite, 4 KiB)".</summary>
        internal static string Summary(MemoryMap map) => $"{Name(map)} ({map.Kind}, {map.Access}, {ByteSize.ToText(map.Size)})";

        /// <summary>A map and who holds it, for a refusal that asks to free it: this session (Remove-MemoryMap frees it),
        /// another runspace's session <paramref name="holder"/> (Get-MemoryMap here does not list it), or nobody's
        /// (.NET code made it and must dispose it).</summary>
        internal static string Owned(MemoryMap map, ModuleSession current, ModuleSession? holder) =>
            holder == current ? $"{Summary(map)} of this session" :
            holder != null ? $"{Summary(map)} of {holder.Owner}, another runspace of this process (a thread job, a ForEach-Object -Parallel block): " +
                "Get-MemoryMap here does not list it, and it is freed when that runspace runs Remove-MemoryMap or Remove-Module Mmap, or closes" :
            $"{Summary(map)}, which .NET code made ([Mmap.MemoryMap]::MapFile, say) and must Dispose";

        /// <summary>"shared memory tag 'board'".</summary>
        internal static string Tag(string tag) => $"shared memory tag '{tag}'";

        /// <summary>What a map shows: "file '/x/a.bin'", "shared memory tag 'board'" or "anonymous memory".</summary>
        internal static string Source(MemoryMap map) =>
            map.Path != null ? $"file '{map.Path}'" : map.Tag != null ? Tag(map.Tag) : "anonymous memory";
    }
}
