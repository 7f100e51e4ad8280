using System.Diagnostics;
using Mmap;

namespace Mmap.Tests;

/// <summary>Unique tags for one test, unlinked again when it ends (pass or fail).</summary>
public sealed class Tags : IDisposable
{
    private readonly List<string> _made = new();

    /// <summary>A new tag no other test or run uses; short enough for macOS's 30-byte limit.</summary>
    public string New()
    {
        string tag = "mmap-t-" + Guid.NewGuid().ToString("N").Substring(0, 16);
        _made.Add(tag);
        return tag;
    }

    public static string ShmPath(string tag) => "/dev/shm/" + tag;

    public void Dispose()
    {
        foreach (string tag in _made)
        {
            try { SharedMemory.Unlink(tag); }
            catch (MmapException) { } // never created, or unlinked by the test
        }
    }
}

/// <summary>Runs tests/Mmap.TestHelper (copied next to this assembly) as a second process.</summary>
public static class Helper
{
    public static string Dll => Path.Combine(AppContext.BaseDirectory, "Mmap.TestHelper.dll");

    /// <summary>On Windows through its own Mmap.TestHelper.exe (the Wine run is a self-contained program with no dotnet
    /// beside it); elsewhere as `dotnet Mmap.TestHelper.dll`.</summary>
    public static Process Start(params string[] args) =>
        OperatingSystem.IsWindows()
            ? StartCommand(Path.ChangeExtension(Dll, ".exe"), args)
            : StartCommand("dotnet", new[] { Dll }.Concat(args).ToArray());

    public static Process StartCommand(string file, params string[] args)
    {
        Assert.True(File.Exists(Dll), $"the helper is missing at {Dll}");
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string a in args) info.ArgumentList.Add(a);
        return Process.Start(info)!;
    }

    /// <summary>Waits for the process; returns its exit code and output, killing it after <paramref name="timeout"/>.</summary>
    public static (int ExitCode, string Output) Finish(Process p, TimeSpan timeout)
    {
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(timeout))
        {
            p.Kill(entireProcessTree: true);
            Assert.Fail($"the helper did not finish within {timeout}: {stdout.Result}{stderr.Result}");
        }
        p.WaitForExit();
        return (p.ExitCode, stdout.Result + stderr.Result);
    }

    public static (int ExitCode, string Output) Run(TimeSpan timeout, params string[] args)
    {
        using var p = Start(args);
        return Finish(p, timeout);
    }
}
