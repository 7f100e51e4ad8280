namespace Mmap.Benchmarks.Support;

/// <summary>
/// Helpers shared by the benchmark bodies: page touching and reproducible random offsets.
/// <para>How the warm comparisons keep their pages warm, and why. This VM runs DAMON proactive reclaim (pageout of
/// memory idle for about 60 s; the report's machine line says what runs), and below the guest its hypervisor drops its
/// own mappings of guest memory, which no guest counter shows: touching 1 GiB of resident, even mlocked, pages took
/// 1.1-1.3 s after 40 s idle with no guest page fault at all, against 6 ms when warm. So:</para>
/// <list type="bullet">
/// <item>Each method's process maps the file once, through the API it measures ([GlobalSetup] per target). With a
/// second mapping of the same file in a .NET process, touching both took 2.4 s instead of 7 ms per pass.</item>
/// <item>That map is touched in [IterationSetup], right before the measured call ([InvocationCount(1)]).</item>
/// <item>No job forces a GC between the two (BenchConfig): BenchmarkDotNet's forced collection runs after
/// [IterationSetup], and after it 1,000,000 random reads of a warm 1 GiB map took 1.33 s instead of 31 ms.</item>
/// </list>
/// <para>ColdRead is the exception: it drops the file from the cache before each iteration on purpose.</para>
/// </summary>
public static unsafe class Pages
{
    public static readonly int Size = Environment.SystemPageSize;

    /// <summary>Reads one byte per page so the file is cached and the mapping's page tables are filled before timing starts.</summary>
    public static long Touch(byte* start, long length)
    {
        long sum = 0;
        for (long at = 0; at < length; at += Size) sum += start[at];
        return sum;
    }

    /// <summary><see cref="Touch"/> through an accessor's view, so its page tables are warm like the others'.</summary>
    public static long Touch(System.IO.MemoryMappedFiles.MemoryMappedViewAccessor accessor, long length)
    {
        byte* start = null;
        accessor.SafeMemoryMappedViewHandle.AcquirePointer(ref start);
        try { return Touch(start + accessor.PointerOffset, length); }
        finally { accessor.SafeMemoryMappedViewHandle.ReleasePointer(); }
    }

    /// <summary><paramref name="count"/> offsets in [0, <paramref name="limit"/>), each a multiple of
    /// <paramref name="alignment"/>, from a fixed seed so every run and every method reads the same places.</summary>
    public static long[] RandomOffsets(int count, long limit, int alignment)
    {
        var random = new Random(20261122);
        long slots = limit / alignment;
        var offsets = new long[count];
        for (int i = 0; i < count; i++) offsets[i] = random.NextInt64(slots) * alignment;
        return offsets;
    }
}
