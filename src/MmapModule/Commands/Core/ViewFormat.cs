using System;
using System.Globalization;

namespace Mmap.Commands.Core
{
    /// <summary>
    /// The text of the default table views (Mmap.Format.ps1xml calls these from its ScriptBlocks), so sizes and
    /// addresses read the same in views and in the engine's messages.
    /// </summary>
    public static class ViewFormat
    {
        /// <summary>A size in human units, e.g. 1536 -> "1.5 KiB".</summary>
        public static string Size(long bytes) => MapRules.Human(bytes);

        /// <summary>An address in hex, e.g. "0x7F3A2C000000".</summary>
        public static string Address(IntPtr address) => "0x" + address.ToInt64().ToString("X", CultureInfo.InvariantCulture);
    }
}
