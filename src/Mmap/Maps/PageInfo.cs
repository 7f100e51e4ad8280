using System;

namespace Mmap
{
    /// <summary>The memory page facts of this machine (luapower <c>mmap.pagesize</c>).</summary>
    public sealed class PageInfo
    {
        internal PageInfo(long pageSize, long allocationGranularity, long largePageSize)
        {
            PageSize = pageSize;
            AllocationGranularity = allocationGranularity;
            LargePageSize = largePageSize;
        }

        /// <summary>The current process's page facts.</summary>
        public static PageInfo Current => Platform.OsLayer.Current.PageInfo;

        /// <summary>The size of a memory page (4 KiB on most machines, 16 KiB on Apple silicon).</summary>
        public long PageSize { get; }

        /// <summary>What file offsets and fixed addresses must be multiples of: the page size on Linux and
        /// macOS, 64 KiB on Windows.</summary>
        public long AllocationGranularity { get; }

        /// <summary>The large (huge) page size, or 0 where the OS has none.</summary>
        public long LargePageSize { get; }

        /// <summary>Every large page size the system offers, smallest first, with how many pages are set aside and free, read
        /// now (Linux: /sys/kernel/mm/hugepages; Windows: the one large page size, with no pool counts; macOS: none).</summary>
        public LargePagePool[] LargePages => Platform.OsLayer.Current.LargePagePools();

        /// <summary>Whether a fault inside a live map becomes an error in this process, and why (<see cref="Mmap.FaultRecovery.Status"/>).</summary>
        public string FaultRecovery => Mmap.FaultRecovery.Status;

        /// <summary><paramref name="value"/> rounded up to a multiple of <see cref="AllocationGranularity"/>
        /// (luapower <c>aligned_size</c>).</summary>
        public long AlignUp(long value) => PageMath.AlignUp(value, AllocationGranularity);

        /// <summary><paramref name="value"/> rounded down to a multiple of <see cref="AllocationGranularity"/>.</summary>
        public long AlignDown(long value) => PageMath.AlignDown(value, AllocationGranularity);

        /// <summary>The next (or, with <paramref name="down"/>, previous) page-aligned address
        /// (luapower <c>aligned_addr</c>).</summary>
        public IntPtr AlignAddress(IntPtr address, bool down = false)
        {
            long a = address.ToInt64();
            return new IntPtr(down ? PageMath.AlignDown(a, PageSize) : PageMath.AlignUp(a, PageSize));
        }

        /// <inheritdoc/>
        public override string ToString() =>
            $"PageSize={PageSize}, AllocationGranularity={AllocationGranularity}, LargePageSize={LargePageSize}";
    }

    /// <summary>Alignment arithmetic for sizes, offsets and addresses. Alignments must be powers of two.</summary>
    public static class PageMath
    {
        /// <summary>Rounds <paramref name="value"/> up to a multiple of <paramref name="alignment"/>.</summary>
        /// <exception cref="MmapException">invalid_argument for a negative value, a bad alignment, or overflow.</exception>
        public static long AlignUp(long value, long alignment)
        {
            CheckArguments(value, alignment);
            long mask = alignment - 1;
            if (value > long.MaxValue - mask)
                throw new MmapException(MmapError.InvalidArgument,
                    $"{value} cannot be aligned up to {alignment}: the result would overflow a 64-bit size. Use a smaller value.");
            return (value + mask) & ~mask;
        }

        /// <summary>Rounds <paramref name="value"/> down to a multiple of <paramref name="alignment"/>.</summary>
        public static long AlignDown(long value, long alignment)
        {
            CheckArguments(value, alignment);
            return value & ~(alignment - 1);
        }

        /// <summary>True when <paramref name="value"/> is a multiple of <paramref name="alignment"/>.</summary>
        public static bool IsAligned(long value, long alignment)
        {
            CheckArguments(Math.Abs(value == long.MinValue ? 0 : value), alignment);
            return (value & (alignment - 1)) == 0;
        }

        private static void CheckArguments(long value, long alignment)
        {
            if (alignment <= 0 || (alignment & (alignment - 1)) != 0)
                throw new MmapException(MmapError.InvalidArgument,
                    $"Alignment {alignment} is not a positive power of two. Use a page size such as {Environment.SystemPageSize}.");
            if (value < 0)
                throw new MmapException(MmapError.InvalidArgument,
                    $"Cannot align the negative value {value}. Sizes, offsets and addresses are >= 0.");
        }
    }
}
