using System;
using System.Collections.Generic;
using System.IO;

namespace Mmap.Platform
{
    /// <summary>
    /// Linux only: this process's mappings as /proc/self/maps lists them, and the free gaps between them.
    /// Parsed from bytes without a string per line, so reading it barely touches the managed heap.
    /// </summary>
    internal static class LinuxProcMaps
    {
        /// <summary>The top of user space the engine places maps below: 47 bits, what x86-64 and arm64 kernels hand out
        /// unless a process asks for more with a higher hint; 4 GiB in a 32-bit process.</summary>
        internal static readonly ulong UserSpaceTop = IntPtr.Size == 8 ? 1UL << 47 : 1UL << 32;

        /// <summary>The lowest address the engine maps: vm.mmap_min_addr, and never below 64 KiB, so a null pointer
        /// plus a small offset can never land in a map (root may map lower, but should not).</summary>
        internal static readonly ulong LowestMappable = ReadLowestMappable();

        /// <summary>Free page-aligned [Start, End) ranges inside <paramref name="window"/> (narrowed to
        /// [<see cref="LowestMappable"/>, <see cref="UserSpaceTop"/>)), ascending; null when /proc/self/maps
        /// cannot be read (a hardened /proc).</summary>
        internal static List<(ulong Start, ulong End)>? FreeGaps(AddressWindow window, ulong pageSize)
        {
            byte[]? text = ReadMapsFile(out int length);
            return text is null ? null : Gaps(ParseRanges(text, length), Narrow(window), pageSize);
        }

        /// <summary>How many mappings this process has (lines of /proc/self/maps), or -1 when it cannot be read.</summary>
        internal static int Count()
        {
            byte[]? text = ReadMapsFile(out int length);
            if (text is null) return -1;
            int lines = 0;
            for (int i = 0; i < length; i++)
                if (text[i] == (byte)'\n') lines++;
            return lines;
        }

        /// <summary>The window as the kernel lets this process use it.</summary>
        internal static AddressWindow Narrow(AddressWindow window) => window.Clip(LowestMappable, UserSpaceTop);

        /// <summary>The [start, end) of every line of a /proc/pid/maps text, in the file's (ascending) order.</summary>
        internal static List<(ulong Start, ulong End)> ParseRanges(byte[] text, int length)
        {
            var ranges = new List<(ulong, ulong)>(256);
            int i = 0;
            while (i < length)
            {
                ulong start = Hex(text, length, ref i);
                if (i < length && text[i] == (byte)'-')
                {
                    i++;
                    ulong end = Hex(text, length, ref i);
                    if (end > start) ranges.Add((start, end));
                }
                while (i < length && text[i] != (byte)'\n') i++;
                i++;
            }
            return ranges;
        }

        /// <summary>The page-aligned free ranges inside <paramref name="window"/> between ascending <paramref name="used"/> ranges.</summary>
        internal static List<(ulong Start, ulong End)> Gaps(List<(ulong Start, ulong End)> used, AddressWindow window, ulong pageSize)
        {
            var gaps = new List<(ulong, ulong)>();
            ulong cursor = window.Lowest;
            foreach (var (start, end) in used)
            {
                if (start >= window.HighestEnd) break;
                if (end <= cursor) continue;
                if (start > cursor) Add(gaps, cursor, start, pageSize);
                cursor = end;
            }
            if (cursor < window.HighestEnd) Add(gaps, cursor, window.HighestEnd, pageSize);
            return gaps;
        }

        private static void Add(List<(ulong, ulong)> gaps, ulong start, ulong end, ulong pageSize)
        {
            ulong s = (start + pageSize - 1) / pageSize * pageSize, e = end / pageSize * pageSize;
            if (e > s) gaps.Add((s, e));
        }

        private static ulong Hex(byte[] text, int length, ref int i)
        {
            ulong value = 0;
            for (; i < length; i++)
            {
                int c = text[i];
                int digit = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
                if (digit < 0) break;
                value = value << 4 | (uint)digit;
            }
            return value;
        }

        /// <summary>The whole file in one buffer: /proc reports no length, so read until the end.</summary>
        internal static byte[]? ReadMapsFile(out int length)
        {
            length = 0;
            try
            {
                using var stream = new FileStream("/proc/self/maps", FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1);
                var buffer = new byte[64 * 1024];
                int n;
                while ((n = stream.Read(buffer, length, buffer.Length - length)) > 0)
                {
                    length += n;
                    if (length == buffer.Length) Array.Resize(ref buffer, buffer.Length * 2);
                }
                return buffer;
            }
            catch (IOException) { return null; }
            catch (UnauthorizedAccessException) { return null; }
        }

        private static ulong ReadLowestMappable()
        {
            const ulong floor = 64 * 1024;
            try
            {
                ulong value = ulong.Parse(File.ReadAllText("/proc/sys/vm/mmap_min_addr").Trim(), System.Globalization.CultureInfo.InvariantCulture);
                return value > floor ? value : floor;
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is FormatException || e is OverflowException)
            {
                return floor;
            }
        }
    }
}
