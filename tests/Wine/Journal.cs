namespace Mmap.Tests;

/// <summary>
/// What a self-run has done so far, one line per event, written through as it happens: "start ID NAME" before a test,
/// "OUTCOME ID NAME METHOD" after it. A process that dies or freezes (under Wine the runtime itself can) leaves a start
/// with no outcome, and tests/Wine/run starts the program again on the same journal: the test it died in runs once
/// more, in a fresh process, since Wine takes the runtime down at random points; a test it dies in three times is a
/// failure of its own (outcome Crashed) and is not run again. Without a path it keeps nothing.
/// </summary>
public sealed class Journal
{
    private readonly StreamWriter? writer;
    private readonly Dictionary<string, TestResult> done = new();
    private readonly List<TestResult> earlier = new();

    public Journal(string? path)
    {
        if (path == null) return;
        var deaths = new Dictionary<string, int>();
        var names = new Dictionary<string, string>();
        string? open = null; // the test started and not finished: the process died in it if another start follows
        if (File.Exists(path))
            foreach (string line in File.ReadLines(path))
            {
                string[] f = line.Split('\t');
                if (f.Length < 3) continue; // a line cut short by the death itself
                if (f[0] == "start")
                {
                    if (open != null) deaths[open] = deaths.GetValueOrDefault(open) + 1;
                    open = f[1];
                    names[f[1]] = f[2];
                }
                else if (f.Length == 4)
                {
                    done[f[1]] = f[0] == "Crashed"
                        ? new TestResult(Outcome.Failed, f[2], f[3]) { Crashed = true }
                        : new TestResult(Enum.Parse<Outcome>(f[0]), f[2], f[3]);
                    if (f[1] == open) open = null;
                }
            }
        if (open != null) deaths[open] = deaths.GetValueOrDefault(open) + 1;
        earlier.AddRange(done.Values);
        writer = new StreamWriter(path, append: true) { AutoFlush = true };
        Restarts = deaths.Values.Sum();
        foreach (var (id, count) in deaths)
        {
            if (count < Deaths || done.ContainsKey(id)) continue;
            string name = names[id];
            SelfRunner.Say($"[FAIL] {name}\n  the process died or froze in this test {Deaths} times (see the output before this line)");
            var crashed = new TestResult(Outcome.Failed, name, name.Split('(')[0]) { Crashed = true };
            Finished(id, crashed);
            earlier.Add(crashed);
        }
    }

    /// <summary>How many deaths in one test make it a failure: Wine 8 kills or freezes the .NET runtime now and then in
    /// tests that pass on the next try (seen: 2 of 360 PowerShell tests in one run).</summary>
    private const int Deaths = 3;

    /// <summary>How many times the process died or froze before this run.</summary>
    public int Restarts { get; }

    /// <summary>The outcomes recorded by earlier runs of this journal (and the tests they died in twice).</summary>
    public IEnumerable<TestResult> Results => earlier;

    public bool Done(string id) => done.ContainsKey(id);

    public void Started(string id, string name) => writer?.WriteLine($"start\t{id}\t{Flat(name)}");

    public void Finished(string id, TestResult result)
    {
        if (writer == null) return;
        done[id] = result;
        writer.WriteLine($"{(result.Crashed ? "Crashed" : result.Outcome.ToString())}\t{id}\t{Flat(result.Name)}\t{result.Method}");
    }

    private static string Flat(string name) => name.Replace('\t', ' ').Replace('\n', ' ');
}
