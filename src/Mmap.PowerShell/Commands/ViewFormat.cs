using System;
using System.Globalization;
using System.Linq;
using System.Text;

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

        /// <summary>Each large page size with its pool, e.g. "2 MiB: 3 of 4 free, 1 GiB: 0 of 0 free"; "none" without any.</summary>
        public static string LargePages(LargePagePool[] pools) => pools.Length == 0 ? "none" : string.Join(", ", pools.Select(p => p.ToString()));

        /// <summary>An address region bound in hex, e.g. "0x10000" (AddressRegion.Start and End).</summary>
        public static string Hex(ulong address) => "0x" + address.ToString("X", CultureInfo.InvariantCulture);

        /// <summary>The last column of the map views: the file's path, else the tag, else empty (anonymous memory).
        /// It takes the map, not two strings: PowerShell passes a null string argument as "", which hid every tag.</summary>
        public static string PathOrTag(MemoryMap map) => map.Path ?? map.Tag ?? "";

        /// <summary>A match's context in hex with the match in brackets, then as text (dots for bytes that are not printable
        /// ASCII): "0A 20 [4D 41 52 4B] 3D 31  . [MARK]=1".</summary>
        public static string MatchContext(MapMatch match)
        {
            int before = (int)(match.Offset - match.ContextOffset), after = before + match.Length;
            var hex = new StringBuilder();
            var text = new StringBuilder();
            for (int i = 0; i < match.Context.Length; i++)
            {
                string open = i == before ? "[" : "", close = i == after - 1 ? "]" : "";
                if (i > 0) hex.Append(' ');
                hex.Append(open).Append(match.Context[i].ToString("X2", CultureInfo.InvariantCulture)).Append(close);
                byte b = match.Context[i];
                text.Append(open).Append(b >= 0x20 && b < 0x7F ? (char)b : '.').Append(close);
            }
            return hex + "  " + text;
        }

        /// <summary>A tag's owner: the user name, else the numeric id.</summary>
        public static string Owner(TagInfo tag) => tag.Owner ?? tag.OwnerId.ToString(CultureInfo.InvariantCulture);

        /// <summary>A duration in milliseconds with one decimal, e.g. "1.2 ms".</summary>
        public static string Milliseconds(TimeSpan elapsed) =>
            elapsed.TotalMilliseconds.ToString("0.0", CultureInfo.InvariantCulture) + " ms";
    }
}
