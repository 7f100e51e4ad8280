namespace Mmap
{
    /// <summary>What a live map may change into (<see cref="MemoryMap.Resize"/>, <see cref="MemoryMap.ChangeAccess"/>): checked
    /// before anything changes, so a refusal leaves the map as it was.</summary>
    internal static class ChangeRules
    {
        /// <summary>Throws unless a map of <paramref name="kind"/> may be resized to <paramref name="size"/> bytes.</summary>
        internal static void CheckResize(MapKind kind, long size, long pageSize, bool placedAtAddress, string description)
        {
            if (kind == MapKind.Mirror)
                throw new MmapException(MmapError.NotSupported,
                    $"The {description} is a mirror, whose copies of one block cannot change size. Make a new mirror (or ring) of the size you need.");
            if (placedAtAddress)
                throw new MmapException(MmapError.NotSupported,
                    $"The {description} was placed at an address its creator chose, where a resize cannot promise to keep it. Map it again at that address with the new size.");
            if (size <= 0)
                throw new MmapException(MmapError.InvalidArgument, $"Cannot resize the {description} to {size} bytes. Give a size of at least 1 byte.");
            if (pageSize > PageInfo.Current.PageSize && size % pageSize != 0)
                throw new MmapException(MmapError.InvalidArgument,
                    $"The {description} lies on {ByteSize.ToText(pageSize)} pages, so its size must be a whole number of them; {size} bytes is not. " +
                    $"Give a multiple of {pageSize}.");
        }

        /// <summary>The room to grow a new map of <paramref name="size"/> bytes reserves (<see cref="MapOptions.MaxSize"/>):
        /// 0 for none; throws where the options or the OS cannot have it.</summary>
        internal static long GrowRoom(MapOptions options, long size, string description)
        {
            if (options.MaxSize is not long max) return 0;
            if (!Platform.OsLayer.Current.Facts.CanRetireInPlace) // the same OS fact: views replaced in place (POSIX)
                throw new MmapException(MmapError.NotSupported,
                    $"Cannot hold room to grow for {description}: Windows maps reserve no address space past their end (that needs placeholders, " +
                    "which this engine does not use yet). Leave MaxSize out; Resize then maps again, and the map may move.");
            if (max < size)
                throw new MmapException(MmapError.InvalidArgument,
                    $"MaxSize {max} is less than the map's size, {size} bytes. Give a MaxSize of at least the size, or leave it out.");
            if (options.Address.HasValue || options.Placement != MapPlacement.Any || options.PageSize is long page && page > PageInfo.Current.PageSize)
                throw new MmapException(MmapError.InvalidArgument,
                    "MaxSize reserves the map's own room and cannot be combined with Address, Placement or a large PageSize. Leave one of them out.");
            return max;
        }

        /// <summary>Throws unless a map of <paramref name="kind"/> whose mapping was made with <paramref name="mapped"/>
        /// access may take <paramref name="requested"/>. Read is always allowed; otherwise only the access the mapping was
        /// made with, or ReadWrite for anonymous memory made Read. A file or tag opened for reading has no descriptor to
        /// write through, and a copy-on-write mapping is private where ReadWrite is shared: neither can turn into the other.</summary>
        internal static void CheckAccess(MapKind kind, MapAccess mapped, MapAccess requested, string description)
        {
            if (requested < MapAccess.Read || requested > MapAccess.CopyOnWrite)
                throw new MmapException(MmapError.InvalidArgument, Messages.NotOneOf("Access", requested, "Read, ReadWrite, CopyOnWrite"));
            if (kind == MapKind.Mirror)
                throw new MmapException(MmapError.NotSupported,
                    $"The {description} is a mirror, whose access is fixed when it is made. Make a new mirror with the access you need.");
            if (requested == MapAccess.Read || requested == mapped || kind == MapKind.Anonymous && requested == MapAccess.ReadWrite && mapped == MapAccess.Read)
                return;
            if (mapped == MapAccess.Read)
                throw new MmapException(MmapError.AccessDenied,
                    $"The {description} was opened for reading only, so it cannot become {requested}: its descriptor cannot write. " +
                    $"Map it again with {requested} access.");
            throw new MmapException(MmapError.InvalidArgument,
                $"The {description} was mapped {mapped}, which cannot become {requested}: copy-on-write pages are private to this map, " +
                $"ReadWrite pages are shared with the file. Map it again with {requested} access, or choose Read or {mapped}.");
        }
    }
}
