using System;
using System.Collections.Generic;
using static Mmap.Platform.Libc;

namespace Mmap.Platform
{
    /// <summary>
    /// Linux and macOS: puts one mmap inside a placement's window. Linux tries the free gaps of /proc/self/maps
    /// with MAP_FIXED_NOREPLACE, then MAP_32BIT, then plain hints; macOS can only place High (its first 4 GiB
    /// are the host's __PAGEZERO, which a loaded library cannot change). Every result is checked against the window:
    /// a map the kernel put elsewhere is undone, never returned.
    /// </summary>
    internal static class PosixPlacement
    {
        /// <summary>One mmap of the caller's range at <paramref name="address"/> (0: anywhere) with
        /// <paramref name="extraFlags"/> added; MAP_FAILED with errno set on failure.</summary>
        internal delegate IntPtr MmapCall(IntPtr address, int extraFlags);


        private const int MaxHints = 64;

        /// <summary>Maps <paramref name="size"/> bytes through <paramref name="call"/> inside the window of
        /// <paramref name="placement"/>. Returns the address, or MAP_FAILED with <paramref name="errno"/> for a failure
        /// no other address would fix (the caller words it); throws out_of_mem with the figures when the window has no
        /// room, and not_supported for Low/Low32 on macOS.</summary>
        internal static IntPtr Place(long size, MapPlacement placement, string description, MmapCall call, out int errno)
        {
            var window = AddressWindow.For(placement);
            ulong length = (ulong)size;
            errno = 0;
            if (IsMac)
                return PlaceOnMac(length, window, description, call, out errno);

            ulong page = (ulong)Environment.SystemPageSize;
            List<(ulong Start, ulong End)>? gaps = LinuxProcMaps.FreeGaps(window, page);
            IntPtr p;
            if (gaps != null)
            {
                foreach (var (start, end) in gaps)
                {
                    if (end - start < length) continue;
                    // First fit from the bottom of the window packs maps tightly. EEXIST: another thread took
                    // the gap since we read the list; move on to the next one.
                    if (Try(call(AddressRanges.ToPointer(start), MAP_FIXED_NOREPLACE), length, window, out p, ref errno)) return p;
                    if (!Retryable(errno)) return MAP_FAILED;
                }
            }
            if (PlatformFacts.Current.SupportsMap32Bit && window.HighestEnd <= AddressWindow.FourGiB)
            {
                if (Try(call(IntPtr.Zero, MAP_32BIT), length, window, out p, ref errno)) return p;
                if (!Retryable(errno)) return MAP_FAILED;
            }
            if (gaps is null)
            {
                // The free gaps are unknown: offer the kernel evenly spread hints and keep the first that lands inside.
                var w = LinuxProcMaps.Narrow(window);
                ulong step = Math.Max((w.HighestEnd - w.Lowest) / MaxHints / page * page, page);
                for (ulong at = w.Lowest; at < w.HighestEnd && w.HighestEnd - at >= length; at += step)
                {
                    if (Try(call(AddressRanges.ToPointer(at), 0), length, window, out p, ref errno)) return p;
                    if (!Retryable(errno)) return MAP_FAILED;
                }
            }
            throw PlacementRules.NoRoom(size, gaps is null ? -1 : AddressRanges.Largest(gaps), LinuxProcMaps.Narrow(window), description, errno);
        }

        /// <summary>Reserves <paramref name="size"/> bytes of inaccessible, uncommitted address space inside the window
        /// (PROT_NONE, MAP_NORESERVE); the caller maps over parts of it with MAP_FIXED and frees it with munmap.</summary>
        internal static IntPtr Reserve(long size, MapPlacement placement, string description)
        {
            var length = new UIntPtr((ulong)size);
            int flags = MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE;
            IntPtr p;
            int errno;
            if (placement == MapPlacement.Any)
            {
                p = mmap(IntPtr.Zero, length, PROT_NONE, flags, -1, 0);
                errno = p == MAP_FAILED ? Errno : 0;
            }
            else
            {
                p = Place(size, placement, description, (at, extra) => mmap(at, length, PROT_NONE, flags | extra, -1, 0), out errno);
            }
            if (p != MAP_FAILED) return p;
            if (errno == ENOMEM)
                throw new MmapException(MmapError.OutOfMemory,
                    $"Cannot reserve {ByteSize.ToText(size)} of address space for {description}: the address space or its limit has no room. " +
                    OsFailure.Advice(MmapError.OutOfMemory), errno, description);
            throw OsFailure.Create(PosixMapper.Translate(errno), errno, $"reserve {size} bytes of address space for", description);
        }

        private static IntPtr PlaceOnMac(ulong length, AddressWindow window, string description, MmapCall call, out int errno)
        {
            errno = 0;
            if (window.Placement != MapPlacement.High)
                throw new MmapException(MmapError.NotSupported,
                    $"Cannot map {description} {window.Describe()} on macOS: 64-bit processes start with a 4 GiB __PAGEZERO that only " +
                    "the host executable's link flags can shrink, so no library can map below 4 GiB. Use Placement Any or High.", 0, description);
            if (Try(call(IntPtr.Zero, 0), length, window, out IntPtr p, ref errno)) return p;
            if (!Retryable(errno)) return MAP_FAILED; // a map outside the window reads as EEXIST
            throw PlacementRules.NoRoom((long)length, -1, window, description, errno);
        }

        /// <summary>True when <paramref name="result"/> is a map inside the window; a map outside it is undone.</summary>
        private static bool Try(IntPtr result, ulong length, AddressWindow window, out IntPtr p, ref int errno)
        {
            p = result;
            if (result == MAP_FAILED)
            {
                errno = Errno;
                return false;
            }
            if (window.Contains(AddressRanges.ToAddress(result), length)) return true;
            // Kernels before 4.17 read MAP_FIXED_NOREPLACE as a hint, and a hint may be ignored: not where asked.
            munmap(result, new UIntPtr(length));
            errno = EEXIST;
            return false;
        }

        /// <summary>Errors another address may avoid: taken (EEXIST) or no room there (ENOMEM).</summary>
        private static bool Retryable(int errno) => errno == EEXIST || errno == ENOMEM;
    }
}
