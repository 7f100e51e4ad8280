using Mmap;
using Mmap.TestHelper;

// The second process of the cross-process tests. Prints one result line; exit code 0 on success,
// 2 with "error <code> ..." for an MmapException, 1 for anything else.
try
{
    switch (args.Length > 0 ? args[0] : "")
    {
        case "counter": // counter <tag> <n>: n atomic increments of the long at offset 0
        {
            using var map = MemoryMap.MapShared(args[1], new MapOptions { Access = MapAccess.ReadWrite }, new TagOptions { Mode = SharedOpenMode.OpenExisting });
            ref long counter = ref map.AsRef<long>(0);
            Console.WriteLine("ready");
            long n = long.Parse(args[2]);
            for (long i = 0; i < n; i++) Interlocked.Increment(ref counter);
            Console.WriteLine("done");
            return 0;
        }
        case "atomic-add": // atomic-add <tag> <n>: n engine Adds of 1 to the long at offset 0 and to the int at offset 8
        {
            using var map = MemoryMap.MapShared(args[1], new MapOptions { Access = MapAccess.ReadWrite }, new TagOptions { Mode = SharedOpenMode.OpenExisting });
            long n = long.Parse(args[2]);
            for (long i = 0; i < n; i++)
            {
                map.Add(0, 1L);
                map.Add(8, 1);
            }
            Console.WriteLine("done");
            return 0;
        }
        case "shm-create": // shm-create <tag> <size>: create a new tag; report whether the name exists after
        {
            string tag = args[1];
            try
            {
                using var map = MemoryMap.MapShared(tag, new MapOptions { Access = MapAccess.ReadWrite, Size = long.Parse(args[2]) }, new TagOptions { Mode = SharedOpenMode.CreateNew });
                Console.WriteLine($"created {map.Size}");
                SharedMemory.Unlink(tag);
                return 0;
            }
            catch (MmapException e)
            {
                Console.WriteLine($"error {e.Code} exists={File.Exists("/dev/shm/" + tag)} {e.Message}");
                return 2;
            }
        }
        case "ring-produce": // ring-produce <tag> <bytes> <chunk>: attach and write the test stream
        {
            using var ring = ByteRing.Attach(args[1]);
            ulong hash = TestStream.Produce(ring, long.Parse(args[2]), int.Parse(args[3]), TimeSpan.FromSeconds(60));
            Console.WriteLine($"hash {hash:X16}");
            return 0;
        }
        case "ring-consume": // ring-consume <tag> <bytes> <chunk>: attach and read the test stream
        {
            using var ring = ByteRing.Attach(args[1]);
            ulong hash = TestStream.Consume(ring, long.Parse(args[2]), int.Parse(args[3]), TimeSpan.FromSeconds(60));
            Console.WriteLine($"hash {hash:X16}");
            return 0;
        }
        case "ring-attach": // ring-attach <tag>: attach only (the rejection tests)
        {
            using var ring = ByteRing.Attach(args[1]);
            Console.WriteLine($"attached {ring.Capacity}");
            return 0;
        }
        case "engine": // engine map|mirror <path> <access> <size|-> | engine getsize <path> | engine setsize <path> <size> | engine lock - <bytes>: one call, one line
        {
            string op = args[1], path = args[2];
            switch (op)
            {
                case "map":
                {
                    var options = new MapOptions { Access = Enum.Parse<MapAccess>(args[3]), Size = args[4] == "-" ? null : long.Parse(args[4]) };
                    using var map = MemoryMap.MapFile(path, options);
                    Console.WriteLine($"ok mapped {map.Size}");
                    break;
                }
                case "mirror":
                {
                    using var mirror = MirroredMap.MapFile(path, long.Parse(args[4]), 2, new MapOptions { Access = Enum.Parse<MapAccess>(args[3]) });
                    Console.WriteLine($"ok mirrored {mirror.Size}");
                    break;
                }
                case "lock": // engine lock - <bytes>: lock new anonymous memory; on a refusal, the process's locked memory after it
                {
                    using var map = MemoryMap.MapAnonymous(long.Parse(args[3]));
                    try { map.Lock(); }
                    catch (MmapException e)
                    {
                        Console.WriteLine($"error {e.Code} {e.Message}");
                        Console.WriteLine($"VmLck-after {File.ReadLines("/proc/self/status").First(l => l.StartsWith("VmLck:")).Substring(6).Trim()}");
                        return 2;
                    }
                    Console.WriteLine($"ok locked {map.ResidentBytes()}");
                    break;
                }
                case "getsize":
                    Console.WriteLine($"ok size {FileSizer.GetSize(path)}");
                    break;
                case "setsize":
                    Console.WriteLine($"ok size {FileSizer.SetSize(path, long.Parse(args[3]))}");
                    break;
                default:
                    Console.Error.WriteLine("engine ops: map|mirror <path> <access> <size|-> | getsize <path> | setsize <path> <size>");
                    return 1;
            }
            return 0;
        }
        case var verb when FaultVerbs.Handles(verb): // the fault-injection verbs, in FaultVerbs.cs
            return FaultVerbs.Run(args);
        case var verb when LifetimeVerbs.Handles(verb): // the lifetime-break verbs, in LifetimeVerbs.cs
            return LifetimeVerbs.Run(args);
        case var verb when RecoveryVerbs.Handles(verb): // the fault-recovery verbs, in RecoveryVerbs.cs
            return RecoveryVerbs.Run(args);
        case var verb when HostileVerbs.Handles(verb): // the hostile-peer verbs, in HostileVerbs.cs
            return HostileVerbs.Run(args);
        default:
            Console.Error.WriteLine("verbs: counter <tag> <n> | shm-create <tag> <size> | ring-produce|ring-consume <tag> <bytes> <chunk> | ring-attach <tag> | engine <op> ...");
            return 1;
    }
}
catch (MmapException e)
{
    Console.WriteLine($"error {e.Code} {e.Message}");
    return 2;
}
