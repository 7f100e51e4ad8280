using System.Reflection;

namespace Mmap.Tests;

/// <summary>
/// The tests expected to fail under Wine (tests/Wine/known-failures.tsv), each with the Wine source file and function
/// that lacks what it needs. One file for every test assembly: an entry belongs to the assembly that has its class.
/// A line is <c>test TAB wine-file TAB wine-function TAB why</c>; the test is "Namespace.Class.Method" (every case
/// of it) or a theory case's display name "Namespace.Class.Method(args)". '#' starts a comment line. A failure that is
/// not Wine's and not fixed yet (a test written for POSIX only, say) has "-" for the Wine file and function: it is
/// listed, so CI stays green and its fix shows as an unexpected pass, and counted apart as open work.
/// </summary>
public sealed class KnownFailures
{
    public static readonly KnownFailures None = new(new List<Entry>());

    private readonly List<Entry> entries;

    private KnownFailures(List<Entry> entries) => this.entries = entries;

    public sealed record Entry(string Test, string WineFile, string WineFunction, string Why)
    {
        /// <summary>Whether <paramref name="result"/> is this entry's test (or one of its cases).</summary>
        public bool Covers(TestResult result) => Test == result.Name || Test == result.Method;

        /// <summary>False for open work: a failure that is not Wine's ("-" for its Wine file).</summary>
        public bool IsWine => WineFile != "-";
    }

    public sealed record Verdict(int WineFailures, int OpenFailures, int Unexplained, int UnexpectedPasses, IReadOnlyList<string> Report);

    /// <summary>The entries of <paramref name="path"/> whose class is in <paramref name="assembly"/>. A malformed line is
    /// an error, and so (in <see cref="Judge"/>) is an entry of this assembly that names no test: a typo must not hide a failure.</summary>
    public static KnownFailures Read(string path, Assembly assembly)
    {
        var mine = new List<Entry>();
        int number = 0;
        foreach (string line in File.ReadLines(path))
        {
            number++;
            if (line.Length == 0 || line.StartsWith('#')) continue;
            string[] fields = line.Split('\t');
            if (fields.Length != 4 || fields.Any(f => f.Trim().Length == 0))
                throw new FormatException($"{path}:{number}: expected 4 tab-separated fields (test, Wine file, Wine function, why), found {fields.Length}.");
            var entry = new Entry(fields[0], fields[1], fields[2], fields[3]);
            if (ClassOf(entry.Test) is string type && assembly.GetType(type) != null) mine.Add(entry);
        }
        return new KnownFailures(mine);
    }

    /// <summary>Sorts the failures into known and unexplained, and finds the listed tests that no longer fail.</summary>
    public Verdict Judge(IReadOnlyList<TestResult> results)
    {
        var report = new List<string>();
        int wine = 0, open = 0, unexplained = 0, passes = 0;
        foreach (var failure in results.Where(r => r.Outcome == Outcome.Failed))
        {
            var entry = entries.FirstOrDefault(e => e.Covers(failure));
            if (entry != null && entry.IsWine) wine++;
            else if (entry != null) open++;
            else
            {
                unexplained++;
                report.Add($"unexplained failure: {failure.Name}");
            }
        }
        foreach (var entry in entries)
        {
            var mine = results.Where(entry.Covers).ToList();
            if (mine.Count == 0)
                report.Add($"known failure {entry.Test} names no test of this assembly: fix or remove its line");
            else if (mine.All(r => r.Outcome != Outcome.Failed))
                report.Add($"known failure now {(mine.All(r => r.Outcome == Outcome.Skipped) ? "skipped" : "passes")}: {entry.Test} " +
                           $"(listed for {entry.WineFile} {entry.WineFunction}): Wine or the engine changed; remove its line");
            else continue;
            passes++;
        }
        return new Verdict(wine, open, unexplained, passes, report);
    }

    /// <summary>"Ns.Class" of "Ns.Class.Method" or "Ns.Class.Method(args)".</summary>
    private static string? ClassOf(string test)
    {
        int paren = test.IndexOf('(');
        string method = paren < 0 ? test : test.Substring(0, paren);
        int dot = method.LastIndexOf('.');
        return dot <= 0 ? null : method.Substring(0, dot);
    }
}
