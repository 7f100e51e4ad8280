using System;
using System.IO;

namespace Mmap.Platform
{
    /// <summary>
    /// Linux caps the mappings of a process at vm.max_map_count (65530 by default); each map is one, a mirror one per copy
    /// and one for its reservation. Maps that took the last of them would leave none for the runtime: a thread that needs a
    /// mapping then (a stack, a GC heap, JIT code) kills the process ("Failed to create RW mapping for RX memory"). So
    /// every map claims its mappings first, and a claim that would eat into the runtime's share is refused (out_of_mem)
    /// before anything is mapped.
    /// <para>Reading /proc/self/maps costs about 0.3 ms (far more with tens of thousands of lines), so it is read only when
    /// the engine's own count since the last reading has used up half the room that reading found: a handful of readings
    /// on the way to the limit, none for a process that stays far below it.</para>
    /// </summary>
    internal static class LinuxMapCount
    {
        private static readonly object s_lock = new object();
        /// <summary>Mappings the engine may still claim before it reads the count again.</summary>
        private static long s_budget;

        /// <summary>Claims <paramref name="mappings"/> for a map about to be made; out_of_mem when they would leave the runtime
        /// less than a sixteenth of the limit (4,095 of 65,530), and at least 1,024. Pair with <see cref="Release"/> when
        /// the map is unmapped or could not be made.</summary>
        internal static void Claim(int mappings, string description)
        {
            lock (s_lock)
            {
                if (s_budget >= mappings)
                {
                    s_budget -= mappings;
                    return;
                }
                long max = ReadMax();
                int used = LinuxProcMaps.Count();
                if (max <= 0 || used < 0) // hidden by a hardened /proc: mmap's own ENOMEM remains
                {
                    s_budget = long.MaxValue / 2;
                    return;
                }
                long headroom = Math.Max(1024, max / 16);
                long room = max - headroom - used - 1; // - 1: a reservation's leftover may stay a mapping of its own
                if (mappings > room)
                {
                    s_budget = 0;
                    throw new MmapException(MmapError.OutOfMemory,
                        $"Cannot map {description}: it takes {mappings} kernel mapping{(mappings == 1 ? "" : "s")}, this process has {used} of the " +
                        $"{max} that vm.max_map_count allows, and {headroom} are kept for the runtime (threads, GC, JIT), so {Math.Max(0, room)} " +
                        "more fit. " + (mappings > 1 ? "Use fewer copies, free other maps" : "Free other maps") + ", or raise vm.max_map_count (sysctl).", 0, description);
                }
                s_budget = (room - mappings) / 2;
            }
        }

        /// <summary>Gives back what <see cref="Claim"/> took (never throws: it runs while a map is freed).</summary>
        internal static void Release(int mappings)
        {
            lock (s_lock) s_budget += mappings;
        }

        private static long ReadMax()
        {
            try { return long.Parse(File.ReadAllText("/proc/sys/vm/max_map_count").Trim(), System.Globalization.CultureInfo.InvariantCulture); }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is FormatException || e is OverflowException) { return -1; }
        }
    }
}
