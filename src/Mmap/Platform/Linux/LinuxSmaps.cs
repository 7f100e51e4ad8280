using System;
using System.Globalization;
using System.IO;

namespace Mmap.Platform
{
    /// <summary>
    /// Linux: what /proc/self/smaps says of a range: the page size its mapping is made of (KernelPageSize) and how much of it
    /// sits on transparent huge pages (AnonHugePages, ShmemPmdMapped, FilePmdMapped). The kernel's word, not an assumption.
    /// </summary>
    internal static class LinuxSmaps
    {
        /// <summary>(0, 0) when the file cannot be read (a hardened /proc).</summary>
        internal static (long PageSize, long HugeBytes) PageUse(ulong start, ulong length, string path = "/proc/self/smaps")
        {
            try { return Parse(File.ReadLines(path), start, start + length); }
            catch (IOException) { return (0, 0); }
            catch (UnauthorizedAccessException) { return (0, 0); }
        }

        /// <summary>Sums the huge-page fields of every mapping overlapping [start, end); the page size is that of the mapping
        /// holding <paramref name="start"/>.</summary>
        internal static (long PageSize, long HugeBytes) Parse(System.Collections.Generic.IEnumerable<string> lines, ulong start, ulong end)
        {
            long pageSize = 0, huge = 0;
            bool inside = false, holdsStart = false;
            foreach (string line in lines)
            {
                if (line.Length > 0 && IsHex(line[0]))
                {
                    int dash = line.IndexOf('-'), space = line.IndexOf(' ');
                    if (dash < 0 || space < dash) { inside = false; continue; }
                    ulong from = ulong.Parse(line.Substring(0, dash), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                    ulong to = ulong.Parse(line.Substring(dash + 1, space - dash - 1), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                    inside = from < end && to > start;
                    holdsStart = from <= start && start < to;
                    continue;
                }
                if (!inside) continue;
                if (holdsStart && line.StartsWith("KernelPageSize:", StringComparison.Ordinal)) pageSize = Kib(line);
                else if (line.StartsWith("AnonHugePages:", StringComparison.Ordinal) || line.StartsWith("ShmemPmdMapped:", StringComparison.Ordinal)
                         || line.StartsWith("FilePmdMapped:", StringComparison.Ordinal))
                    huge += Kib(line);
            }
            return (pageSize, huge);
        }

        private static bool IsHex(char c) => c >= '0' && c <= '9' || c >= 'a' && c <= 'f';

        /// <summary>"Name:   2048 kB" in bytes.</summary>
        private static long Kib(string line)
        {
            string[] parts = line.Substring(line.IndexOf(':') + 1).Split(new[] { ' ' }, StringSplitOptions.RemoveEmptyEntries);
            return parts.Length > 0 && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out long kib) ? kib * 1024 : 0;
        }
    }
}
