namespace Mmap
{
    /// <summary>
    /// What to map and how: luapower <c>mmap.map</c>'s arguments as a reusable options object.
    /// Every value is checked by <see cref="MapRules"/> before any OS call.
    /// </summary>
    public sealed class MapOptions
    {
        /// <summary>Read (default), ReadWrite or CopyOnWrite.</summary>
        public MapAccess Access { get; set; } = MapAccess.Read;

        /// <summary>Also allow executing the mapped bytes (luapower's <c>x</c> flag). Off unless asked.</summary>
        public bool Execute { get; set; }

        /// <summary>Bytes to map. Null means "the rest of the file from <see cref="Offset"/>"; must be &gt; 0 when given.
        /// Required for anonymous maps.</summary>
        public long? Size { get; set; }

        /// <summary>Offset in the file: &gt;= 0 and a multiple of <see cref="PageInfo.AllocationGranularity"/>.
        /// Ignored for anonymous maps.</summary>
        public long Offset { get; set; }

        /// <summary>Exact address to place the map at. Never replaces an existing mapping (in use: out_of_mem);
        /// must be non-zero and aligned to the allocation granularity.</summary>
        public ulong? Address { get; set; }

        /// <summary>Fault every page in when mapping (MAP_POPULATE / madvise WILLNEED / PrefetchVirtualMemory),
        /// so the first pass over the data does not pay page faults.</summary>
        public bool Populate { get; set; }

        /// <summary>For file and tag maps: check the file's current size on every safe Read/Write so a file truncated
        /// by another process gives file_too_short instead of a SIGBUS crash. It sees truncations made before the
        /// call; one that lands during the call itself can still fault (no .NET code can catch SIGBUS). On by
        /// default; turn off only when nobody else can shrink the file (the check costs one fstat per call; batch
        /// small reads with Gather to pay it once).</summary>
        public bool CheckFileSize { get; set; } = true;

        /// <summary>A shallow copy, so callers can derive variants without sharing state.</summary>
        public MapOptions Clone() => (MapOptions)MemberwiseClone();

        /// <summary>Where the map may lie: Any (default), Low (ends at or below 2 GiB), Low32 (at or below 4 GiB) or
        /// High (starts at or above 4 GiB). Unmet: out_of_mem with the figures, never a map elsewhere. With an
        /// <see cref="Address"/>, the address must lie inside the placement's window.</summary>
        public MapPlacement Placement { get; set; }

        /// <summary>For tagged shared memory: open or create (default), open only an existing tag (missing:
        /// no_file), or create only a new one (exists: already_exists).</summary>
        public SharedOpenMode TagMode { get; set; } = SharedOpenMode.OpenOrCreate;

        /// <summary>For a tag this call creates (Linux/macOS): its permission bits, 0600 (octal; 0x180) by default
        /// so only the owner can open it. Set exactly, whatever the umask. Ignored on Windows, where a new
        /// section gets the default security of the process (its owner, SYSTEM and administrators).</summary>
        public int TagPermissions { get; set; } = SharedMemory.OwnerOnly;

        /// <summary>Windows: put the tag in the <c>Global\</c> namespace (visible across sessions; creating one
        /// needs SeCreateGlobalPrivilege) instead of <c>Local\</c>. Ignored on Linux and macOS.</summary>
        public bool GlobalTag { get; set; }
    }
}
