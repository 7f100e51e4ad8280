using Mmap;

namespace Mmap.TestHelper;

/// <summary>
/// Runs out of a resource (descriptors under `ulimit -n`, address space under `ulimit -v`) by holding "hog" maps
/// until the engine refuses one, then with 0, 1, 2... units given back tries every kind of map, so each kind fails
/// at each of its steps (a ring's header made and its mirror refused, and so on). Afterwards it frees everything
/// and reports descriptors and mappings against the baseline taken before, and maps every kind once more.
/// Output lines: "hogs", "message", "big", "op &lt;free&gt; &lt;kind&gt; &lt;result&gt;", "baseline", "after", "again".
/// </summary>
public static class Exhaustion
{
    private const int Block = 64 * 1024;

    public static int Descriptors(string dir, string prefix)
    {
        string hogFile = Path.Combine(dir, "hog.bin");
        File.WriteAllBytes(hogFile, new byte[4096]);
        // Each hog is a file map: one descriptor. Given back one at a time, they let each step of each kind fail.
        return Run(dir, prefix, new Func<IDisposable>[] { () => MemoryMap.MapFile(hogFile) }, new[] { 0, 1, 2, 3 }, null);
    }

    /// <summary>Holds file maps until the engine refuses one, then counts the plain files the process can still open
    /// (what a host needs to report the error): "refused &lt;code&gt; &lt;message&gt;", "left &lt;n&gt;".</summary>
    public static int Headroom(string dir)
    {
        string hogFile = Path.Combine(dir, "hog.bin");
        File.WriteAllBytes(hogFile, new byte[4096]);
        var maps = new List<IDisposable>();
        var streams = new List<FileStream>();
        try
        {
            while (true) maps.Add(MemoryMap.MapFile(hogFile));
        }
        catch (MmapException e) { Console.WriteLine($"refused {e.Code} {e.Message}"); }
        try
        {
            while (true) streams.Add(File.OpenRead(hogFile));
        }
        catch (IOException) { }
        int left = streams.Count;
        foreach (var s in streams) s.Dispose();
        foreach (var m in maps) m.Dispose();
        Console.WriteLine($"left {left}");
        return 0;
    }

    public static int AddressSpace(string dir, string prefix)
    {
        // Untouched anonymous maps use address space, not memory; smaller and smaller ones fill the last gaps.
        var hogs = new[] { 64L << 20, 1L << 20, Block, 4096 }
            .Select(size => (Func<IDisposable>)(() => MemoryMap.MapAnonymous(size))).ToArray();
        return Run(dir, prefix, hogs, new[] { 0, 1, 16, 40 }, BigRequests);
    }

    /// <summary>Requests larger than the whole limit, made before any hog: each must be out_of_mem.</summary>
    private static void BigRequests(string dir, List<string> report)
    {
        string sparse = Path.Combine(dir, "sparse.bin");
        using (var f = new FileStream(sparse, FileMode.Create)) f.SetLength(8L << 30);
        report.Add("big anonymous " + Outcome(() => MemoryMap.MapAnonymous(8L << 30)));
        report.Add("big file " + Outcome(() => MemoryMap.MapFile(sparse)));
        report.Add("big mirror " + Outcome(() => MirroredMap.MapAnonymous(4L << 30)));
        File.Delete(sparse);
    }

    private static int Run(string dir, string prefix, Func<IDisposable>[] hogLevels, int[] frees, Action<string, List<string>>? big)
    {
        string data = Path.Combine(dir, "data.bin");
        File.WriteAllBytes(data, new byte[Block]);
        using var stream = new FileStream(data, FileMode.Open, FileAccess.ReadWrite);
        var kinds = Kinds(dir, prefix, data, stream);
        int serial = 0;
        var report = new List<string>(4096); // sized now: nothing should need to grow while the resource is gone
        var hogs = new List<IDisposable>(100_000);

        // Warm up every path (success and failure) so running out later needs no new code or file.
        foreach (var kind in kinds) Try(kind, serial++);
        report.Add("warmup " + Outcome(() => MemoryMap.MapFile(Path.Combine(dir, "missing.bin"))));
        big?.Invoke(dir, report);
        // A first round runs every exhaustion and refusal path once, so what the runtime maps for them (code, stubs,
        // buffers) is in the baseline; a leak repeats in the measured round and shows there.
        Exhaust(hogLevels, frees, kinds, hogs, ref serial, report: null);
        Settle();
        var baseline = Measure(dir, prefix);
        Exhaust(hogLevels, frees, kinds, hogs, ref serial, report);

        Settle();
        var after = Measure(dir, prefix);
        foreach (string line in report) Console.WriteLine(line);
        Console.WriteLine($"baseline {baseline}");
        Console.WriteLine($"after {after}");
        foreach (var kind in kinds) Console.WriteLine($"again {kind.Name} {Try(kind, serial++)}");
        return 0;
    }

    private sealed record Kind(string Name, Func<int, IDisposable> Make, Func<int, string?> Leftover);

    /// <summary>Every kind of map the engine makes; n gives fresh names. Leftover names what a failure must not leave.</summary>
    private static Kind[] Kinds(string dir, string prefix, string data, FileStream stream)
    {
        var rw = new MapOptions { Access = MapAccess.ReadWrite };
        string Tag(int n) => $"{prefix}{n}";
        string NewFile(int n) => Path.Combine(dir, $"new-{n}.bin");
        string? TagLeft(int n) => File.Exists("/dev/shm/" + Tag(n)) ? Tag(n) : null;
        string? FileLeft(int n) => File.Exists(NewFile(n)) ? NewFile(n) : null;
        string? Nothing(int n) => null;
        return new[]
        {
            new Kind("file", n => MemoryMap.MapFile(data, rw), Nothing),
            new Kind("new-file", n => MemoryMap.MapFile(NewFile(n), new MapOptions { Access = MapAccess.ReadWrite, Size = Block }), FileLeft),
            new Kind("stream", n => MemoryMap.MapFile(stream, rw), Nothing),
            new Kind("anonymous", n => MemoryMap.MapAnonymous(Block, rw), Nothing),
            new Kind("low", n => MemoryMap.MapAnonymous(Block, new MapOptions { Access = MapAccess.ReadWrite, Placement = MapPlacement.Low }), Nothing),
            new Kind("tag", n => MemoryMap.MapShared(Tag(n), new MapOptions { Access = MapAccess.ReadWrite, Size = Block }, new TagOptions { Mode = SharedOpenMode.CreateNew }), TagLeft),
            new Kind("mirror", n => MirroredMap.MapAnonymous(Block), Nothing),
            new Kind("mirror-file", n => MirroredMap.MapFile(data, Block), Nothing),
            new Kind("mirror-tag", n => MirroredMap.MapShared(Tag(n), Block), TagLeft),
            new Kind("ring", n => ByteRing.Create(Tag(n), Block), TagLeft),
        };
    }

    /// <summary>"ok" (and freed again), or the error code, with "+left:&lt;name&gt;" when a failure left a tag or file behind.</summary>
    private static string Try(Kind kind, int n)
    {
        string result;
        try
        {
            kind.Make(n).Dispose();
            result = "ok";
        }
        catch (MmapException e) { result = e.Code; }
        string? left = kind.Leftover(n);
        if (left != null && result != "ok") result += "+left:" + left;
        if (left != null) Remove(left);
        return result;
    }

    private static void Remove(string name)
    {
        if (name.Contains('/')) File.Delete(name);
        else SharedMemory.Unlink(name);
    }

    private static string Outcome(Func<IDisposable> make)
    {
        try
        {
            make().Dispose();
            return "ok";
        }
        catch (MmapException e) { return e.Code; }
    }

    /// <summary>For each count in <paramref name="frees"/>: takes the resource with every hog until refused, gives back
    /// that many, tries every kind, frees all (<paramref name="hogs"/> is empty again after); records what happened in
    /// <paramref name="report"/> (null: record nothing).</summary>
    private static void Exhaust(Func<IDisposable>[] hogLevels, int[] frees, IReadOnlyList<Kind> kinds, List<IDisposable> hogs,
        ref int serial, List<string>? report)
    {
        foreach (int free in frees)
        {
            foreach (var hog in hogLevels)
            {
                int before = hogs.Count;
                MmapException? refusal = null;
                while (refusal is null)
                {
                    try { hogs.Add(hog()); }
                    catch (MmapException e) { refusal = e; }
                }
                report?.Add($"hogs {free} {hogs.Count - before} {refusal.Code}");
                if (free == 0 && hog == hogLevels[0]) report?.Add("message " + refusal.Message);
            }
            for (int i = 0; i < free && hogs.Count > 0; i++)
            {
                hogs[^1].Dispose();
                hogs.RemoveAt(hogs.Count - 1);
            }
            foreach (var kind in kinds)
            {
                string result = Try(kind, serial++);
                report?.Add($"op {free} {kind.Name} {result}");
            }
            foreach (var hog in hogs) hog.Dispose();
            hogs.Clear();
        }
    }

    private static void Settle()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }

    /// <summary>Descriptors; mapping lines and bytes outside the JIT's double-mapped code; lines, /dev/shm entries
    /// and files that only the engine's maps of this run can have made; maps still registered.</summary>
    private static string Measure(string dir, string prefix)
    {
        int fds = Directory.GetFiles("/proc/self/fd").Length;
        var lines = File.ReadAllLines("/proc/self/maps").Where(l => !l.Contains("doublemapper", StringComparison.Ordinal)).ToArray();
        long bytes = lines.Sum(l =>
        {
            var range = l.Split(' ')[0].Split('-');
            return (long)(Convert.ToUInt64(range[1], 16) - Convert.ToUInt64(range[0], 16));
        });
        int named = lines.Count(l => l.Contains(dir, StringComparison.Ordinal) || l.Contains(prefix, StringComparison.Ordinal) || l.Contains("mmap-mirror", StringComparison.Ordinal));
        int shm = Directory.GetFiles("/dev/shm", prefix + "*").Length;
        int files = Directory.GetFiles(dir, "new-*").Length;
        return $"fds={fds} lines={lines.Length} bytes={bytes} named={named} shm={shm} files={files} registry={MemoryMapRegistry.Count}";
    }
}
