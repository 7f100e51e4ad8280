using System;
using System.Collections.Generic;
using static Mmap.Platform.Libc;

namespace Mmap.Platform
{
    /// <summary>
    /// Linux: how much address space below a limit this process can really get. It reserves every free gap
    /// /proc/self/maps shows with MAP_FIXED_NOREPLACE (PROT_NONE, MAP_NORESERVE: nothing is committed), splitting a
    /// gap in halves where another thread took part of it meanwhile, then frees it all; MAP_32BIT is measured apart,
    /// afterwards, because the first pass leaves it nothing. Every reservation is freed in a finally block.
    /// </summary>
    internal static class LinuxAddressProbe
    {
        private const ulong MiB = 1024 * 1024, GiB = 1024 * MiB;
        private static readonly int ReserveFlags = MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE;

        /// <summary>The regions below <paramref name="limit"/> that could be reserved, merged and ascending;
        /// <paramref name="map32BitBytes"/> is what MAP_32BIT alone yields (null where it does not exist).</summary>
        internal static List<(ulong Start, ulong End)> Run(ulong limit, out long? map32BitBytes)
        {
            ulong page = (ulong)Environment.SystemPageSize;
            var window = AddressWindow.Below(limit);
            // Without /proc the whole window is one gap: the splitting below then finds the free parts itself.
            var narrowed = LinuxProcMaps.Narrow(window);
            var gaps = LinuxProcMaps.FreeGaps(window, page)
                ?? (narrowed.HighestEnd > narrowed.Lowest ? new List<(ulong, ulong)> { (narrowed.Lowest, narrowed.HighestEnd) } : new List<(ulong, ulong)>());

            var reserved = new List<(ulong Start, ulong End)>(gaps.Count * 4 + 64);
            List<(ulong Start, ulong End)> regions;
            try
            {
                foreach (var (start, end) in gaps) ReserveRange(start, end, page, reserved);
                regions = AddressRanges.Merge(reserved);
            }
            finally
            {
                foreach (var (start, end) in reserved) munmap(AddressRanges.ToPointer(start), new UIntPtr(end - start));
            }
            map32BitBytes = PlatformFacts.Current.SupportsMap32Bit ? MeasureMap32Bit(page) : (long?)null;
            return regions;
        }

        /// <summary>Reserves [start, end) exactly, or else its halves: EEXIST (taken meanwhile) splits down to a page,
        /// ENOMEM (a limit such as RLIMIT_AS) down to 1 MiB, anything else gives up on the range.</summary>
        private static void ReserveRange(ulong start, ulong end, ulong page, List<(ulong, ulong)> reserved)
        {
            ulong length = end - start;
            IntPtr p = mmap(AddressRanges.ToPointer(start), new UIntPtr(length), PROT_NONE, ReserveFlags | MAP_FIXED_NOREPLACE, -1, 0);
            int errno;
            if (p == MAP_FAILED)
                errno = Errno;
            else if (AddressRanges.ToAddress(p) == start)
            {
                reserved.Add((start, end));
                return;
            }
            else
            {
                munmap(p, new UIntPtr(length)); // a kernel before 4.17 took the address as a hint and put it elsewhere
                errno = EEXIST;
            }
            ulong smallest = errno == EEXIST ? page : MiB;
            if ((errno != EEXIST && errno != ENOMEM) || length < 2 * smallest) return;
            ulong middle = start + length / 2 / page * page;
            ReserveRange(start, middle, page, reserved);
            ReserveRange(middle, end, page, reserved);
        }

        /// <summary>Bytes MAP_32BIT hands out (x86-64: inside [1 GiB, 2 GiB)): chunks of 1 GiB, halved on each refusal
        /// down to a page, all freed before returning.</summary>
        private static long MeasureMap32Bit(ulong page)
        {
            var chunks = new List<(IntPtr, ulong)>(128);
            long total = 0;
            try
            {
                for (ulong chunk = GiB; chunk >= page;)
                {
                    IntPtr p = mmap(IntPtr.Zero, new UIntPtr(chunk), PROT_NONE, ReserveFlags | MAP_32BIT, -1, 0);
                    if (p == MAP_FAILED) { chunk /= 2; continue; }
                    chunks.Add((p, chunk));
                    if (AddressRanges.ToAddress(p) + chunk > AddressWindow.TwoGiB) break; // the flag was ignored: nothing more to learn
                    total += (long)chunk;
                }
            }
            finally
            {
                foreach (var (p, chunk) in chunks) munmap(p, new UIntPtr(chunk));
            }
            return total;
        }
    }
}
