using System;

namespace Mmap
{
    /// <summary>The placement rules as pure functions, checked before any OS call (see <see cref="MapRules"/>).</summary>
    internal static class PlacementRules
    {
        /// <summary>Rejects an undefined placement, and an explicit address the placement does not allow.
        /// <paramref name="size"/> may be null for a file map whose size is not known yet: then only the start is checked.</summary>
        internal static void Check(MapPlacement placement, ulong? address, long? size)
        {
            if (placement < MapPlacement.Any || placement > MapPlacement.High) // no boxing IsDefined on each map
                throw new MmapException(MmapError.InvalidArgument, Messages.NotOneOf("Placement", placement, "Any, Low, Low32, High"));
            if (address is null || placement == MapPlacement.Any)
                return;
            var window = AddressWindow.For(placement);
            ulong start = address.Value;
            ulong length = size is long s && s > 0 ? (ulong)s : 1;
            if (window.Contains(start, length))
                return;
            string where = size is null ? $"Address 0x{start:X}" : $"Address 0x{start:X} with size {size} (ending at 0x{start + length:X})";
            throw new MmapException(MmapError.InvalidArgument,
                $"{where} is not {window.Describe()}, which Placement {placement} asks for. " +
                "Give either an address or a placement, or an address inside the placement's window.");
        }

        /// <summary>The out_of_mem error for a placement that cannot be met: what was asked, the largest free block
        /// in the window, and the window. <paramref name="largestFree"/> is negative when the OS cannot tell.</summary>
        internal static MmapException NoRoom(long size, long largestFree, AddressWindow window, string description, int nativeError = 0)
        {
            string largest = largestFree < 0 ? "unknown (the free blocks could not be read)" : $"{ByteSize.ToText(largestFree)} ({largestFree} bytes)";
            return new MmapException(MmapError.OutOfMemory,
                $"Cannot map {description} {window.Describe()} (Placement {window.Placement}): asked {ByteSize.ToText(size)} ({size} bytes), " +
                $"but the largest free block in 0x{window.Lowest:X}-0x{window.HighestEnd:X} is {largest}. " +
                "Ask for less, split the map, free other maps in that window, or use another placement.",
                nativeError, description);
        }

        /// <summary>The error for an OS that would not place a map in the window: out_of_mem (<see cref="NoRoom"/>) when
        /// the largest free block there is too small, otherwise not_supported, since room was there and the OS still
        /// refused (Wine does, for address requirements it does not implement). A negative
        /// <paramref name="largestFree"/> (not known) counts as no room.</summary>
        internal static MmapException NotPlaced(long size, long largestFree, AddressWindow window, string description, int nativeError) =>
            largestFree < size ? NoRoom(size, largestFree, window, description, nativeError)
                : Refused(size, largestFree, window, description, $"refused it (OS error {nativeError})", nativeError);

        /// <summary>not_supported: the OS <paramref name="what"/> although the window has a free block of
        /// <paramref name="largestFree"/> bytes, enough for the map: the OS does not honour the placement.</summary>
        internal static MmapException Refused(long size, long largestFree, AddressWindow window, string description, string what, int nativeError = 0) =>
            new MmapException(MmapError.NotSupported,
                $"Cannot map {description} {window.Describe()} (Placement {window.Placement}): the OS {what}, although the largest free block " +
                $"in 0x{window.Lowest:X}-0x{window.HighestEnd:X} is {ByteSize.ToText(largestFree)} ({largestFree} bytes), enough for the " +
                $"{ByteSize.ToText(size)} ({size} bytes) asked. This OS does not honour placement in that window; use Placement Any or an exact Address.",
                nativeError, description);
    }
}
