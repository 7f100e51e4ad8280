using System;
using System.Globalization;

namespace Mmap
{
    /// <summary>How the engine writes a number of bytes for people: in messages, in <see cref="MemoryMap.ToString"/>, and
    /// in the views of hosts (a Size column).</summary>
    public static class ByteSize
    {
        /// <summary>"512 B", "64 KiB", "1.5 GiB": binary units, at most one decimal, invariant culture.</summary>
        public static string ToText(long bytes)
        {
            string[] units = { "B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB" };
            double value = bytes;
            int unit = 0;
            while (Math.Abs(value) >= 1024 && unit < units.Length - 1) { value /= 1024; unit++; }
            return unit == 0 ? $"{bytes} B" : value.ToString(value % 1 == 0 ? "0" : "0.#", CultureInfo.InvariantCulture) + " " + units[unit];
        }
    }
}
