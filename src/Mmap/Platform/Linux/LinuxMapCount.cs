using System;
using System.IO;

namespace Mmap.Platform
{
    /// <summary>
    /// Linux caps the mappings of a process at vm.max_map_count (65530 by default), and each copy of a mirror is one.
    /// A mirror of many copies that took the last of them would leave none for the runtime: a thread that needs a
    /// mapping then (a stack, a GC heap, JIT code) kills the process ("Failed to create RW mapping for RX memory").
    /// So a mirror of many copies is refused before anything is mapped unless its copies fit with room to spare.
    /// </summary>
    internal static class LinuxMapCount
    {
        /// <summary>A mirror of this many copies or fewer adds no more mappings than a few plain maps, which are not
        /// counted either; above it, /proc/self/maps is read (about 0.3 ms) before mapping.</summary>
        internal const int CountedAbove = 64;

        /// <summary>Refuses with out_of_mem when <paramref name="copies"/> more mappings would leave the runtime less than
        /// a sixteenth of the limit (4,095 of 65,530), and at least 1,024.</summary>
        internal static void CheckRoom(int copies, string description)
        {
            if (copies <= CountedAbove) return;
            long max = ReadMax();
            int used = LinuxProcMaps.Count();
            if (max <= 0 || used < 0) return; // hidden by a hardened /proc: mmap's own ENOMEM remains
            long headroom = Math.Max(1024, max / 16);
            long room = max - headroom - used - 1; // - 1: the reservation's leftover may stay a mapping of its own
            if (copies <= room) return;
            throw new MmapException(MmapError.OutOfMemory,
                $"Cannot mirror {copies} copies of {description}: each copy is one kernel mapping, this process has {used} of the " +
                $"{max} that vm.max_map_count allows, and {headroom} are kept for the runtime (threads, GC, JIT), so at most {Math.Max(0, room)} " +
                "copies fit. Use fewer copies, free other maps, or raise vm.max_map_count (sysctl).", 0, description);
        }

        private static long ReadMax()
        {
            try { return long.Parse(File.ReadAllText("/proc/sys/vm/max_map_count").Trim(), System.Globalization.CultureInfo.InvariantCulture); }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is FormatException || e is OverflowException) { return -1; }
        }
    }
}
