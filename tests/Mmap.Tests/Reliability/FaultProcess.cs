using System.Diagnostics;
using Mmap.Tests;

namespace Mmap.Tests.Reliability;

/// <summary>
/// Runs the test helper (its fault-* verbs) under a limit or a mount only the child may feel:
/// <c>sh -c '&lt;setup&gt;; exec dotnet Mmap.TestHelper.dll &lt;verb&gt; ...'</c>, optionally inside a private mount
/// namespace (<c>unshare -m</c>), and reads its "key value" lines.
/// </summary>
public static class FaultProcess
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(120);

    /// <summary>The runtime's W^X double-mapping of JIT code makes memfd files and extra mappings: under RLIMIT_FSIZE
    /// it cannot even load CoreLib, and under RLIMIT_AS it dies when the engine's maps use the last address space.
    /// Tiered compilation would JIT in the background at any moment. Both are off in limited helpers only.</summary>
    private const string RuntimeSettings = "export DOTNET_EnableWriteXorExecute=0 DOTNET_TieredCompilation=0";

    /// <summary>Root on Linux with util-linux's unshare: what a private mount namespace needs.</summary>
    public static bool CanUnshare => Expect.IsLinux && Environment.UserName == "root" &&
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Any(dir => File.Exists(Path.Combine(dir, "unshare")));

    /// <summary>The helper under <paramref name="setup"/> (shell commands such as <c>ulimit -n 64</c>).</summary>
    public static (int ExitCode, string Output) Run(string setup, params string[] args) =>
        Finish(Helper.StartCommand("sh", Script(setup, args)));

    /// <summary>The same in a private mount namespace, so mounts made by <paramref name="setup"/> vanish with it.</summary>
    public static (int ExitCode, string Output) RunUnshared(string setup, params string[] args) =>
        Finish(Helper.StartCommand("unshare", new[] { "-m", "sh" }.Concat(Script(setup, args)).ToArray()));

    /// <summary>The helper with a pipe on its standard input, for verbs that wait for the test's go; <paramref name="setting"/>
    /// ("NAME=value") is added to its environment.</summary>
    public static Process StartInteractive(string? setting, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        if (setting != null) info.Environment[setting.Split('=')[0]] = setting.Split('=')[1];
        info.ArgumentList.Add(Helper.Dll);
        foreach (string a in args) info.ArgumentList.Add(a);
        return Process.Start(info)!;
    }

    /// <summary>Reads lines until one starts with <paramref name="word"/>; fails if the helper ends first.</summary>
    public static string WaitFor(Process p, string word)
    {
        string? line;
        while ((line = p.StandardOutput.ReadLine()) != null)
            if (line.StartsWith(word, StringComparison.Ordinal)) return line;
        Assert.Fail($"the helper ended before saying '{word}': {p.StandardError.ReadToEnd()}");
        return "";
    }

    /// <summary>The rest of the first line starting with "<paramref name="key"/> ".</summary>
    public static string Value(string output, string key) =>
        Lines(output, key).FirstOrDefault() ?? throw new Xunit.Sdk.XunitException($"no '{key}' line in the helper's output:\n{output}");

    /// <summary>The rest of every line starting with "<paramref name="key"/> ".</summary>
    public static IEnumerable<string> Lines(string output, string key) =>
        output.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.StartsWith(key + " ", StringComparison.Ordinal)).Select(l => l.Substring(key.Length + 1));

    /// <summary>"a=1 b=2" into a dictionary of numbers.</summary>
    public static Dictionary<string, long> Figures(string line) =>
        line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split('=')).ToDictionary(p => p[0], p => long.Parse(p[1]));

    private static string[] Script(string setup, string[] args) =>
        new[] { "-c", $"{RuntimeSettings}; {setup} && exec dotnet \"$0\" \"$@\"", Helper.Dll }.Concat(args).ToArray();

    private static (int ExitCode, string Output) Finish(Process p)
    {
        using (p) return Helper.Finish(p, Limit);
    }
}
