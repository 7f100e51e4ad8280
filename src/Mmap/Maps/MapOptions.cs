namespace Mmap
{
    /// <summary>
    /// What to map and how: luapower <c>mmap.map</c>'s arguments as a reusable options object, meaningful for every
    /// kind of map (the settings only a tag has are in <see cref="TagOptions"/>). Every value is checked by
    /// <see cref="MapRules"/> before any OS call.
    /// </summary>
    public sealed class MapOptions
    {
        /// <summary>Read, ReadWrite or CopyOnWrite. Null (the default) means the kind's own default, see
        /// <see cref="DefaultAccess"/>: Read for files, ReadWrite for anonymous memory, tags and mirrors.</summary>
        public MapAccess? Access { get; set; }

        /// <summary>The access a map of <paramref name="kind"/> gets when <see cref="Access"/> is left out. Files are
        /// read-only unless asked (mapping never changes a file by surprise, as luapower); read-only zeros are of no
        /// use; a tag is for exchanging data (only ReadWrite can create one); a mirror exists to be written across its
        /// wrap (luapower's mirrors are 'w').</summary>
        public static MapAccess DefaultAccess(MapKind kind) => kind == MapKind.File ? MapAccess.Read : MapAccess.ReadWrite;

        /// <summary>The access a map of <paramref name="kind"/> made with these options gets.</summary>
        public MapAccess AccessFor(MapKind kind) => Access ?? DefaultAccess(kind);

        /// <summary>The access of options the engine has resolved (<see cref="MapRules.Resolve"/>): every factory
        /// resolves its options once, so nothing below it decides a default again.</summary>
        internal MapAccess ResolvedAccess => Access ?? throw new System.InvalidOperationException("MapOptions used before MapRules.Resolve.");

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

        /// <summary>For file and tag maps (and mirrors of them): check the file's current size on every safe Read/Write so a file truncated
        /// by another process gives file_too_short instead of a SIGBUS crash. It sees truncations made before the
        /// call; one that lands during the call itself can still fault (no .NET code can catch SIGBUS). On by
        /// default; turn off only when nobody else can shrink the file (the check costs one fstat per call; batch
        /// small reads with Gather to pay it once).</summary>
        public bool SizeCheck { get; set; } = true;

        /// <summary>Anonymous memory only (Linux and macOS): map without reserving memory or swap for it up front
        /// (MAP_NORESERVE), so a map far larger than RAM plus swap can be made where the kernel's overcommit check would
        /// refuse it (a sparse table, a big address range used in part). <b>The risk moves to the first touch of each
        /// page</b>: when the system has no memory left then, Linux's OOM killer ends a process (perhaps this one) with
        /// SIGKILL, which nothing can catch, not even fault recovery (which covers maps with a file or tag behind them).
        /// With vm.overcommit_memory = 2 (strict) Linux ignores the flag and reserves anyway; macOS never reserves, so
        /// there it changes nothing. Off by default. File, tag and mirror maps refuse it (invalid_argument: their pages
        /// have a backing and reserve no swap); Windows refuses it (not_supported: it commits an anonymous section's
        /// whole size when the map is made).</summary>
        public bool NoReserve { get; set; }

        /// <summary>Address space to hold for the map from its start, so that <see cref="MemoryMap.Resize"/> up to this many
        /// bytes grows it in place (DuckDB's and LMDB's way): the address never moves, pointers and spans into the first
        /// bytes stay valid, and growth needs no wait for calls on other threads (it only adds pages). The room costs address
        /// space only (PROT_NONE, no memory, no swap). Null: no room; a resize may move the map. At least the map's size; not
        /// with Address, Placement or a large PageSize, not for mirrors (invalid_argument); Windows refuses it
        /// (not_supported: its reservations need placeholders, which this engine does not use yet).</summary>
        public long? MaxSize { get; set; }

        /// <summary>Makes every safe call record itself in a per-thread slot while it runs (the scheme Windows and writable
        /// shared maps always use), so that a change of the live map can wait for calls in flight. Needed only to
        /// <see cref="MemoryMap.Resize"/> an anonymous or copy-on-write map, or make it read-only (<see cref="MemoryMap.ChangeAccess"/>),
        /// after other threads have used it: without the record nothing tells when they have left the memory that only
        /// this map holds, and the change is refused (not_supported). Costs a thread-local lookup and two stores per safe
        /// call. Off by default.</summary>
        public bool TrackCalls { get; set; }

        /// <summary>A shallow copy, so callers can derive variants without sharing state.</summary>
        public MapOptions Clone() => (MapOptions)MemberwiseClone();

        /// <summary>Tests only: forces the lifetime scheme of safe calls (true: retire the range at Dispose; false: the
        /// per-thread <see cref="AccessGuard"/>), so both run on every OS's tests. Null: the platform's (<see cref="Platform.PlatformFacts.CanRetireInPlace"/>).</summary>
        internal bool? RetireInPlace { get; set; }

        /// <summary>Leaves the map out of fault recovery, so its safe calls check the size per call as where recovery is off:
        /// how tests reach that path in a process where recovery is on.</summary>
        internal bool SkipFaultRecovery { get; set; }

        /// <summary>Set by a factory whose backing no process can resize (a memfd with its size sealed): maps of it cannot fault.</summary>
        internal bool BackingSizeFixed { get; set; }

        /// <summary>Where the map may lie: Any (default), Low (ends at or below 2 GiB), Low32 (at or below 4 GiB) or
        /// High (starts at or above 4 GiB). Unmet: out_of_mem with the figures, never a map elsewhere. With an
        /// <see cref="Address"/>, the address must lie inside the placement's window.</summary>
        public MapPlacement Placement { get; set; }

        /// <summary>Anonymous memory only: back the map with explicit large pages of this size, one of
        /// <see cref="PageInfo.LargePages"/> (Linux MAP_HUGETLB with the size asked: 2 MiB, 1 GiB), taken from the pool
        /// root reserves (none free: out_of_mem saying how to reserve some). The size is rounded up to whole pages of it,
        /// an Address must be a multiple of it, and advice and flush ranges align to it. Null or the base page size: normal
        /// pages (<see cref="MapAdvice.HugePage"/> asks for transparent huge pages instead). Windows: a SEC_LARGE_PAGES section,
        /// which needs the account's "Lock pages in memory" right (access_denied without it).</summary>
        public long? PageSize { get; set; }
    }
}
