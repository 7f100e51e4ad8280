using System.Reflection;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Mmap.Tests;

/// <summary>
/// The entry point of a test assembly that runs itself: xunit's own engine (the v2 discoverer and executor that
/// `dotnet test` drives through VSTest), in this process, with no test host. It exists for the Wine run
/// (tests/Wine/run), where a self-contained win-x64 copy of the assembly is the whole Windows side: no dotnet, no
/// VSTest. `--known FILE` names the expected failures (<see cref="KnownFailures"/>); the exit code is 0 only when
/// every failure is listed there and every listed test still fails.
/// </summary>
public static class SelfRunner
{
    public static int Main(string[] args)
    {
        string? knownPath = null, journalPath = null, filter = null;
        for (int i = 0; i + 1 < args.Length; i += 2)
        {
            if (args[i] == "--known") knownPath = args[i + 1];
            else if (args[i] == "--journal") journalPath = args[i + 1];
            else if (args[i] == "--filter") filter = args[i + 1];
            else return Usage($"unknown option {args[i]}");
        }
        if (args.Length % 2 != 0) return Usage($"option {args[^1]} needs a value");

        var assembly = Assembly.GetEntryAssembly()!;
        var known = knownPath == null ? KnownFailures.None : KnownFailures.Read(knownPath, assembly);
        var journal = new Journal(journalPath);
        var sink = new ResultSink(journal);
        using (var framework = new XunitTestFramework(sink))
        using (var executor = framework.GetExecutor(assembly.GetName()))
        {
            var options = new Options();
            // One test at a time: when the process dies, the journal names the one test it died in.
            options.SetValue("xunit.execution.DisableParallelization", true);
            var cases = Discover(framework, assembly, options)
                .Where(c => !journal.Done(c.UniqueID) && !IsSoak(c) && (filter == null || c.DisplayName.Contains(filter, StringComparison.Ordinal))).ToList();
            var watchdog = new Thread(() => sink.Watch(HangLimit)) { IsBackground = true };
            watchdog.Start();
            // Each test from a thread of its own, with continuations on fresh threads too (FreshThreadContext).
            foreach (var testCase in cases)
            {
                sink.Finished.Reset();
                var thread = new Thread(() =>
                {
                    SynchronizationContext.SetSynchronizationContext(new FreshThreadContext());
                    executor.RunTests(new[] { testCase }, sink, options);
                });
                thread.Start();
                sink.Finished.WaitOne();
            }
        }

        string name = assembly.GetName().Name!;
        var results = journal.Results.Concat(sink.Results).ToList();
        var verdict = known.Judge(results);
        foreach (var line in verdict.Report) Say($"{name}: {line}");
        int Count(Outcome outcome) => results.Count(r => r.Outcome == outcome);
        Say($"{name}: {Count(Outcome.Passed)} passed, {Count(Outcome.Failed)} failed, {Count(Outcome.Skipped)} skipped; " +
                          $"{verdict.WineFailures} failures known to be Wine's, {verdict.OpenFailures} listed as open, {verdict.Unexplained} unexplained, " +
                          $"{verdict.UnexpectedPasses} known failures now pass" +
                          (journal.Restarts > 0 ? $"; the process died or froze {journal.Restarts} times and started again" : ""));
        return verdict.Unexplained == 0 && verdict.UnexpectedPasses == 0 && sink.Errors == 0 ? 0 : 1;
    }

    /// <summary>Writes <paramref name="text"/> to the console in ASCII: Wine's console drops every line holding a character
    /// beyond ASCII (a theory's name cut short with "···", a message quoting 'é'), so those are written as \uXXXX. The
    /// journal and the known-failure list keep the real names.</summary>
    internal static void Say(string text)
    {
        var ascii = new System.Text.StringBuilder(text.Length);
        foreach (char c in text)
            if (c < 0x80) ascii.Append(c);
            else ascii.Append($"\\u{(int)c:X4}");
        Console.WriteLine(ascii.ToString());
    }

    /// <summary>A test still running after this long is reported, and the process ends (exit code 3): tests/Wine/run
    /// starts it again on the same journal (see <see cref="Journal"/>).</summary>
    private static readonly TimeSpan HangLimit = TimeSpan.FromMinutes(3);

    private static List<ITestCase> Discover(XunitTestFramework framework, Assembly assembly, Options options)
    {
        var found = new DiscoverySink();
        using (var discoverer = framework.GetDiscoverer(Reflector.Wrap(assembly)))
        {
            discoverer.Find(includeSourceInformation: false, found, options);
            found.Finished.WaitOne();
        }
        return found.Cases;
    }

    /// <summary>Soak tests (trait Category=Soak, minutes each) stay out, as a plain `dotnet test` leaves them out.</summary>
    private static bool IsSoak(ITestCase c) => c.Traits.TryGetValue("Category", out var values) && values.Contains("Soak");

    private static int Usage(string problem)
    {
        Console.Error.WriteLine($"{problem}. Usage: {AppDomain.CurrentDomain.FriendlyName} [--known FILE] [--journal FILE] [--filter TEXT-IN-TEST-NAMES]");
        return 2;
    }

    /// <summary>
    /// Runs every continuation of the test run on a thread of its own. Under Wine 8 an exception that leaves a method
    /// called through reflection (a failing or skipped test, as xunit calls them) freezes the thread at the second such
    /// exception on the same thread; on a fresh thread each is the first (see tests/Wine/known-failures.tsv's header).
    /// </summary>
    private sealed class FreshThreadContext : SynchronizationContext
    {
        public override void Post(SendOrPostCallback callback, object? state)
        {
            var thread = new Thread(() =>
            {
                SetSynchronizationContext(this);
                callback(state);
            }) { IsBackground = true };
            thread.Start();
        }

        public override void Send(SendOrPostCallback callback, object? state) => callback(state);

        public override SynchronizationContext CreateCopy() => this;
    }

    /// <summary>The discovery and execution options: xunit's defaults, as `dotnet test` with no runsettings has them.</summary>
    private sealed class Options : ITestFrameworkDiscoveryOptions, ITestFrameworkExecutionOptions
    {
        private readonly Dictionary<string, object?> values = new();

        public TValue GetValue<TValue>(string name) => values.TryGetValue(name, out var v) && v is TValue t ? t : default!;

        public void SetValue<TValue>(string name, TValue value) => values[name] = value;
    }

    private sealed class DiscoverySink : LongLivedMarshalByRefObject, IMessageSink
    {
        internal readonly List<ITestCase> Cases = new();
        internal readonly ManualResetEvent Finished = new(false);

        public bool OnMessage(IMessageSinkMessage message)
        {
            if (message is ITestCaseDiscoveryMessage found) Cases.Add(found.TestCase);
            else if (message is IDiscoveryCompleteMessage) Finished.Set();
            return true;
        }
    }

    /// <summary>Collects each test's outcome and prints failures as they come, with the exception and its stack.</summary>
    private sealed class ResultSink : LongLivedMarshalByRefObject, IMessageSink
    {
        private readonly object gate = new();

        private readonly Journal journal;

        internal ResultSink(Journal journal) => this.journal = journal;

        internal readonly List<TestResult> Results = new();
        internal readonly ManualResetEvent Finished = new(false);
        internal int Errors;
        /// <summary>MMAP_TEST_TRACE=1 prints each test as it starts: what ran last before a crash of the whole process.</summary>
        private static readonly bool Trace = Environment.GetEnvironmentVariable("MMAP_TEST_TRACE") == "1";
        private readonly Dictionary<ITest, DateTime> running = new();

        public bool OnMessageWithTypes(IMessageSinkMessage message, HashSet<string>? types) => OnMessage(message);

        public bool OnMessage(IMessageSinkMessage message)
        {
            lock (gate)
                switch (message)
                {
                    case ITestStarting starting:
                        running[starting.Test] = DateTime.UtcNow;
                        journal.Started(starting.TestCase.UniqueID, starting.Test.DisplayName);
                        if (Trace) Say($"[START] {starting.Test.DisplayName}");
                        break;
                    case ITestFinished finished:
                        running.Remove(finished.Test);
                        break;
                    case ITestPassed passed:
                        Add(passed, Outcome.Passed);
                        break;
                    case ITestSkipped skipped:
                        Add(skipped, Outcome.Skipped);
                        break;
                    case ITestFailed failed:
                        Add(failed, Outcome.Failed);
                        Say($"[FAIL] {failed.Test.DisplayName}\n  {string.Join("\n  ", failed.Messages)}\n{string.Join("\n", failed.StackTraces)}");
                        break;
                    case IFailureInformation error: // a fixture, a cleanup or the framework failed: no test result carries it
                        Errors++;
                        Say($"[ERROR] {message.GetType().Name}: {string.Join("\n  ", error.Messages)}\n{string.Join("\n", error.StackTraces)}");
                        break;
                    case ITestAssemblyFinished:
                        Finished.Set();
                        break;
                }
            return true;
        }

        private void Add(ITestResultMessage message, Outcome outcome)
        {
            var result = new TestResult(outcome, message.Test.DisplayName, ClassAndMethod(message.Test));
            Results.Add(result);
            journal.Finished(message.TestCase.UniqueID, result);
        }

        /// <summary>Ends the process once a test has run longer than <paramref name="limit"/>, naming every test running then.</summary>
        internal void Watch(TimeSpan limit)
        {
            while (!Finished.WaitOne(TimeSpan.FromSeconds(5)))
                lock (gate)
                {
                    var now = DateTime.UtcNow;
                    if (!running.Values.Any(start => now - start > limit)) continue;
                    foreach (var (test, start) in running)
                        Say($"[HUNG] {test.DisplayName} ({(now - start).TotalSeconds:0} s): ending the process");
                    Console.Out.Flush();
                    Environment.Exit(3);
                }
        }

        private static string ClassAndMethod(ITest test) =>
            $"{test.TestCase.TestMethod.TestClass.Class.Name}.{test.TestCase.TestMethod.Method.Name}";
    }
}

public enum Outcome { Passed, Failed, Skipped }

/// <summary>One test's outcome: its display name (a theory's includes its arguments) and its class and method.
/// <see cref="Crashed"/>: it failed by taking the process down (or hanging), so the journal restarted the run after it.</summary>
public sealed record TestResult(Outcome Outcome, string Name, string Method)
{
    public bool Crashed { get; init; }
}
