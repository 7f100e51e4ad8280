using System;
using System.Collections.Generic;
using System.Diagnostics;
using Mmap.Platform;

namespace Mmap
{
    /// <summary>
    /// How much memory this process can map below an address (2 GiB by default: the window LuaJIT without GC64 can use),
    /// the question behind ljmm. It reserves address space only (never commits memory), releases all of it before it
    /// returns, and leaves the address space as it found it, also when interrupted by an exception.
    /// </summary>
    public static class LowAddressProbe
    {
        /// <summary>The default limit: 2 GiB (0x80000000).</summary>
        public const long DefaultLimit = 2L * 1024 * 1024 * 1024;

        /// <summary>Probes the free address space below <paramref name="limit"/> and, when <paramref name="size"/> is given,
        /// whether a single map of that size fits.</summary>
        /// <exception cref="MmapException">invalid_argument for a limit or size &lt;= 0; not_supported on macOS
        /// (its processes keep the first 4 GiB unmapped as __PAGEZERO, and the engine does not walk the space above it).</exception>
        public static LowAddressReport Run(long limit = DefaultLimit, long? size = null)
        {
            if (limit <= 0)
                throw new MmapException(MmapError.InvalidArgument, $"Limit {limit} is not valid: give the address to probe below, such as 2GB (the default) or 4GB.");
            if (size is long s && s <= 0)
                throw new MmapException(MmapError.InvalidArgument, $"Size {s} is not valid: give the number of bytes a single map should fit, or leave it out.");

            var clock = Stopwatch.StartNew();
            IReadOnlyList<(ulong Start, ulong End)> found = OsLayer.Current.ProbeBelow((ulong)limit, out long? map32);
            clock.Stop();

            var regions = new List<AddressRegion>(found.Count);
            foreach (var (start, end) in found) regions.Add(new AddressRegion(start, end));
            return new LowAddressReport(limit, regions.AsReadOnly(), map32, size, clock.Elapsed);
        }
    }
}
