using System;
using System.Collections.Generic;
using System.Globalization;

namespace Mmap
{
    /// <summary>What <see cref="LowAddressProbe.Run"/> found: how much address space this process can map below a limit.
    /// Figures are of reservable address space, not of physical memory.</summary>
    public sealed class LowAddressReport
    {
        internal LowAddressReport(long limit, IReadOnlyList<AddressRegion> regions, long? map32BitBytes, long? requestedSize, TimeSpan elapsed)
        {
            Limit = limit;
            Regions = regions;
            foreach (var r in regions)
            {
                TotalFreeBytes += r.Size;
                if (r.Size > LargestFreeBlock) LargestFreeBlock = r.Size;
            }
            Map32BitBytes = map32BitBytes;
            RequestedSize = requestedSize;
            Elapsed = elapsed;
        }

        /// <summary>The address probed below, in bytes (2 GiB by default: the window LuaJIT without GC64 needs).</summary>
        public long Limit { get; }

        /// <summary>Bytes the process could reserve below <see cref="Limit"/>, in all.</summary>
        public long TotalFreeBytes { get; }

        /// <summary>The largest contiguous block among <see cref="Regions"/>: the biggest single map that fits.</summary>
        public long LargestFreeBlock { get; }

        /// <summary>The free regions found, ascending.</summary>
        public IReadOnlyList<AddressRegion> Regions { get; }

        /// <summary>Linux x86-64: bytes MAP_32BIT alone yields (what LuaJIT's own allocator gets; about 1 GiB).
        /// Null on other systems.</summary>
        public long? Map32BitBytes { get; }

        /// <summary>The size asked about, or null.</summary>
        public long? RequestedSize { get; }

        /// <summary>Whether <see cref="RequestedSize"/> fits in one block (<see cref="LargestFreeBlock"/>); null when no size was asked.</summary>
        public bool? Fits => RequestedSize is long size ? size <= LargestFreeBlock : (bool?)null;

        /// <summary>How long the probe took.</summary>
        public TimeSpan Elapsed { get; }

        /// <summary>One readable line, e.g. "Below 2 GiB: 2047.9 MiB free in 3 regions, largest 2 GiB; MAP_32BIT alone 1020 MiB; 256 MiB fits (1.2 ms)".</summary>
        public override string ToString()
        {
            string text = $"Below {ByteSize.ToText(Limit)} (0x{Limit:X}): {ByteSize.ToText(TotalFreeBytes)} free in {Regions.Count} region{(Regions.Count == 1 ? "" : "s")}, " +
                $"largest {ByteSize.ToText(LargestFreeBlock)}";
            if (Map32BitBytes is long map32) text += $"; MAP_32BIT alone {ByteSize.ToText(map32)}";
            if (RequestedSize is long size) text += $"; {ByteSize.ToText(size)} {(Fits == true ? "fits" : "does not fit")}";
            return text + $" ({Elapsed.TotalMilliseconds.ToString("0.0", CultureInfo.InvariantCulture)} ms)";
        }
    }
}
