using System.Reflection;
using System.Runtime.InteropServices;
using Mmap;

namespace Mmap.TestHelper;

/// <summary>
/// The verbs of the lifetime-break tests (tests/Mmap.Tests/Reliability/LifetimeBreakTests.cs): each drives one limit or
/// race that used to end the process or mislead, in this child process, and prints one "key=value" line.
/// </summary>
public static unsafe class LifetimeVerbs
{
    public static bool Handles(string verb) => verb.StartsWith("break-", StringComparison.Ordinal);

    public static int Run(string[] args)
    {
        switch (args[0])
        {
            case "break-mapcount": return MapCount();
            case "break-fdlimit": return DescriptorLimit(args[1]);
            case "break-stack": return Stack();
            case "break-retired": return Retired();
            default:
                Console.Error.WriteLine("break verbs: break-mapcount | break-fdlimit <dir> | break-stack | break-retired");
                return 1;
        }
    }

    /// <summary>Maps that cannot merge (neighbours of different access), taken until the engine refuses; then the runtime
    /// must still start a thread, grow its heap and JIT code, which all need mappings of their own.</summary>
    private static int MapCount()
    {
        var maps = new List<MemoryMap>(70_000);
        string result = "none";
        for (int i = 0; i < 70_000; i++)
        {
            try { maps.Add(MemoryMap.MapAnonymous(4096, new MapOptions { Access = i % 2 == 0 ? MapAccess.ReadWrite : MapAccess.Read })); }
            catch (MmapException e)
            {
                result = e.Code;
                break;
            }
        }
        long sum = 0;
        var thread = new Thread(() =>
        {
            var arrays = Enumerable.Range(0, 64).Select(n => new byte[1 << 20]).ToList(); // 64 MiB of heap
            sum = arrays.Sum(a => a.Length) + Fresh(maps.Count);
        });
        thread.Start();
        thread.Join();
        Console.WriteLine($"mapcount result={result} maps={maps.Count} alive={sum > 0}");
        foreach (var map in maps) map.Dispose();
        return 0;
    }

    /// <summary>A method first run here, so it is compiled now: JIT code needs a mapping too.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static long Fresh(int n) => Enumerable.Range(0, n % 100 + 1).Select(i => (long)i * i).Sum();

    /// <summary>Maps held, then the descriptor limit lowered to 40 above what is open: the engine must take at most 8 of them
    /// (it keeps 32 for the host) from the very next map on, and the host must then open 30 files.</summary>
    private static int DescriptorLimit(string dir)
    {
        Console.WriteLine("fdstart"); // the console opens what it needs now, not once the limit is lowered
        string path = Path.Combine(dir, "fd.bin");
        File.WriteAllBytes(path, new byte[4096]);
        var maps = Enumerable.Range(0, 40).Select(_ => MemoryMap.MapFile(path)).ToList();
        int open = Directory.GetFiles("/proc/self/fd").Length;
        long* limits = stackalloc long[2];
        getrlimit(7, limits);
        limits[0] = open + 40;
        if (setrlimit(7, limits) != 0) throw new InvalidOperationException("setrlimit failed");
        int extra = 0;
        try
        {
            for (; extra < 100; extra++) maps.Add(MemoryMap.MapFile(path));
        }
        catch (MmapException) { }
        int opened = 0;
        var streams = new List<FileStream>();
        try
        {
            for (; opened < 30; opened++) streams.Add(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite));
        }
        catch (IOException) { }
        streams.ForEach(s => s.Dispose());
        Console.WriteLine($"fdlimit extra={extra} hostopened={opened}");
        maps.ForEach(m => m.Dispose());
        return 0;
    }

    /// <summary>Under an unlimited stack rlimit: the main thread's stack as the engine records it, then address space taken
    /// until none is left; no mapping may ever lie inside the recorded range (another thread's stack could). Nothing is
    /// allocated while the address space is full: the maps file is read into a buffer made before.</summary>
    private static int Stack()
    {
        var current = typeof(MemoryMap).Assembly.GetType("Mmap.ThreadStack")!.GetMethod("Current", BindingFlags.Static | BindingFlags.NonPublic)!;
        var (low, size) = ((ulong, ulong))current.Invoke(null, null)!;
        var chunks = new (IntPtr At, long Size)[1 << 16];
        var text = new byte[64 << 20];
        int reservations = 0, length = 0;
        Console.Out.Flush();
        for (long chunk = 1L << 40; chunk >= 1L << 20 && reservations < chunks.Length; chunk /= 2)
        {
            IntPtr at;
            while (reservations < chunks.Length && (at = mmap(IntPtr.Zero, (nuint)chunk, 0, 0x22 | 0x4000 /* PRIVATE|ANONYMOUS|NORESERVE */, -1, 0)) != new IntPtr(-1))
                chunks[reservations++] = (at, chunk);
        }
        fixed (byte* p = text)
        {
            int fd = open("/proc/self/maps", 0);
            for (nint got; (got = read(fd, p + length, (nuint)(text.Length - length))) > 0;) length += (int)got;
            close(fd);
        }
        for (int i = 0; i < reservations; i++) munmap(chunks[i].At, (nuint)chunks[i].Size);
        ulong here = (ulong)&length;
        int inside = System.Text.Encoding.ASCII.GetString(text, 0, length).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.Split(' ')[0].Split('-'))
            .Select(r => (Start: Convert.ToUInt64(r[0], 16), End: Convert.ToUInt64(r[1], 16)))
            .Count(r => r.Start < low + size && r.End > low && !(r.Start <= here && here < r.End));
        Console.WriteLine($"stack size={size} reservations={reservations} inside={inside}");
        return 0;
    }

    /// <summary>Anonymous maps another thread used, disposed but still referenced, until the address space (ulimit -v) is
    /// full: the refusal must say what holds the space.</summary>
    private static int Retired()
    {
        var held = new List<MemoryMap>();
        for (int i = 0; i < 10_000; i++)
        {
            MemoryMap map;
            try { map = MemoryMap.MapAnonymous(64L << 20); }
            catch (MmapException e)
            {
                Console.WriteLine($"retired code={e.Code} held={held.Count}");
                Console.WriteLine($"message {e.Message}");
                return 0;
            }
            var user = new Thread(() => map.Read<byte>(0));
            user.Start();
            user.Join();
            map.Dispose(); // another thread used it: its range is retired until the map object is collected
            held.Add(map);
        }
        Console.WriteLine("retired code=none");
        return 0;
    }

    [DllImport("libc", SetLastError = true)] private static extern int getrlimit(int resource, long* limits);
    [DllImport("libc", SetLastError = true)] private static extern int setrlimit(int resource, long* limits);
    [DllImport("libc", SetLastError = true)] private static extern int open(string path, int flags);
    [DllImport("libc", SetLastError = true)] private static extern nint read(int fd, byte* buffer, nuint count);
    [DllImport("libc", SetLastError = true)] private static extern int close(int fd);
    [DllImport("libc", SetLastError = true)] private static extern int munmap(IntPtr address, nuint length);
    [DllImport("libc", SetLastError = true)] private static extern IntPtr mmap(IntPtr address, nuint length, int prot, int flags, int fd, long offset);
}
