using System.Runtime.InteropServices;
using Mmap;

namespace Mmap.Tests;

/// <summary>A private temp folder per test, removed afterwards.</summary>
public sealed class TempDir : IDisposable
{
    public TempDir() { Path = Directory.CreateTempSubdirectory("mmap-test-").FullName; }
    public string Path { get; }
    public string File(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>A file holding bytes 0,1,2,...,255,0,1,... of the given length.</summary>
    public string Pattern(string name, int length)
    {
        string p = File(name);
        System.IO.File.WriteAllBytes(p, PatternBytes(length));
        return p;
    }

    /// <summary>The file's bytes, read beside a map's own handle (Windows refuses File.ReadAllBytes's share mode then).</summary>
    public static byte[] SharedBytes(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        var bytes = new byte[stream.Length];
        stream.ReadExactly(bytes);
        return bytes;
    }

    public static byte[] PatternBytes(int length) => Enumerable.Range(0, length).Select(i => (byte)i).ToArray();

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); } catch (IOException) { }
    }
}

/// <summary>Reads this process's descriptors and mappings from /proc (Linux).</summary>
public static class ProcSelf
{
    public static int OpenDescriptors() => Directory.GetFiles("/proc/self/fd").Length;

    /// <summary>Descriptors whose target lies under <paramref name="folder"/>.</summary>
    public static int DescriptorsUnder(string folder) => Directory.GetFiles("/proc/self/fd").Count(fd =>
    {
        try { return new FileInfo(fd).LinkTarget?.StartsWith(folder, StringComparison.Ordinal) == true; }
        catch (IOException) { return false; } // closed while we looked
    });
    public static string[] Maps() => System.IO.File.ReadAllLines("/proc/self/maps");

    /// <summary>Mappings that are not the JIT's own double-mapped code heap, which grows as tests run.</summary>
    public static string[] MapsOutsideJit() => Maps().Where(l => !l.Contains("doublemapper")).ToArray();

    /// <summary>Total bytes of the given /proc/self/maps lines.</summary>
    public static long MappedBytes(IEnumerable<string> lines) => lines.Sum(line =>
    {
        var range = line.Split(' ')[0].Split('-');
        return (long)(Convert.ToUInt64(range[1], 16) - Convert.ToUInt64(range[0], 16));
    });
    public static string? MapsLineAt(IntPtr address) => LineAt(Maps(), address);

    /// <summary>The mapping at an address unless it is the JIT's code heap, which may take a freed range at once.</summary>
    public static string? MapsLineOutsideJitAt(IntPtr address) => LineAt(MapsOutsideJit(), address);

    private static string? LineAt(string[] lines, IntPtr address)
    {
        ulong a = (ulong)address.ToInt64();
        foreach (var line in lines)
        {
            var range = line.Split(' ')[0].Split('-');
            ulong start = Convert.ToUInt64(range[0], 16), end = Convert.ToUInt64(range[1], 16);
            if (a >= start && a < end) return line;
        }
        return null;
    }
}

public static class Expect
{
    /// <summary>Runs <paramref name="call"/> on another thread and disposes <paramref name="map"/> on this one after
    /// <paramref name="spins"/> spins; true when the call threw ObjectDisposedException (Dispose came first, or voided it).</summary>
    public static bool DisposeRacing(MemoryMap map, Action call, int spins)
    {
        using var started = new ManualResetEventSlim();
        bool refused = false;
        var other = new Thread(() =>
        {
            started.Set();
            try { call(); }
            catch (ObjectDisposedException) { refused = true; }
        });
        other.Start();
        started.Wait();
        Thread.SpinWait(spins);
        map.Dispose();
        other.Join();
        return refused;
    }

    /// <summary>Asserts the engine's error code and returns the exception for message checks.</summary>
    public static MmapException Error(MmapError code, Action action)
    {
        var e = Assert.Throws<MmapException>(action);
        Assert.True(code == e.Error, $"expected {code}, got {e.Error}: {e.Message}");
        return e;
    }

    /// <summary><see cref="Error"/> for a call that fails in its task.</summary>
    public static async Task<MmapException> ErrorAsync(MmapError code, Func<Task> call)
    {
        var e = await Assert.ThrowsAsync<MmapException>(call);
        Assert.True(code == e.Error, $"expected {code}, got {e.Error}: {e.Message}");
        return e;
    }

    /// <summary>Why the tests of the retired scheme skip on Windows, which has only the guard.</summary>
    public const string NoRetiredScheme = "Windows cannot replace a mapped view in place, so it has no retired scheme to test (every map there tracks its calls)";

    public static bool IsLinux => RuntimeInformation.IsOSPlatform(OSPlatform.Linux);

    /// <summary>Why a test of a tag's name removed while this process maps the tag skips on Windows.</summary>
    public const string MappedTagsKeepTheirNameOnWindows =
        "Unlink of a mapped tag does nothing on Windows, where a section's name lives as long as a handle to it (SharedMemory.Unlink says so)";

    /// <summary>Skips a test that cuts a file (or segment) short under its map: Windows refuses the cut itself
    /// (ERROR_USER_MAPPED_FILE), so the state the test checks cannot arise there (PlatformFacts.BackingCanShrinkUnderMap).</summary>
    public static void SkipUnlessMappedFilesCanShrink() =>
        Skip.IfNot(Mmap.Platform.PlatformFacts.Current.BackingCanShrinkUnderMap,
            "cuts a file short under its map, which Windows refuses (ERROR_USER_MAPPED_FILE): the state tested cannot arise there");
}

/// <summary>Tests that count descriptors and mappings of the whole process must not run beside others.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessWideCollection
{
    public const string Name = "process-wide";
}
