namespace Mmap
{
    /// <summary>How a map may be used. Combine with <see cref="MapOptions.Execute"/> for luapower's six modes.</summary>
    public enum MapAccess
    {
        /// <summary>Read only (luapower <c>''</c>). Writing through the safe API is an error.</summary>
        Read,
        /// <summary>Read and write; writes reach the file (luapower <c>'w'</c>). Creates and extends files.</summary>
        ReadWrite,
        /// <summary>Read and private writes that never reach the file (luapower <c>'c'</c>).</summary>
        CopyOnWrite,
    }

    /// <summary>What backs a map.</summary>
    public enum MapKind
    {
        /// <summary>A file on disk.</summary>
        File,
        /// <summary>Private memory backed by the page file / swap.</summary>
        Anonymous,
        /// <summary>Shared memory found by a tag (POSIX shm_open, a named Windows file mapping).</summary>
        Shared,
        /// <summary>A block repeated several times in a row (see <see cref="MirroredMap"/>).</summary>
        Mirror,
    }
}
