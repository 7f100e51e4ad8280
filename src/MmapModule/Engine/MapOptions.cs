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

        /// <summary>For file maps: check the file's current size on every safe Read/Write so a file truncated by
        /// another process gives file_too_short instead of a SIGBUS crash. On by default; turn off only when
        /// nobody else can shrink the file (the check costs one fstat per call).</summary>
        public bool CheckFileSize { get; set; } = true;

        /// <summary>A shallow copy, so callers can derive variants without sharing state.</summary>
        public MapOptions Clone() => (MapOptions)MemberwiseClone();

        /// <summary>Where the map may lie: Any (default), Low (ends at or below 2 GiB), Low32 (at or below 4 GiB) or
        /// High (starts at or above 4 GiB). Unmet: out_of_mem with the figures, never a map elsewhere. With an
        /// <see cref="Address"/>, the address must lie inside the placement's window.</summary>
        public MapPlacement Placement { get; set; }
    }
}
