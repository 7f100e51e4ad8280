using System;
using System.Globalization;

namespace Mmap.Commands
{
    /// <summary>
    /// The text of the default table views (Mmap.Format.ps1xml calls these from its ScriptBlocks), so sizes and
    /// addresses read the same in views and in the engine's messages.
    /// </summary>
    public static class ViewFormat
    {
        /// <summary>A size in human units, e.g. 1536 -> "1.5 KiB".</summary>
        public static string Size(long bytes) => ByteSize.ToText(bytes);

        /// <summary>A map's size: "2 x 64 KiB" for a mirror (its copies and block), else the human size.</summary>
        public static string MapSize(MemoryMap map) =>
            map is MirroredMap mirror ? $"{mirror.Times} x {Size(mirror.BlockSize)}" : Size(map.Size);

        /// <summary>A map's address in hex, or "(freed)" once it is disposed: the address is no longer the map's.</summary>
        public static string MapAddress(MemoryMap map) => map.IsDisposed ? "(freed)" : Address(map.Address);

        /// <summary>An address in hex, e.g. "0x7F3A2C000000".</summary>
        public static string Address(IntPtr address) => "0x" + address.ToInt64().ToString("X", CultureInfo.InvariantCulture);

        /// <summary>A size the report may lack (null: "n/a", e.g. MAP_32BIT off x86-64, or no size asked for).</summary>
        public static string OptionalSize(long? bytes) => bytes is long b ? Size(b) : "n/a";

        /// <summary>The large-page size, or "none" where the OS has no large pages (0).</summary>
        public static string LargePageSize(long bytes) => bytes > 0 ? Size(bytes) : "none";

        /// <summary>An address region bound in hex, e.g. "0x10000" (AddressRegion.Start and End).</summary>
        public static string Hex(ulong address) => "0x" + address.ToString("X", CultureInfo.InvariantCulture);

        /// <summary>The last column of the map views: the file's path, else the tag, else empty (anonymous memory).
        /// It takes the map, not two strings: PowerShell passes a null string argument as "", which hid every tag.</summary>
        public static string PathOrTag(MemoryMap map) => map.Path ?? map.Tag ?? "";

        /// <summary>A duration in milliseconds with one decimal, e.g. "1.2 ms".</summary>
        public static string Milliseconds(TimeSpan elapsed) =>
            elapsed.TotalMilliseconds.ToString("0.0", CultureInfo.InvariantCulture) + " ms";
    }
}
