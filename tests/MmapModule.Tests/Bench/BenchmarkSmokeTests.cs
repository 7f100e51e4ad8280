using System.Reflection;
using BenchmarkDotNet.Attributes;
using Mmap.Benchmarks.Comparisons;
using Mmap.Benchmarks.Support;

namespace MmapModule.Tests.Bench;

/// <summary>
/// Runs every benchmark body once on small sizes, the way BenchmarkDotNet drives it (GlobalSetup, IterationSetup,
/// the [Benchmark] method, GlobalCleanup), so the suite cannot rot between real runs. Benchmark classes are found
/// by reflection: a new comparison is covered the moment it exists.
/// </summary>
// Not in the process-wide collection: that one runs alone after the parallel tests, so descriptors and maps
// opened here are gone before any counting test starts, and the runtime growth this test causes comes first.
public class BenchmarkSmokeTests
{
    public static TheoryData<string> BenchmarkClasses()
    {
        var data = new TheoryData<string>();
        foreach (var type in BenchmarkTypes()) data.Add(type.FullName!);
        return data;
    }

    private static IEnumerable<Type> BenchmarkTypes() =>
        typeof(OpenMapClose).Assembly.GetTypes().Where(IsBenchmarkClass).OrderBy(t => t.Name);

    [Fact]
    public void EveryIssueComparisonThatTheEngineSupportsHasAClass()
    {
        var names = BenchmarkTypes().Select(t => t.Name).ToHashSet();
        Assert.Superset(new HashSet<string> { "OpenMapClose", "SequentialRead", "RandomRead", "ColdRead", "WriteFlush", "MapScale", "SparseMap" }, names);
    }

    [SkippableTheory]
    [MemberData(nameof(BenchmarkClasses))]
    public void EveryBenchmarkBodyRunsOnceOnSmallSizes(string typeName)
    {
        var type = typeof(OpenMapClose).Assembly.GetType(typeName)!;
        Skip.If(type == typeof(ColdRead) && !PageCache.CanDropIn(Path.GetTempPath()),
            "the temp folder keeps pages after POSIX_FADV_DONTNEED (tmpfs?), so ColdRead refuses to run there");
        BenchSizes.Current = BenchSizes.Smoke;
        var benchmarks = type.GetMethods().Where(m => m.GetCustomAttribute<BenchmarkAttribute>() != null).ToList();
        Assert.Single(benchmarks, m => m.GetCustomAttribute<BenchmarkAttribute>()!.Baseline);

        foreach (var parameters in ParameterCombinations(type))
        {
            object instance = Activator.CreateInstance(type)!;
            foreach (var (property, value) in parameters) property.SetValue(instance, value);
            Run<GlobalSetupAttribute>(instance);
            var folders = Folders(instance);
            Assert.NotEmpty(folders);
            Assert.All(folders, f => Assert.True(Directory.Exists(f)));
            try
            {
                var results = new List<(string Method, object? Result)>();
                foreach (var method in benchmarks)
                {
                    Run<IterationSetupAttribute>(instance);
                    results.Add((method.Name, method.Invoke(instance, null)));
                }
                // Every way of doing the same work must see the same bytes.
                var values = results.Where(r => r.Result != null).ToList();
                Assert.All(values, r => Assert.True(Equals(r.Result, values[0].Result),
                    $"{type.Name}.{r.Method} returned {r.Result}, {values[0].Method} returned {values[0].Result}"));
            }
            finally { Run<GlobalCleanupAttribute>(instance); }
            Assert.All(folders, f => Assert.False(Directory.Exists(f), $"{type.Name} left {f} behind"));
        }
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

    private static void Run<TAttribute>(object instance) where TAttribute : Attribute
    {
        foreach (var method in instance.GetType().GetMethods().Where(m => m.GetCustomAttribute<TAttribute>() != null))
            method.Invoke(instance, null);
    }

    private static List<string> Folders(object instance) =>
        instance.GetType().GetFields(BindingFlags.NonPublic | BindingFlags.Instance)
            .Where(f => f.FieldType == typeof(BenchFiles))
            .Select(f => ((BenchFiles?)f.GetValue(instance))?.Folder)
            .OfType<string>().ToList();
}
