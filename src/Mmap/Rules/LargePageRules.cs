using System.Linq;

namespace Mmap
{
    /// <summary>
    /// The checks of a request for explicit large pages (<see cref="MapOptions.PageSize"/>), before any OS call: anonymous
    /// memory only, a size the system offers, an address on a page of that size, no placement search (its windows are
    /// searched in base pages).
    /// </summary>
    internal static class LargePageRules
    {
        /// <summary>The large page size to map with, or null for the base page; throws invalid_argument (not_supported where
        /// the system offers none) for anything else.</summary>
        internal static long? Check(long pageSize, MapOptions options, MapKind kind, PageInfo pages)
        {
            if (pageSize == pages.PageSize) return null;
            long[] offered = pages.LargePages.Select(p => p.Size).ToArray();
            string choices = string.Join(", ", new[] { pages.PageSize }.Concat(offered).Select(ByteSize.ToText));
            if (pageSize <= 0 || (pageSize & (pageSize - 1)) != 0)
                throw new MmapException(MmapError.InvalidArgument,
                    $"PageSize {pageSize} is not a page size. Give one this system offers ({choices}), or leave it out for normal pages.");
            if (kind != MapKind.Anonymous)
                throw new MmapException(MmapError.InvalidArgument,
                    $"Large pages ({ByteSize.ToText(pageSize)}) are for anonymous memory only: a {kind} map's pages belong to the page cache " +
                    "or shared memory, whose page size the engine does not choose. Map anonymous memory, or leave PageSize out.");
            if (offered.Length == 0)
                throw new MmapException(MmapError.NotSupported,
                    $"This system offers no large pages, so none of {ByteSize.ToText(pageSize)} can back a map. Leave PageSize out.");
            if (!offered.Contains(pageSize))
                throw new MmapException(MmapError.InvalidArgument,
                    $"PageSize {ByteSize.ToText(pageSize)} is not one this system offers ({choices}). Give one of those.");
            if (options.Address is ulong address && address % (ulong)pageSize != 0)
                throw new MmapException(MmapError.InvalidArgument,
                    $"Address 0x{address:X} is not on a {ByteSize.ToText(pageSize)} page. Give a multiple of 0x{pageSize:X}, or leave the address out.");
            if (options.Placement != MapPlacement.Any)
                throw new MmapException(MmapError.InvalidArgument,
                    $"Placement {options.Placement} cannot be combined with large pages: its windows are searched in base pages. " +
                    "Give an exact Address on a large page instead, or leave one of them out.");
            return pageSize;
        }

        /// <summary><paramref name="size"/> rounded up to whole pages of <paramref name="pageSize"/>: a large-page mapping's
        /// length must be (munmap refuses any other).</summary>
        internal static long WholePages(long size, long pageSize)
        {
            if (size > long.MaxValue - (pageSize - 1))
                throw new MmapException(MmapError.OutOfMemory,
                    $"{size} bytes cannot be rounded up to {ByteSize.ToText(pageSize)} pages without overflowing a 64-bit size. Map fewer bytes.");
            return PageMath.AlignUp(size, pageSize);
        }
    }
}
