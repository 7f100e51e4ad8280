using System;
using Mmap.Platform;

namespace Mmap
{
    /// <summary>
    /// Inaccessible, uncommitted address space placed by a <see cref="MapPlacement"/>, for maps that build their
    /// range in pieces (mirrors): reserve the whole range first, then map each piece over its part.
    /// Linux/macOS: a PROT_NONE MAP_PRIVATE|MAP_ANONYMOUS|MAP_NORESERVE mapping; map over it with MAP_FIXED
    /// (replacing your own reservation is safe), free what is left with munmap.
    /// Windows: a placeholder (VirtualAlloc2 MEM_RESERVE|MEM_RESERVE_PLACEHOLDER); split it with
    /// VirtualFree(MEM_RELEASE|MEM_PRESERVE_PLACEHOLDER), map each piece with MapViewOfFile3(MEM_REPLACE_PLACEHOLDER).
    /// </summary>
    internal static class AddressReservation
    {
        private static readonly bool IsWindows = Platform.HostPlatform.IsWindows;

        /// <summary>Reserves <paramref name="size"/> bytes (a multiple of the allocation granularity) inside the window of
        /// <paramref name="placement"/>. Unmet placement: out_of_mem with the figures; Low/Low32 on macOS: not_supported.
        /// <paramref name="description"/> names the map in messages.</summary>
        internal static IntPtr Reserve(long size, MapPlacement placement, string description)
        {
            PlacementRules.Check(placement, null, size);
            if (size <= 0)
                throw new MmapException(MmapError.InvalidArgument, $"Cannot reserve {size} bytes for {description}: the size must be at least 1 byte.");
            return IsWindows ? WindowsPlacement.ReservePlaceholder(size, placement, description) : PosixPlacement.Reserve(size, placement, description);
        }

        /// <summary>Frees a whole reservation (Windows: one placeholder or reservation; after a split, call it per piece).</summary>
        internal static void Release(IntPtr address, long size)
        {
            if (IsWindows) Kernel32.VirtualFree(address, UIntPtr.Zero, Kernel32.MEM_RELEASE);
            else Libc.munmap(address, new UIntPtr((ulong)size));
        }
    }
}
