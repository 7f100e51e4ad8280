using System.Runtime.InteropServices;
using Mmap;

namespace Mmap.TestHelper;

/// <summary>
/// The verbs of the hostile-peer tests (tests/MmapModule.Tests/Reliability/Hostile*): each does what could crash,
/// hang or write astray, in this child process, and prints "key value" lines; an MmapException ends it with
/// "error &lt;code&gt; &lt;message&gt;" and exit code 2 (Program.cs).
/// </summary>
public static class HostileVerbs
{
    public static bool Handles(string verb) => verb.StartsWith("hostile-", StringComparison.Ordinal);

    public static int Run(string[] args)
    {
        switch (args[0])
        {
            case "hostile-fd0": // hostile-fd0 <path>: close stdin so the map's descriptor is 0, map, read, free
            {
                close(0);
                using (var map = MemoryMap.MapFile(args[1]))
                {
                    Console.WriteLine($"kind {map.Kind}");
                    Console.WriteLine($"first {Convert.ToHexString(map.ReadBytes(0, 8))}");
                }
                Console.WriteLine($"fd0 {(File.Exists("/proc/self/fd/0") ? "open" : "closed")}");
                return 0;
            }
            default:
                Console.Error.WriteLine("hostile verbs: hostile-fd0");
                return 1;
        }
    }

    [DllImport("libc", SetLastError = true)] private static extern int close(int fd);
}
