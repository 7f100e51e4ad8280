namespace Mmap
{
    /// <summary>
    /// How a map's memory will be used, for <see cref="MemoryMap.Advise(MapAdvice)"/> (madvise / PrefetchVirtualMemory).
    /// Only advice that can never change the map's contents is offered: MADV_DONTNEED and MADV_FREE, which throw away
    /// private and anonymous data, are left out on purpose.
    /// </summary>
    public enum MapAdvice
    {
        /// <summary>The OS's default read-ahead (MADV_NORMAL). Windows: nothing to undo, so nothing is done.</summary>
        Normal,

        /// <summary>Accesses jump about: read ahead little or nothing (MADV_RANDOM). Windows has no such hint: nothing is done.</summary>
        Random,

        /// <summary>Read in order: read ahead aggressively and drop pages soon after they are read (MADV_SEQUENTIAL).
        /// Windows has no such hint: nothing is done.</summary>
        Sequential,

        /// <summary>The range will be needed soon: start reading it in now, without waiting (MADV_WILLNEED;
        /// Windows 8 and later: PrefetchVirtualMemory).</summary>
        WillNeed,

        /// <summary>Back the range with transparent huge pages where the kernel can (Linux MADV_HUGEPAGE, for anonymous
        /// memory when /sys/kernel/mm/transparent_hugepage/enabled is "madvise" or "always"): fewer TLB misses for random
        /// access over large ranges. <see cref="MemoryMap.HugePageBytes"/> says how much the kernel gave. Windows and
        /// macOS have no such advice: nothing is done. Not for a map on explicit large pages (<see cref="MapOptions.PageSize"/>),
        /// which has them already.</summary>
        HugePage,
    }
}
