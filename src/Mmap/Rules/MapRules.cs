using System;
using System.Globalization;
using System.Runtime.CompilerServices;

namespace Mmap
{
    /// <summary>
    /// luapower mmap.map's rules as pure functions: they decide, the OS layer only executes.
    /// Every check here runs before any OS call, so bad input never creates, grows or truncates a file.
    /// </summary>
    internal static class MapRules
    {
        /// <summary>Rejects null, empty and NUL-containing paths before they reach the OS.</summary>
        internal static void CheckPath(string? path)
        {
            if (string.IsNullOrEmpty(path))
                throw new MmapException(MmapError.InvalidArgument, "The path is null or empty. Give the path of the file to map.");
            if (path!.IndexOf('\0') >= 0)
                throw new MmapException(MmapError.InvalidArgument, "The path contains a NUL character, which no file name can hold. Remove it.", 0, path);
        }

        /// <summary>A copy of a caller's options for a map of <paramref name="kind"/>, with the kind's default access
        /// filled in, checked (<see cref="CheckOptions"/>) before any OS call.</summary>
        internal static MapOptions Resolve(MapOptions options, MapKind kind, PageInfo pages)
        {
            if (options is null) throw new ArgumentNullException(nameof(options));
            var resolved = options.Clone();
            resolved.Access = options.AccessFor(kind);
            CheckOptions(resolved, pages, fileBacked: kind != MapKind.Anonymous);
            if (resolved.PageSize is long pageSize)
                resolved.PageSize = LargePageRules.Check(pageSize, resolved, kind, pages);
            if (kind == MapKind.Mirror && resolved.MaxSize.HasValue)
                throw new MmapException(MmapError.InvalidArgument,
                    "A mirror's copies of one block cannot grow, so MaxSize does not apply to mirrors. Leave MaxSize out.");
            return resolved;
        }

        /// <summary>Checks size, offset, address and access of a request; <paramref name="fileBacked"/> false
        /// means anonymous memory, where the size is required and the offset is ignored.</summary>
        internal static void CheckOptions(MapOptions options, PageInfo pages, bool fileBacked)
        {
            if (options is null) throw new ArgumentNullException(nameof(options));
            if (options.Access is MapAccess access && (access < MapAccess.Read || access > MapAccess.CopyOnWrite)) // no boxing IsDefined on each map
                throw new MmapException(MmapError.InvalidArgument, Messages.NotOneOf("Access", access, "Read, ReadWrite, CopyOnWrite"));
            if (options.Size is long size && size <= 0)
                throw new MmapException(MmapError.InvalidArgument,
                    $"Size {size} is not valid: a map must be at least 1 byte. Leave the size out to map the whole file.");
            if (!fileBacked && options.Size is null)
                throw new MmapException(MmapError.InvalidArgument, "Anonymous memory needs a size. Give the number of bytes to map.");
            if (fileBacked)
                CheckOffset(options.Offset, pages.AllocationGranularity);
            if (fileBacked && options.NoReserve)
                throw new MmapException(MmapError.InvalidArgument,
                    "NoReserve applies to anonymous memory only: a file or tag map (or a mirror) reserves no memory or swap for its " +
                    "pages, which its backing holds. Leave NoReserve off, or map anonymous memory.");
            if (options.Address is ulong address)
                CheckAddress(address, pages.AllocationGranularity);
            PlacementRules.Check(options.Placement, options.Address, options.Size);
        }

        internal static void CheckOffset(long offset, long granularity)
        {
            if (offset < 0)
                throw new MmapException(MmapError.InvalidArgument,
                    $"Offset {offset} is negative. File offsets start at 0.");
            if (offset % granularity != 0)
            {
                long below = offset - offset % granularity;
                // Near long.MaxValue the next multiple overflows: offer only the one below.
                string choices = below <= long.MaxValue - granularity ? $"{below} or {below + granularity}" : $"{below}";
                throw new MmapException(MmapError.InvalidArgument,
                    $"Offset {offset} is not a multiple of the allocation granularity ({granularity} bytes, {ByteSize.ToText(granularity)}). " +
                    $"Use {choices}, and skip the difference inside the map.");
            }
        }

        internal static void CheckAddress(ulong address, long granularity)
        {
            if (address == 0)
                throw new MmapException(MmapError.InvalidArgument,
                    "Address 0 is not valid. Leave the address out to let the OS choose one.");
            ulong step = (ulong)granularity, below = address - address % step;
            if (address % step != 0)
            {
                // Offer only valid addresses: never 0, never one that wrapped past ulong.MaxValue.
                string choices = below == 0 ? $"0x{step:X}" : below <= ulong.MaxValue - step ? $"0x{below:X} or 0x{below + step:X}" : $"0x{below:X}";
                throw new MmapException(MmapError.InvalidArgument,
                    $"Address 0x{address:X} is not a multiple of the allocation granularity ({granularity} bytes). Use {choices}.");
            }
        }

        /// <summary>What a file map needs: its size, and the file size to grow to first (or the current size).</summary>
        internal readonly struct FilePlan
        {
            internal FilePlan(long mapSize, long fileSizeNeeded) { MapSize = mapSize; FileSizeNeeded = fileSizeNeeded; }
            internal long MapSize { get; }
            internal long FileSizeNeeded { get; }
        }

        /// <summary>Decides the map size and whether the file must grow (luapower's size rules).</summary>
        internal static FilePlan PlanFileMap(long fileSize, long? size, long offset, bool canGrow, string target)
        {
            if (size is null)
            {
                if (fileSize == 0)
                    throw new MmapException(MmapError.FileTooShort,
                        $"'{target}' is empty, so there is nothing to map. Give a size" + (canGrow ? " to grow it." : " and ReadWrite access to grow it."), 0, target);
                if (offset >= fileSize)
                    throw new MmapException(MmapError.FileTooShort,
                        $"Offset {offset} is at or past the end of '{target}' ({fileSize} bytes). Use a smaller offset, or give a size with ReadWrite access to grow the file.", 0, target);
                return new FilePlan(fileSize - offset, fileSize);
            }

            long mapSize = size.Value;
            if (offset > long.MaxValue - mapSize)
                throw new MmapException(MmapError.OutOfMemory,
                    $"Offset {offset} + size {mapSize} overflows a 64-bit file size. Use a smaller size or offset.", 0, target);
            long end = offset + mapSize;
            if (end <= fileSize)
                return new FilePlan(mapSize, fileSize);
            if (!canGrow)
                throw new MmapException(MmapError.FileTooShort,
                    $"'{target}' is {fileSize} bytes, shorter than offset {offset} + size {mapSize} = {end}. " +
                    "Map a smaller size, or use ReadWrite access to extend the file.", 0, target);
            return new FilePlan(mapSize, end);
        }

        /// <summary>Whether a file of <paramref name="fileSize"/> bytes holds the map asked for (size null: the rest of
        /// the file from <paramref name="offset"/>, which must then not be empty).</summary>
        internal static bool Covers(long fileSize, long? size, long offset) =>
            size is long s ? s <= fileSize - offset : offset < fileSize;

        /// <summary>A file of procfs, sysfs and the like: its size is made up, and it can be neither grown nor sized.</summary>
        internal static MmapException Unsizable(string target, string fileSystem, long reportedSize) =>
            new MmapException(MmapError.InvalidArgument,
                $"'{target}' is a file of {fileSystem}, which the kernel makes up as it is read: its size ({reportedSize} bytes) is not a real one, " +
                "and such a file cannot be sized, grown or mapped past it. Read it as a stream, or copy the data to a regular file and map that.", 0, target);

        /// <summary>A range for a page-wise OS call (a flush, advice) in map coordinates: start aligned left to a page,
        /// clipped to the map.</summary>
        internal static (long Start, long Length) PageRange(long mapSize, long offset, long length, long pageSize, string action)
        {
            CheckRange(offset, length, mapSize, action);
            long start = offset - offset % pageSize;
            return (start, offset + length - start);
        }

        /// <summary>The bytes from <paramref name="offset"/> to the end of a map of <paramref name="mapSize"/> bytes: what
        /// an access "to the end" covers (a read or flush with no length). The offset must lie in [0, mapSize].</summary>
        internal static long RestOf(long mapSize, long offset, string action)
        {
            CheckRange(offset, 0, mapSize, action);
            return mapSize - offset;
        }

        /// <summary>Whether a map's Dispose retires its range in place (addresses returned when the map is collected, safe calls
        /// with no per-thread bookkeeping) rather than unmapping at once behind a per-thread guard. Only where the OS can
        /// (<see cref="Platform.PlatformFacts.CanRetireInPlace"/>), only with a 64-bit address space, and only for maps placed
        /// anywhere: a caller who chose the address or its window wants it back at Dispose, to map there again. Not when the
        /// caller asked for calls to be tracked (<see cref="MapOptions.TrackCalls"/>).</summary>
        /// <para>Not for a ReadWrite map of a file or tag (<paramref name="writesShared"/>): retiring in place would cut a
        /// Write racing Dispose short, leaving part of its bytes in the file and throwing ObjectDisposedException. Its Dispose
        /// waits for the writes in flight instead, so a write lands whole or not at all.</para>
        internal static bool RetiresInPlace(MapOptions options, Platform.PlatformFacts facts, int pointerSize, bool writesShared) =>
            options.RetireInPlace ?? (!options.TrackCalls && facts.CanRetireInPlace && pointerSize == 8 && options.Address is null && options.Placement == MapPlacement.Any && !writesShared);

        internal static void CheckAdvice(MapAdvice advice)
        {
            // Compared, not Enum.IsDefined: that boxes the value, and a safe call allocates nothing.
            if (advice < MapAdvice.Normal || advice > MapAdvice.HugePage)
                throw new MmapException(MmapError.InvalidArgument, Messages.NotOneOf("Advice", advice, "Normal, Random, Sequential, WillNeed, HugePage"));
        }

        /// <summary>Throws unless [offset, offset+count) lies inside a map of <paramref name="mapSize"/> bytes.</summary>
        internal static void CheckRange(long offset, long count, long mapSize, string action)
        {
            if (!InRange(offset, count, mapSize)) throw OutOfRange(offset, count, mapSize, action);
        }

        /// <summary>Whether [offset, offset+count) lies inside [0, <paramref name="size"/>): the test of every safe access,
        /// small enough to inline on the hot path.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        internal static bool InRange(long offset, long count, long size) =>
            (ulong)offset <= (ulong)size && (ulong)count <= (ulong)(size - offset); // as unsigned, a negative number fails either test

        internal static MmapException OutOfRange(long offset, long count, long mapSize, string action) =>
            new MmapException(MmapError.InvalidArgument,
                $"Cannot {action} {Amount(count)}at offset {offset}: the map holds {Bytes(mapSize)} (offsets 0 to {mapSize - 1}). " +
                "Keep offset and count inside the map.");

        /// <summary>"1 byte ", "5 bytes ", or nothing for 0 (an empty range past the end has no amount to name).</summary>
        private static string Amount(long count) => count == 0 ? "" : Bytes(count) + " ";

        /// <summary>"1 byte", "5 bytes": a count as a person says it.</summary>
        internal static string Bytes(long count) => count == 1 ? "1 byte" : $"{count} bytes";

        /// <summary>An access through a lease (<see cref="MapLease"/>) outside the range the lease covers.</summary>
        internal static MmapException OutsideLease(long offset, long count, long leaseOffset, long leaseLength, string action) =>
            new MmapException(MmapError.InvalidArgument,
                $"Cannot {action} {count} bytes at lease offset {offset}: the lease covers {leaseLength} bytes (map offsets {leaseOffset} to " +
                $"{leaseOffset + leaseLength - 1}). Keep offsets relative to the lease and inside it, or acquire a larger range.");

    }
}
