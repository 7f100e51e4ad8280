using System.Globalization;

namespace Mmap.Tests;

/// <summary>The free address space below a limit as /proc/self/maps shows it, computed here independently of the engine.</summary>
public static class LowAddressFacts
{
    public const ulong TwoGiB = 0x80000000, FourGiB = 0x100000000;

    /// <summary>The lowest address a process may map (vm.mmap_min_addr), and never below 64 KiB as the engine keeps it.</summary>
    public static ulong LowestMappable =>
        Math.Max(64 * 1024UL, ulong.Parse(File.ReadAllText("/proc/sys/vm/mmap_min_addr").Trim(), CultureInfo.InvariantCulture));

    /// <summary>Bytes below <paramref name="limit"/> that no line of /proc/self/maps covers.</summary>
    public static long FreeBytesBelow(ulong limit)
    {
        ulong floor = LowestMappable, used = 0;
        foreach (var line in ProcSelf.Maps())
        {
            var range = line.Split(' ')[0].Split('-');
            ulong start = Math.Max(Convert.ToUInt64(range[0], 16), floor), end = Math.Min(Convert.ToUInt64(range[1], 16), limit);
            if (end > start) used += end - start;
        }
        return (long)(limit - floor - used);
    }
}
