using System;
using System.Collections.Generic;
using static Mmap.Platform.Kernel32;
using static Mmap.Platform.KernelBase;

namespace Mmap.Platform
{
    /// <summary>
    /// Windows: views and reservations inside a placement's window through MEM_ADDRESS_REQUIREMENTS
    /// (MapViewOfFile3 / VirtualAlloc2, Windows 10 1803+; older systems get not_supported), and the low-address
    /// probe: a VirtualQuery walk that reserves (MEM_RESERVE, never commits) every free region and releases it all.
    /// </summary>
    internal static class WindowsPlacement
    {
        private static readonly ulong Granularity = (ulong)PageInfo.Current.AllocationGranularity;

        /// <summary>Maps a view of <paramref name="section"/> inside the request's placement window. Returns NULL with
        /// <paramref name="error"/> for a failure the caller words; throws out_of_mem with the figures when the window
        /// has no room, not_supported when it has room and the OS still will not place the view there (or places it
        /// elsewhere), and before Windows 10 1803.</summary>
        internal static IntPtr MapView(IntPtr section, ulong offset, uint pageProtection, in MapRequest request, out int error)
        {
            var window = AddressWindow.For(request.Placement);
            if (Narrow(window).Lowest >= Narrow(window).HighestEnd) // High in a 32-bit process
                throw PlacementRules.NoRoom(request.Size, 0, Narrow(window), request.Description);
            IntPtr p;
            try { p = MapViewInside(section, offset, request.Size, pageProtection, Narrow(window), out error); } // bounds within the process's range, as the API requires
            catch (EntryPointNotFoundException) { throw TooOld(request.Description, window); }
            if (p == IntPtr.Zero)
            {
                if (IsNoRoom(error)) throw PlacementRules.NotPlaced(request.Size, LargestFree(window), Narrow(window), request.Description, error);
                return IntPtr.Zero;
            }
            if (window.Contains(AddressRanges.ToAddress(p), (ulong)request.Size)) return p;
            Kernel32.UnmapViewOfFile(p); // the requirements were not honoured: never hand out a map elsewhere
            throw PlacementRules.Refused(request.Size, LargestFree(window), Narrow(window), request.Description,
                $"placed the view at 0x{AddressRanges.ToAddress(p):X}, outside the window");
        }

        /// <summary>A placeholder reservation of <paramref name="size"/> bytes inside the window (see <see cref="AddressReservation"/>).</summary>
        internal static IntPtr ReservePlaceholder(long size, MapPlacement placement, string description)
        {
            var window = AddressWindow.For(placement);
            if (!window.IsAny && Narrow(window).Lowest >= Narrow(window).HighestEnd)
                throw PlacementRules.NoRoom(size, 0, Narrow(window), description);
            IntPtr p;
            int error;
            try { p = ReservePlaceholderInside(size, window.IsAny ? window : Narrow(window), out error); }
            catch (EntryPointNotFoundException) { throw TooOld(description, window); }
            if (p != IntPtr.Zero) return p;
            if (!window.IsAny && IsNoRoom(error)) throw PlacementRules.NotPlaced(size, LargestFree(window), Narrow(window), description, error);
            throw OsFailure.Create(WindowsMapper.Translate(error), error, $"reserve {size} bytes of address space for", description);
        }

        /// <summary>The regions below <paramref name="limit"/> that could be reserved, merged and ascending.</summary>
        internal static List<(ulong Start, ulong End)> Probe(ulong limit)
        {
            var free = FreeRegions(Narrow(AddressWindow.Below(limit)));
            var reserved = new List<(ulong Start, ulong End)>(free.Count * 4 + 64);
            try
            {
                foreach (var (start, end) in free) ReserveRange(start, end, reserved);
                return AddressRanges.Merge(reserved);
            }
            finally
            {
                foreach (var (start, _) in reserved) VirtualFree(AddressRanges.ToPointer(start), UIntPtr.Zero, MEM_RELEASE);
            }
        }

        /// <summary>Reserves [start, end) or else its halves (another thread may have taken part of it since the walk).</summary>
        private static void ReserveRange(ulong start, ulong end, List<(ulong, ulong)> reserved)
        {
            ulong length = end - start;
            IntPtr p = VirtualAlloc(AddressRanges.ToPointer(start), new UIntPtr(length), MEM_RESERVE, PAGE_NOACCESS);
            if (p != IntPtr.Zero)
            {
                reserved.Add((start, end));
                return;
            }
            if (length < 2 * Granularity) return;
            ulong middle = start + length / 2 / Granularity * Granularity;
            ReserveRange(start, middle, reserved);
            ReserveRange(middle, end, reserved);
        }

        /// <summary>Free regions inside the window from a VirtualQuery walk, aligned to the allocation granularity.</summary>
        private static List<(ulong Start, ulong End)> FreeRegions(AddressWindow window)
        {
            var regions = new List<(ulong Start, ulong End)>();
            var infoSize = new UIntPtr((ulong)System.Runtime.InteropServices.Marshal.SizeOf<MEMORY_BASIC_INFORMATION>());
            for (ulong at = window.Lowest; at < window.HighestEnd;)
            {
                if (VirtualQuery(AddressRanges.ToPointer(at), out var info, infoSize) == UIntPtr.Zero) break;
                ulong start = AddressRanges.ToAddress(info.BaseAddress), end = start + info.RegionSize.ToUInt64();
                if (end <= at) break;
                if (info.State == MEM_FREE)
                {
                    ulong s = (Math.Max(start, window.Lowest) + Granularity - 1) / Granularity * Granularity;
                    ulong e = Math.Min(end, window.HighestEnd) / Granularity * Granularity;
                    if (e > s) regions.Add((s, e));
                }
                at = end;
            }
            return regions;
        }

        private static long LargestFree(AddressWindow window) => AddressRanges.Largest(FreeRegions(Narrow(window)));

        /// <summary>The window inside what a process can use: from the first granule to the highest application address.</summary>
        private static AddressWindow Narrow(AddressWindow window)
        {
            Kernel32.GetSystemInfo(out var info);
            return window.Clip(Granularity, AddressRanges.ToAddress(info.MaximumApplicationAddress) + 1);
        }

        private static bool IsNoRoom(int error) =>
            error == Kernel32.ERROR_NOT_ENOUGH_MEMORY || error == Kernel32.ERROR_INVALID_ADDRESS;

        private static MmapException TooOld(string description, AddressWindow window) =>
            new MmapException(MmapError.NotSupported,
                $"Cannot map {description} {window.Describe()}: placing a map needs MapViewOfFile3/VirtualAlloc2 with address requirements, " +
                "which Windows has from Windows 10 version 1803 and Windows Server 2019. Use Placement Any on this system.", 0, description);
    }
}
