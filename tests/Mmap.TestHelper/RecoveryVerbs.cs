using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;
using Mmap;

namespace Mmap.TestHelper;

/// <summary>
/// The verbs of the fault-recovery tests (tests/Mmap.Tests/Reliability/FaultRecoveryTests.cs): each makes a map fault
/// for real (a file or tag cut while a call runs, a hole that a full tmpfs cannot fill) in this child process, whose exit
/// code is the verdict, and prints one "key=value" line the test checks.
/// </summary>
public static unsafe class RecoveryVerbs
{
    private const long Size = 64L << 20, Cut = 4096;
    private const byte Fill = 0xA5;

    public static bool Handles(string verb) => verb.StartsWith("recover-", StringComparison.Ordinal);

    public static int Run(string[] args)
    {
        switch (args[0])
        {
            case "recover-race": // recover-race <op> <kind> <rounds> <dir>: cut the backing while <op> runs, <rounds> times
                return Race(args[1], args[2], int.Parse(args[3]), args[4]);
            case "recover-disk": // recover-disk punch|regrow safe|lease <dir on a small tmpfs>: write into a hole it cannot fill
                return Disk(args[1], args[2], args[3]);
            case "recover-raw": // recover-raw <dir>: a libc mapping of the engine's no concern, cut and touched: must die as before
                return Raw(args[1]);
            case "recover-null": // recover-null: a managed null dereference is still NullReferenceException
                return Null();
            case "recover-chained": // recover-chained <dir>: a second SIGBUS handler installed later chains; recovery still works
                return Chained(args[1]);
            case "recover-after": // recover-after <dir>: after a fault, a write to a page still backed is refused, untouched
                return After(args[1]);
            case "recover-status": // recover-status: is recovery active here, and why
                Console.WriteLine($"active={FaultRecovery.IsActive} status={FaultRecovery.Status}");
                return 0;
            default:
                Console.Error.WriteLine("recover verbs: recover-race | recover-disk | recover-raw | recover-null | recover-chained | recover-after | recover-status");
                return 1;
        }
    }

    /// <summary>Each round: a fresh 64 MiB backing full of 0xA5, mapped ReadWrite; a thread cuts it to one page after a
    /// random moment while this thread runs the op over all of it. An op that returns must have seen only 0xA5 (zeros
    /// are the fault handler's); one that throws must say file_too_short. "landed" counts the rounds whose cut (the ftruncate
    /// call) overlapped the op.</summary>
    private static int Race(string op, string kind, int rounds, string dir)
    {
        var counts = new Dictionary<string, int> { ["landed"] = 0, ["ok"] = 0, ["file_too_short"] = 0, ["other"] = 0, ["wrong"] = 0, ["faulted"] = 0 };
        var buffer = new byte[Size];
        var random = new Random(1);
        for (int round = 0; round < rounds; round++)
        {
            string tag = $"mmap-race-{Environment.ProcessId}-{round}";
            var (map, path, ring) = Make(kind, dir, tag);
            try
            {
                using var cutter = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite);
                using var go = new ManualResetEventSlim();
                long cutFrom = 0, cutTo = 0;
                int delayTicks = random.Next(0, (int)(Stopwatch.Frequency / 250)); // 0-4 ms
                var thread = new Thread(() =>
                {
                    go.Wait();
                    long until = Stopwatch.GetTimestamp() + delayTicks;
                    while (Stopwatch.GetTimestamp() < until) { }
                    cutFrom = Stopwatch.GetTimestamp();
                    cutter.SetLength(Cut);
                    cutTo = Stopwatch.GetTimestamp();
                });
                thread.Start();
                string outcome;
                go.Set();
                long start = Stopwatch.GetTimestamp();
                try { outcome = RunOp(op, map!, ring, buffer) ? "ok" : "wrong"; }
                catch (MmapException e) { outcome = e.Code == "file_too_short" ? "file_too_short" : "other"; Console.Error.WriteLine(e.Message); }
                long end = Stopwatch.GetTimestamp();
                thread.Join();
                if (cutFrom <= end && cutTo >= start) counts["landed"]++; // the cut was under way during the call
                counts[outcome]++;
                if ((ring is null ? map!.Fault : null) != null) counts["faulted"]++;
            }
            finally
            {
                ring?.Dispose();
                map?.Dispose();
                if (kind == "tag" || kind == "ring") SharedMemory.Unlink(tag); else File.Delete(path);
            }
        }
        Console.WriteLine($"race op={op} kind={kind} rounds={rounds} " + string.Join(' ', counts.Select(c => $"{c.Key}={c.Value}")));
        return 0;
    }

    private static (MemoryMap? Map, string Path, ByteRing? Ring) Make(string kind, string dir, string tag)
    {
        var rw = new MapOptions { Access = MapAccess.ReadWrite };
        switch (kind)
        {
            case "file":
            {
                string path = Path.Combine(dir, $"race-{Environment.ProcessId}.bin");
                File.WriteAllBytes(path, Filled(Size));
                return (MemoryMap.MapFile(path, rw), path, null);
            }
            case "mirror":
            {
                string path = Path.Combine(dir, $"race-{Environment.ProcessId}.bin");
                File.WriteAllBytes(path, Filled(Size / 2));
                return (MirroredMap.MapFile(path, Size / 2), path, null);
            }
            case "tag":
            {
                var map = MemoryMap.MapShared(tag, new MapOptions { Access = MapAccess.ReadWrite, Size = Size }, new TagOptions { Mode = SharedOpenMode.CreateNew });
                map.GetSpan(0, (int)Size).Fill(Fill);
                return (map, "/dev/shm/" + tag, null);
            }
            case "ring":
            {
                var ring = ByteRing.Create(tag, Size / 2);
                if (!ring.TryWrite(Filled(Size / 2))) throw new InvalidOperationException("the new ring refused its capacity");
                return (null, "/dev/shm/" + tag, ring);
            }
            default: throw new ArgumentException($"kind: file, mirror, tag or ring, not {kind}");
        }
    }

    /// <summary>Runs the op over the whole map; false when it returned data that is not all 0xA5.</summary>
    private static bool RunOp(string op, MemoryMap map, ByteRing? ring, byte[] buffer)
    {
        int length = (int)Math.Min(map?.Size ?? Size / 2, buffer.Length);
        const long ExpectedLong = unchecked((long)0xA5A5A5A5A5A5A5A5);
        switch (op)
        {
            case "read":
                map!.Read(0, buffer.AsSpan(0, length));
                return AllFill(buffer.AsSpan(0, length));
            case "write":
                map!.Write(0, buffer.AsSpan(0, length));
                return true;
            case "read-long":
                for (long at = 0; at < length; at += 512)
                    if (map!.Read<long>(at) != ExpectedLong) return false;
                return true;
            case "gather":
            {
                long[] offsets = Enumerable.Range(0, length / 4096).Select(i => (long)i * 4096).ToArray();
                var values = new long[offsets.Length];
                map!.Gather<long>(offsets, values);
                return values.All(v => v == ExpectedLong);
            }
            case "lease":
            {
                using var lease = map!.Acquire(0, length);
                for (long at = 0; at < length; at += 512)
                    if (lease.Read<long>(at) != ExpectedLong) return false;
                return true;
            }
            case "span": // raw: nothing throws; zeros are allowed only if the map says it faulted
                map!.GetSpan(0, length).CopyTo(buffer);
                return AllFill(buffer.AsSpan(0, length)) || map.Fault != null;
            case "ring-read":
            {
                int got = ring!.TryRead(buffer.AsSpan(0, (int)(Size / 2)));
                return AllFill(buffer.AsSpan(0, got));
            }
            default: throw new ArgumentException($"op: read, write, read-long, gather, lease, span or ring-read, not {op}");
        }
    }

    /// <summary>A 1 MiB file on a small tmpfs, mapped ReadWrite (its blocks reserved), then a hole made in it (punched, or
    /// cut and regrown), the tmpfs filled, and the hole written through the map: disk_full, and the process lives.</summary>
    private static int Disk(string how, string through, string dir)
    {
        const int FileSize = 1 << 20, HoleAt = 512 << 10, HoleLength = 256 << 10;
        string path = Path.Combine(dir, "data.bin");
        File.WriteAllBytes(path, Filled(FileSize));
        using var map = MemoryMap.MapFile(path, new MapOptions { Access = MapAccess.ReadWrite });
        using (var peer = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite))
        {
            int fd = (int)peer.SafeFileHandle.DangerousGetHandle();
            if (how == "punch") Check(fallocate(fd, 3 /* PUNCH_HOLE|KEEP_SIZE */, HoleAt, HoleLength), "punch a hole");
            else
            {
                peer.SetLength(4096);
                peer.SetLength(FileSize);
            }
        }
        FillUp(dir);
        var data = new byte[HoleLength];
        string result;
        try
        {
            if (through == "safe") map.Write(HoleAt, data);
            else
            {
                using var lease = map.Acquire(HoleAt, HoleLength, write: true);
                for (int at = 0; at < HoleLength; at += 8) lease.Write<long>(at, at);
            }
            result = "ok";
        }
        catch (MmapException e) { result = e.Code; Console.Error.WriteLine(e.Message); }
        Console.WriteLine($"disk how={how} through={through} result={result} fault={map.Fault?.Code ?? "none"}");
        return 0;
    }

    /// <summary>A plain libc mapping (no engine map covers it) of a file cut short, touched: the runtime's own handling,
    /// as before recovery existed. An engine map is made first, so the handler is installed whenever recovery is on.</summary>
    private static int Raw(string dir)
    {
        string path = Path.Combine(dir, "raw.bin");
        File.WriteAllBytes(path, Filled(1 << 16));
        using var engine = MemoryMap.MapFile(path);
        using var file = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite);
        byte* p = (byte*)mmap(IntPtr.Zero, 1 << 16, 1 /* PROT_READ */, 1 /* MAP_SHARED */, (int)file.SafeFileHandle.DangerousGetHandle(), 0);
        file.SetLength(Cut);
        Console.WriteLine($"recovery={FaultRecovery.IsActive}");
        Console.Out.Flush();
        Console.WriteLine($"read {p[60000]}"); // past the cut: SIGBUS, not the engine's
        return 0;
    }

    private static int Null()
    {
        using var map = MemoryMap.MapAnonymous(4096);
        Console.WriteLine($"recovery={FaultRecovery.IsActive}");
        try
        {
            int* p = null;
            Console.WriteLine($"read {*p}");
            return 1;
        }
        catch (NullReferenceException)
        {
            Console.WriteLine("null=NullReferenceException");
            return 0;
        }
    }

    /// <summary>A second copy of the engine's handler library, loaded under another name and installed after the engine's with
    /// an empty table: it owns no range, so it passes every fault on to the engine's, which must still recover.</summary>
    private static int Chained(string dir)
    {
        string path = Path.Combine(dir, "chain.bin");
        File.WriteAllBytes(path, Filled(1 << 16));
        using var map = MemoryMap.MapFile(path, new MapOptions { Access = MapAccess.ReadWrite });
        string rid = RuntimeInformation.ProcessArchitecture == Architecture.Arm64 ? "linux-arm64" : "linux-x64";
        string copy = Path.Combine(dir, "libotherhandler.so");
        File.Copy(Path.Combine(AppContext.BaseDirectory, "runtimes", rid, "native", "libmmapfault.so"), copy, overwrite: true);
        IntPtr library = dlopen(copy, 2);
        var install = (delegate* unmanaged[Cdecl]<IntPtr, int>)dlsym(library, "mmap_fault_install");
        long* root = (long*)NativeMemory.AllocZeroed(24);
        root[2] = Environment.SystemPageSize;
        Console.WriteLine($"installed={install((IntPtr)root)}");
        using (var peer = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite)) peer.SetLength(Cut);
        try
        {
            map.Read<long>(60000);
            Console.WriteLine("result=ok");
        }
        catch (MmapException e) { Console.WriteLine($"result={e.Code}"); }
        return 0;
    }

    /// <summary>A file map whose file another process cut to its first page: a read past the cut meets the fault; then a write,
    /// a lease write and an atomic add to the first page, which is still the file's, must be refused and leave it as it was
    /// (a write that throws must not have written), through the map and through a lease taken before the fault.</summary>
    private static int After(string dir)
    {
        string path = Path.Combine(dir, "after.bin");
        File.WriteAllBytes(path, Filled(1 << 16));
        using var map = MemoryMap.MapFile(path, new MapOptions { Access = MapAccess.ReadWrite });
        using var lease = map.Acquire(0, 4096, write: true);
        using (var peer = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite)) peer.SetLength(4096);
        Console.WriteLine($"read={Outcome(() => map.Read<long>(60000))}");
        Console.WriteLine($"write={Outcome(() => map.Write<long>(8, 0))}");
        Console.WriteLine($"span={Outcome(() => map.Write(16, new byte[8]))}");
        Console.WriteLine($"add={Outcome(() => map.Add(24, 1L))}");
        string leaseWrite = "ok"; // a lease is a ref struct: no lambda can hold it
        try { lease.Write<long>(32, 0); }
        catch (MmapException e) { leaseWrite = e.Code; }
        Console.WriteLine($"lease={leaseWrite}");
        Console.WriteLine($"untouched={AllFill(File.ReadAllBytes(path))}");
        return 0;
    }

    private static string Outcome(Action call)
    {
        try
        {
            call();
            return "ok";
        }
        catch (MmapException e) { return e.Code; }
    }

    private static byte[] Filled(long size)
    {
        var bytes = new byte[size];
        bytes.AsSpan().Fill(Fill);
        return bytes;
    }

    private static bool AllFill(ReadOnlySpan<byte> data) => data.IndexOfAnyExcept(Fill) < 0;

    /// <summary>Writes a filler file until the file system says it is full.</summary>
    private static void FillUp(string dir)
    {
        var chunk = new byte[64 << 10];
        using var filler = new FileStream(Path.Combine(dir, "filler.bin"), FileMode.Create, FileAccess.Write);
        try { while (true) filler.Write(chunk); }
        catch (IOException) { }
        try { filler.Flush(); } catch (IOException) { }
    }

    private static void Check(int result, string what)
    {
        if (result != 0) throw new InvalidOperationException($"{what}: errno {Marshal.GetLastPInvokeError()}");
    }

    [DllImport("libc", SetLastError = true)] private static extern int fallocate(int fd, int mode, long offset, long length);
    [DllImport("libc", SetLastError = true)] private static extern IntPtr mmap(IntPtr address, nuint length, int prot, int flags, int fd, long offset);
    [DllImport("libdl.so.2")] private static extern IntPtr dlopen(string path, int flags);
    [DllImport("libdl.so.2")] private static extern IntPtr dlsym(IntPtr handle, string name);
}
