namespace Mmap.Benchmarks.Support;

/// <summary>
/// Helpers shared by the benchmark bodies: page touching and reproducible random offsets.
/// <para>Why the warm comparisons touch their maps in [IterationSetup], not once in [GlobalSetup]: this VM runs DAMON
/// proactive reclaim (pageout of memory idle for about 60 s; the report's machine line says what runs), so pages and
/// page tables warmed in setup need not be warm when an iteration starts. Page tables are per mapping, so every map a
/// class measures is touched, which also brings the file back into the page cache for its FileStream methods.
/// ColdRead is the exception: it drops the file from the cache before each iteration on purpose.</para>
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
