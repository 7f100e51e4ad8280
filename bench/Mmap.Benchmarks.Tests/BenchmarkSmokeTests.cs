using System.Reflection;
using BenchmarkDotNet.Attributes;
using Mmap.Benchmarks.Comparisons;
using Mmap.Benchmarks.Support;

namespace Mmap.Benchmarks.Tests;

/// <summary>
/// Runs every benchmark body once on small sizes, the way BenchmarkDotNet drives it (GlobalSetup, IterationSetup,
/// the [Benchmark] method, GlobalCleanup), so the suite cannot rot between real runs. Benchmark classes are found
/// by reflection: a new comparison is covered the moment it exists.
/// </summary>
// Not in the process-wide collection: that one runs alone after the parallel tests, so descriptors and maps
// opened here are gone before any counting test starts, and the runtime growth this test causes comes first.
public class BenchmarkSmokeTests
{
    /// <summary>Classes whose bodies reserve address space across the whole process: they run in the process-wide
    /// collection (ProcessWideBenchmarkSmokeTests), never beside tests that place maps at low addresses.</summary>
    internal static readonly Type[] ProcessWide = [typeof(HugePageRandomRead), typeof(LowAddressProbing)];

    public static TheoryData<string> BenchmarkClasses()
    {
        var data = new TheoryData<string>();
        foreach (var type in BenchmarkTypes().Except(ProcessWide)) data.Add(type.FullName!);
        return data;
    }

    private static IEnumerable<Type> BenchmarkTypes() =>
        typeof(OpenMapClose).Assembly.GetTypes().Where(IsBenchmarkClass).OrderBy(t => t.Name);

    [Fact]
    public void EveryIssueComparisonThatTheEngineSupportsHasAClass()
    {
        var names = BenchmarkTypes().Select(t => t.Name).ToHashSet();
        Assert.Superset(new HashSet<string> { "OpenMapClose", "SequentialRead", "RandomRead", "ColdRead", "WriteFlush", "MirroredRing",
            "LowAddressProbing", "MapScale", "SparseMap", "Search", "RecordRing", "HugePageRandomRead" }, names);
        Assert.Subset(BenchmarkTypes().ToHashSet(), ProcessWide.ToHashSet());
    }

    [Fact]
    public void EveryClassWithAnIterationSetupRunsOneInvocationPerIteration()
    {
        // Otherwise the warm-up (or ColdRead's cache drop) would precede only the first of many measured calls.
        var withSetup = BenchmarkTypes().Where(t => t.GetMethods().Any(m => m.GetCustomAttribute<IterationSetupAttribute>() != null)).ToList();
        Assert.Superset(new HashSet<Type> { typeof(RandomRead), typeof(SequentialRead), typeof(WriteFlush), typeof(ColdRead), typeof(Search) }, withSetup.ToHashSet());
        Assert.All(withSetup, type =>
        {
            var run = Assert.Single(type.GetCustomAttribute<InvocationCountAttribute>()?.Config.GetJobs() ?? []).Run;
            Assert.True(run.InvocationCount == 1 && run.UnrollFactor == 1, $"{type.Name} has an [IterationSetup] but not [InvocationCount(1)]");
        });
    }

    [Theory]
    [InlineData(typeof(RandomRead))]
    [InlineData(typeof(SequentialRead))]
    [InlineData(typeof(WriteFlush))]
    [InlineData(typeof(Search))]
    public void EveryWarmedMethodRunsWithOneMapOfItsFile(Type type)
    {
        // A second mapping of the same file in the process made touching both about 300x slower here (Pages).
        BenchSizes.Current = BenchSizes.Smoke;
        foreach (var method in type.GetMethods().Where(m => m.GetCustomAttribute<BenchmarkAttribute>() != null))
        {
            object instance = Activator.CreateInstance(type)!;
            foreach (var (property, value) in ParameterCombinations(type).First()) property.SetValue(instance, value);
            Run<GlobalSetupAttribute>(instance, method.Name);
            try
            {
                var maps = type.GetFields(BindingFlags.NonPublic | BindingFlags.Instance)
                    .Where(f => f.FieldType == typeof(MemoryMap) || f.FieldType == typeof(System.IO.MemoryMappedFiles.MemoryMappedViewAccessor) || f.FieldType == typeof(IntPtr))
                    .Where(f => f.GetValue(instance) is { } value && !value.Equals(IntPtr.Zero))
                    .Select(f => f.Name).ToList();
                Assert.True(maps.Count <= 1, $"{type.Name}.{method.Name} runs with {string.Join(", ", maps)} mapped");
            }
            finally { Run<GlobalCleanupAttribute>(instance, method.Name); }
        }
    }

    [SkippableTheory]
    [MemberData(nameof(BenchmarkClasses))]
    public void EveryBenchmarkBodyRunsOnceOnSmallSizes(string typeName)
    {
        var type = typeof(OpenMapClose).Assembly.GetType(typeName)!;
        Skip.If(type == typeof(ColdRead) && !PageCache.CanDropIn(Path.GetTempPath()),
            "the temp folder keeps pages after POSIX_FADV_DONTNEED (tmpfs?), so ColdRead refuses to run there");
        foreach (var results in RunEveryBody(type))
        {
            // Every way of doing the same work must see the same bytes.
            var values = results.Where(r => r.Result != null).ToList();
            Assert.All(values, r => Assert.True(Equals(r.Result, values[0].Result),
                $"{type.Name}.{r.Method} returned {r.Result}, {values[0].Method} returned {values[0].Result}"));
        }
    }

    [Fact]
    public void EveryRingBodyReturnsTheChecksumOfTheWholeStreamComputedWithoutARing()
    {
        var stream = new RingStream(BenchSizes.Smoke.FileBytes);
        ulong expected = 0;
        long total = 0;
        for (long i = 0; i < stream.ChunkCount; i++)
        {
            expected = RingStream.Fold(expected, stream.Chunk(i));
            total += stream.Chunk(i).Length;
        }
        Assert.Equal(BenchSizes.Smoke.FileBytes, total);
        Assert.NotEqual(0, MirroredRing.RingBytes % RingStream.ChunkBytes); // so chunks straddle the wrap
        Assert.True(total > 2 * MirroredRing.RingBytes, "the smoke stream must wrap the ring more than once");

        var results = Assert.Single(RunEveryBody(typeof(MirroredRing)));
        Assert.Equal(3, results.Count);
        Assert.All(results, r => Assert.True(Equals(expected, r.Result), $"MirroredRing.{r.Method} returned {r.Result}, the stream's checksum is {expected}"));
    }

    [Fact]
    public void EveryRecordRingBodyReturnsTheChecksumOfEveryRecordComputedWithoutARing()
    {
        var records = new RecordStream(BenchSizes.Smoke.FileBytes);
        Assert.True(BenchSizes.Smoke.FileBytes > 8 * RecordRing.RingBytes, "the smoke stream must lap the ring many times");
        ulong expected = records.Checksum();
        var results = Assert.Single(RunEveryBody(typeof(RecordRing)));
        Assert.Equal(3, results.Count);
        Assert.All(results, r => Assert.True(Equals(expected, r.Result), $"RecordRing.{r.Method} returned {r.Result}, the records' checksum is {expected}"));
    }

    [Fact]
    public void ThePlainRecordPumpReassemblesStraddlersAndCatchesATornRecord()
    {
        var records = new RecordStream(3 * RecordRing.RingBytes + 12345);
        Assert.Equal(records.Checksum(), RecordPump.ThroughPlainRing(records, new PlainRing(RecordRing.RingBytes)));
        // A ring one byte short of the records' alignment: the same records straddle elsewhere, and still arrive.
        Assert.Equal(records.Checksum(), RecordPump.ThroughPlainRing(records, new PlainRing(RecordRing.RingBytes - 1)));
        using var ring = ByteRing.Create(RecordRing.RingBytes);
        Assert.Equal(records.Checksum(), RecordPump.ThroughByteRing(records, ring));
        var lostByte = new PlainRing(RecordRing.RingBytes);
        Assert.True(lostByte.TryWrite(new byte[] { 1 })); // a stray byte ahead of the first record: every length is off
        var few = new RecordStream(RecordRing.RingBytes / 2); // all fit, so the producer ends without waiting for the consumer
        var e = Assert.Throws<InvalidOperationException>(() => RecordPump.ThroughPlainRing(few, lostByte));
        Assert.Contains("lost or tore", e.ToString());
    }

    [Fact]
    public void TheCopyingOutRecordPumpDeliversEveryRecordAndCatchesATornRecord()
    {
        var records = new RecordStream(3 * RecordRing.RingBytes + 12345);
        Assert.Equal(records.Checksum(), RecordPump.ThroughPlainRingCopyingOut(records, new PlainRing(RecordRing.RingBytes)));
        Assert.Equal(records.Checksum(), RecordPump.ThroughPlainRingCopyingOut(records, new PlainRing(RecordRing.RingBytes - 1)));
        var lostByte = new PlainRing(RecordRing.RingBytes);
        Assert.True(lostByte.TryWrite(new byte[] { 1 }));
        var few = new RecordStream(RecordRing.RingBytes / 2);
        var e = Assert.Throws<InvalidOperationException>(() => RecordPump.ThroughPlainRingCopyingOut(few, lostByte));
        Assert.Contains("lost or tore", e.ToString());
    }

    [Fact]
    public void TheRingChecksumNoticesALostRepeatedSwappedOrAlteredChunk()
    {
        var stream = new RingStream(BenchSizes.Smoke.FileBytes);
        ulong Checksum(Func<long, byte[]> chunkAt)
        {
            ulong sum = 0;
            for (long i = 0; i < stream.ChunkCount; i++) sum = RingStream.Fold(sum, chunkAt(i));
            return sum;
        }
        ulong right = Checksum(i => stream.Chunk(i).ToArray());
        Assert.NotEqual(right, Checksum(i => stream.Chunk(i == 5 ? 6 : i).ToArray()));              // 5 lost, 6 twice
        Assert.NotEqual(right, Checksum(i => stream.Chunk(i == 5 ? 6 : i == 6 ? 5 : i).ToArray())); // swapped
        Assert.NotEqual(right, Checksum(i =>
        {
            var chunk = stream.Chunk(i).ToArray();
            if (i == 5) chunk[^1] ^= 1; // the byte past the last whole vector
            return chunk;
        }));
    }

    [Fact]
    public void ThePumpDeliversTheStreamThroughAPlainRingAndCatchesACorruptingOne()
    {
        var stream = new RingStream(3 * MirroredRing.RingBytes + 12345);
        ulong expected = 0;
        for (long i = 0; i < stream.ChunkCount; i++) expected = RingStream.Fold(expected, stream.Chunk(i));

        var plain = new PlainRing(MirroredRing.RingBytes);
        Assert.Equal(expected, RingPump.Run(stream, RingPump.Spinning(plain.TryWrite), RingPump.Spinning(plain.TryRead)));

        var corrupting = new PlainRing(MirroredRing.RingBytes);
        long writes = 0;
        ulong got = RingPump.Run(stream, RingPump.Spinning(chunk =>
        {
            if (++writes != 7) return corrupting.TryWrite(chunk);
            var changed = chunk.ToArray();
            changed[100] ^= 0x80;
            return corrupting.TryWrite(changed);
        }), RingPump.Spinning(corrupting.TryRead));
        Assert.NotEqual(expected, got);
    }

    /// <summary>Runs every [Benchmark] of <paramref name="type"/> once per parameter combination of the smoke sizes, as
    /// BenchmarkDotNet drives them; returns each combination's (method, result) list. Checks that setup made the
    /// class's temp folders and cleanup removed them.</summary>
    internal static List<List<(string Method, object? Result)>> RunEveryBody(Type type)
    {
        BenchSizes.Current = BenchSizes.Smoke;
        var benchmarks = type.GetMethods().Where(m => m.GetCustomAttribute<BenchmarkAttribute>() != null).ToList();
        Assert.Single(benchmarks, m => m.GetCustomAttribute<BenchmarkAttribute>()!.Baseline);

        var all = new List<List<(string Method, object? Result)>>();
        foreach (var parameters in ParameterCombinations(type))
        {
            var results = new List<(string Method, object? Result)>();
            foreach (var method in benchmarks)
            {
                // A fresh instance per method, as each method runs in its own process with its own setup.
                object instance = Activator.CreateInstance(type)!;
                foreach (var (property, value) in parameters) property.SetValue(instance, value);
                Run<GlobalSetupAttribute>(instance, method.Name);
                var folders = Folders(instance);
                Assert.All(folders, f => Assert.True(f != null && Directory.Exists(f), $"{type.Name} set up no temp folder in a BenchFiles field for {method.Name}"));
                try
                {
                    Run<IterationSetupAttribute>(instance, method.Name);
                    results.Add((method.Name, method.Invoke(instance, null)));
                }
                finally { Run<GlobalCleanupAttribute>(instance, method.Name); }
                Assert.All(folders, f => Assert.False(Directory.Exists(f), $"{type.Name} left {f} behind after {method.Name}"));
            }
            all.Add(results);
        }
        return all;
    }

    [Fact]
    public void ColdReadReallyEvictsTheFileFromThePageCache()
    {
        Skip.IfNot(PageCache.CanDropIn(Path.GetTempPath()), "tmpfs temp folder");
        using var files = new BenchFiles("evict-test");
        string path = files.Filled("data.bin", 4 << 20);
        File.ReadAllBytes(path);
        Assert.True(PageCache.ResidentFraction(path) > 0.5, "a file just written and read should be cached");
        PageCache.Drop(path);
        Assert.True(PageCache.ResidentFraction(path) < 0.01);
    }

    private static bool IsBenchmarkClass(Type t) =>
        t.IsClass && !t.IsAbstract && t.GetMethods().Any(m => m.GetCustomAttribute<BenchmarkAttribute>() != null);

    /// <summary>Every combination of the [ParamsSource] values, read from the sources as BenchmarkDotNet does.</summary>
    private static IEnumerable<List<(PropertyInfo, object?)>> ParameterCombinations(Type type)
    {
        IEnumerable<List<(PropertyInfo, object?)>> combos = [[]];
        foreach (var property in type.GetProperties())
        {
            var source = property.GetCustomAttribute<ParamsSourceAttribute>();
            if (source is null) continue;
            var member = type.GetMethod(source.Name, BindingFlags.Public | BindingFlags.Static)!;
            var values = ((System.Collections.IEnumerable)member.Invoke(null, null)!).Cast<object?>().ToList();
            combos = combos.SelectMany(c => values.Select(v => new List<(PropertyInfo, object?)>(c) { (property, v) })).ToList();
        }
        return combos;
    }

    /// <summary>The methods with <typeparamref name="TAttribute"/> that BenchmarkDotNet runs for <paramref name="benchmark"/>:
    /// those with no targets, and those that name it.</summary>
    private static void Run<TAttribute>(object instance, string benchmark) where TAttribute : TargetedAttribute
    {
        foreach (var method in instance.GetType().GetMethods())
        {
            var attribute = method.GetCustomAttribute<TAttribute>();
            if (attribute != null && (attribute.Targets is not { Length: > 0 } targets || targets.Contains(benchmark)))
                method.Invoke(instance, null);
        }
    }

    /// <summary>The folder of each BenchFiles field (null where setup left it unset); none for a class that uses no files.</summary>
    private static List<string?> Folders(object instance) =>
        instance.GetType().GetFields(BindingFlags.NonPublic | BindingFlags.Instance)
            .Where(f => f.FieldType == typeof(BenchFiles))
            .Select(f => ((BenchFiles?)f.GetValue(instance))?.Folder)
            .ToList();
}
