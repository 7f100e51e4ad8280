using Mmap;

namespace Mmap.TestHelper;

/// <summary>
/// The verbs of the fault-injection tests (tests/Mmap.Tests/Reliability/Fault*). Each runs in a child process
/// under a limit or a mount the test host must not feel, and prints "key value" lines the test checks.
/// </summary>
public static class FaultVerbs
{
    public static bool Handles(string verb) => verb.StartsWith("fault-", StringComparison.Ordinal);

    public static int Run(string[] args)
    {
        switch (args[0])
        {
            case "fault-grow": // fault-grow <case> <path|tag> <old size> <new size>: see GrowthFault
                return GrowthFault.Run(args[1], args[2], long.Parse(args[3]), long.Parse(args[4]));
            case "fault-truncate": // fault-truncate <path> <size>: cut a file (or /dev/shm/<tag>) mapped by the test
                FileSizer.SetSize(args[1], long.Parse(args[2]), sparse: true);
                Console.WriteLine("truncated");
                return 0;
            case "fault-hold": // fault-hold <path>: map the file, say "mapped", wait for a line, probe the truncated map
            {
                using var map = MemoryMap.MapFile(args[1], new MapOptions { Access = MapAccess.ReadWrite });
                Console.WriteLine($"mapped {map.Size}");
                Console.ReadLine();
                Console.WriteLine($"recovery {FaultRecovery.IsActive}");
                foreach (var (op, result) in TruncationProbe.Run(map)) Console.WriteLine($"op {op} {result}");
                Console.WriteLine("alive");
                return 0;
            }
            case "fault-descriptors": // fault-descriptors <dir> <tag prefix>: run under `ulimit -n`
                return Exhaustion.Descriptors(args[1], args[2]);
            case "fault-headroom": // fault-headroom <dir>: run under `ulimit -n`
                return Exhaustion.Headroom(args[1]);
            case "fault-address": // fault-address <dir> <tag prefix>: run under `ulimit -v`
                return Exhaustion.AddressSpace(args[1], args[2]);
            case "fault-own-tag": // fault-own-tag <tag>: create the tag, then write sequence numbers until killed
            {
                using var map = MemoryMap.MapShared(args[1], new MapOptions { Access = MapAccess.ReadWrite, Size = 4096 }, new TagOptions { Mode = SharedOpenMode.CreateNew });
                Console.WriteLine("ready");
                // Two words per update: a reader that sees them differ knows the writer died between them.
                for (long i = 1; ; i++)
                {
                    map.Write<long>(0, i);
                    map.Write<long>(8, i);
                }
            }
            case "fault-own-ring": // fault-own-ring <tag> <capacity> <chunk>: create the ring, produce the test stream until killed
            {
                using var ring = ByteRing.Create(args[1], long.Parse(args[2]));
                Console.WriteLine("ready");
                TestStream.Produce(ring, long.MaxValue / 2, int.Parse(args[3]), TimeSpan.FromSeconds(60));
                return 0;
            }
            default:
                Console.Error.WriteLine("fault verbs: fault-grow | fault-truncate | fault-hold | fault-descriptors | fault-headroom | fault-address | fault-own-tag | fault-own-ring");
                return 1;
        }
    }
}
