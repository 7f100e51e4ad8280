namespace Mmap
{
    /// <summary>One large (huge) page size the system offers, and how many pages of it are set aside and free now.</summary>
    public sealed class LargePagePool
    {
        internal LargePagePool(long size, long? reserved, long? free)
        {
            Size = size;
            Reserved = reserved;
            Free = free;
        }

        /// <summary>The page size in bytes (2 MiB, 1 GiB, ...).</summary>
        public long Size { get; }

        /// <summary>Pages of this size the system has set aside (Linux: nr_hugepages, which root raises through
        /// /sys/kernel/mm/hugepages/hugepages-&lt;size&gt;kB/nr_hugepages); null where the OS keeps no pool (Windows takes
        /// large pages from free memory, for accounts holding SeLockMemoryPrivilege).</summary>
        public long? Reserved { get; }

        /// <summary>Pages of the pool a new map can take now (Linux: free_hugepages less resv_hugepages, the free pages
        /// promised to maps that have not touched them yet); null where the OS keeps no pool.</summary>
        public long? Free { get; }

        /// <inheritdoc/>
        public override string ToString() =>
            ByteSize.ToText(Size) + (Reserved is null ? "" : $": {Free} of {Reserved} free");
    }
}
