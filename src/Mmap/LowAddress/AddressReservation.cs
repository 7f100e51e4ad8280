using System;
using Mmap.Platform;

namespace Mmap
{
    /// <summary>
    /// Inaccessible, uncommitted address space placed by a <see cref="MapPlacement"/>, for maps that build their
    /// range in pieces (mirrors): reserve the whole range first, then map each piece over its part. How each OS
    /// reserves, maps over and frees it is <see cref="IPlatformMapper.ReserveAddressSpace"/>'s.
    /// </summary>
    internal static class AddressReservation
    {
        /// <summary>Reserves <paramref name="size"/> bytes (a multiple of the allocation granularity) inside the window of
        /// <paramref name="placement"/>. Unmet placement: out_of_mem with the figures; Low/Low32 on macOS: not_supported.
        /// <paramref name="description"/> names the map in messages.</summary>
        internal static IntPtr Reserve(long size, MapPlacement placement, string description)
        {
            PlacementRules.Check(placement, null, size);
            if (size <= 0)
                throw new MmapException(MmapError.InvalidArgument, $"Cannot reserve {size} bytes for {description}: the size must be at least 1 byte.");
            return OsLayer.Current.ReserveAddressSpace(size, placement, description);
        }

        /// <summary>Frees a whole reservation (Windows: one placeholder or reservation; after a split, call it per piece).</summary>
        internal static void Release(IntPtr address, long size) => OsLayer.Current.ReleaseAddressSpace(address, size);
    }
}
