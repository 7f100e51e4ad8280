using System.Runtime.InteropServices;
using Mmap;

namespace Mmap.TestHelper;

/// <summary>
/// The verbs of the hostile-peer tests (tests/Mmap.Tests/Reliability/Hostile*): each does what could crash,
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
                // Map once first: the runtime opens the assemblies a first map needs lazily, and one opened after
                // close(0) would take descriptor 0 instead of the map's file.
                using (var warm = MemoryMap.MapFile(args[1])) warm.ReadBytes(0, 8);
                close(0);
                using (var map = MemoryMap.MapFile(args[1]))
                {
                    Console.WriteLine($"kind {map.Kind}");
                    Console.WriteLine($"first {Convert.ToHexString(map.ReadBytes(0, 8))}");
                }
                Console.WriteLine($"fd0 {(File.Exists("/proc/self/fd/0") ? "open" : "closed")}");
                return 0;
            }
            case "hostile-ring": // hostile-ring <tag> counters:<head>:<tail>|cut:<size>|reserve-cut:<size> <op>[,<op>...]: a ring, sabotaged, then used
                return Ring(args[1], args[2], args[3].Split(','));
            case "hostile-tag-open": // hostile-tag-open <tag> read|readwrite|mirror|attach: one open of a tag someone planted
            {
                var rw = new MapOptions { Access = MapAccess.ReadWrite, Size = 4096 };
                string tag = args[1];
                IDisposable opened = args[2] switch
                {
                    "read" => MemoryMap.MapShared(tag, new MapOptions(), new TagOptions { Mode = SharedOpenMode.OpenExisting }),
                    "readwrite" => MemoryMap.MapShared(tag, rw),
                    "mirror" => MirroredMap.MapShared(tag, 4096),
                    _ => ByteRing.Attach(tag),
                };
                opened.Dispose();
                Console.WriteLine("ok");
                return 0;
            }
            case "hostile-memfd": // hostile-memfd stream|sizer: cut an anonymous mirror's memfd through /proc/self/fd, then read
                return Memfd(args[1]);
            case "hostile-hole": // hostile-hole file <dir> | tag: on a small file system (a tmpfs the test mounts), see HoleWrites
                return HoleWrites(args[1], args.Length > 2 ? args[2] : "/dev/shm");
            case "hostile-mirror": // hostile-mirror <times>: an anonymous mirror of one page, that many times
            {
                using var mirror = MirroredMap.MapAnonymous(4096, int.Parse(args[1]));
                Console.WriteLine($"ok {mirror.Times}");
                return 0;
            }
            default:
                Console.Error.WriteLine("hostile verbs: hostile-fd0 | hostile-ring | hostile-tag-open | hostile-memfd | hostile-hole | hostile-mirror");
                return 1;
        }
    }

    /// <summary>Makes a 64 KiB ring holding 16 bytes, lets "another process" (a second map of the tag, or a truncation
    /// by path) scribble on its header or cut its segment, then runs each op and prints "result &lt;op&gt; ok|&lt;code&gt;".</summary>
    private static int Ring(string tag, string sabotage, string[] ops)
    {
        const int HeadAt = 64, TailAt = 128; // ByteRing's header layout (see its summary)
        using var ring = ByteRing.Create(tag, 64 * 1024);
        ring.TryWrite(new byte[16]);
        string[] how = sabotage.Split(':');
        Span<byte> reserved = default;
        if (how[0] == "reserve-cut" && !ring.TryReserve(16, out reserved)) throw new InvalidOperationException("no room to reserve");
        if (how[0] == "counters")
        {
            using var raw = MemoryMap.MapShared(tag, new MapOptions { Access = MapAccess.ReadWrite, Size = 4096 }, new TagOptions { Mode = SharedOpenMode.OpenExisting });
            raw.Write<long>(HeadAt, long.Parse(how[1]));
            raw.Write<long>(TailAt, long.Parse(how[2]));
        }
        else
        {
            using var segment = new FileStream("/dev/shm/" + tag, FileMode.Open, FileAccess.ReadWrite);
            segment.SetLength(long.Parse(how[1]));
        }
        var buffer = new byte[16];
        foreach (string op in ops)
        {
            try
            {
                if (op == "write") ring.TryWrite(buffer);
                else if (op == "read") ring.TryRead(buffer);
                else if (op == "reserve") { if (ring.TryReserve(buffer.Length, out Span<byte> room)) ring.Commit(room.Length); }
                else if (op == "peek") ring.Advance(ring.Peek().Length);
                else if (op == "commit") { reserved.Fill(1); ring.Commit(reserved.Length); } // writes where the cut took the pages
                else _ = ring.UsedBytes;
                Console.WriteLine($"result {op} ok");
            }
            catch (MmapException e) { Console.WriteLine($"result {op} {e.Code} {e.Message}"); }
        }
        SharedMemory.Unlink(tag);
        Console.WriteLine("alive");
        return 0;
    }

    /// <summary>Cuts the memfd behind an anonymous mirror to 0 by its /proc/self/fd name, as another process of the same
    /// user could (through a FileStream, or through FileSizer as Set-FileSize does), then reads the mirror.</summary>
    private static int Memfd(string how)
    {
        using var mirror = MirroredMap.MapAnonymous(64 * 1024);
        mirror.Write<long>(0, 42);
        string fd = Directory.GetFiles("/proc/self/fd").Single(f => new FileInfo(f).LinkTarget?.StartsWith("/memfd:mmap-mirror", StringComparison.Ordinal) == true);
        try
        {
            if (how == "stream")
            {
                using var stream = new FileStream(fd, FileMode.Open, FileAccess.ReadWrite);
                stream.SetLength(0);
            }
            else
                FileSizer.SetSize(fd, 0, sparse: true);
            Console.WriteLine("truncate ok");
        }
        catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is MmapException)
        {
            Console.WriteLine($"truncate refused {(e as MmapException)?.Code ?? e.GetType().Name} {e.Message}");
        }
        Console.WriteLine($"read {mirror.Read<long>(0)}");
        Console.WriteLine("alive");
        return 0;
    }

    /// <summary>A file (or tag) the engine grew, so its space is reserved, and a sparse one of 8 MiB made with ftruncate
    /// alone; then the file system is filled, and each is mapped ReadWrite and written in its middle. Prints
    /// "dense ok|&lt;code&gt;" and "sparse ok|&lt;code&gt; &lt;message&gt;".</summary>
    private static int HoleWrites(string kind, string dir)
    {
        bool tag = kind == "tag";
        string dense = tag ? "mmap-hole-dense" : Path.Combine(dir, "dense.bin");
        string sparse = tag ? "mmap-hole-sparse" : Path.Combine(dir, "sparse.bin");
        var create = new MapOptions { Access = MapAccess.ReadWrite, Size = 256 * 1024 };
        (tag ? MemoryMap.MapShared(dense, create, new TagOptions { Mode = SharedOpenMode.CreateNew }) : MemoryMap.MapFile(dense, create)).Dispose();
        using (var f = new FileStream(tag ? "/dev/shm/" + sparse : sparse, FileMode.CreateNew)) f.SetLength(8 << 20);
        Fill(Path.Combine(dir, "filler"));
        var rw = new MapOptions { Access = MapAccess.ReadWrite };
        foreach (var (name, target, at) in new[] { ("dense", dense, 128 * 1024), ("sparse", sparse, 2 << 20) })
        {
            try
            {
                using var map = tag ? MemoryMap.MapShared(target, rw) : MemoryMap.MapFile(target, rw);
                map.Write(at, new byte[4096].AsSpan());
                Console.WriteLine($"{name} ok");
            }
            catch (MmapException e) { Console.WriteLine($"{name} {e.Code} {e.Message}"); }
        }
        Console.WriteLine("alive");
        return 0;
    }

    /// <summary>Writes zeros to <paramref name="path"/> until its file system is full.</summary>
    private static void Fill(string path)
    {
        var chunk = new byte[64 * 1024];
        using var f = new FileStream(path, FileMode.CreateNew);
        try { while (true) f.Write(chunk); }
        catch (IOException) { }
    }

    [DllImport("libc", SetLastError = true)] private static extern int close(int fd);
}
