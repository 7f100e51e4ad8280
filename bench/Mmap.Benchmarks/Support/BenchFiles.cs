namespace Mmap.Benchmarks.Support;

/// <summary>
/// The temp folder one benchmark class works in: created in [GlobalSetup], deleted in [GlobalCleanup].
/// Files live under the system temp path (on disk here, not tmpfs) so page-cache and flush figures are real.
/// </summary>
public sealed class BenchFiles : IDisposable
{
    private const int Chunk = 1 << 20;

    public BenchFiles(string purpose) => Folder = Directory.CreateTempSubdirectory($"mmap-bench-{purpose}-").FullName;

    /// <summary>The folder; gone after <see cref="Dispose"/>.</summary>
    public string Folder { get; }

    /// <summary>Creates a file of <paramref name="length"/> bytes filled with a non-zero pattern (so no page is a
    /// hole or a zero page) and returns its path.</summary>
    public string Filled(string name, long length)
    {
        string path = Path.Combine(Folder, name);
        var chunk = new byte[Chunk];
        for (int i = 0; i < chunk.Length; i++) chunk[i] = (byte)(i * 31 + 7);
        using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.Read, bufferSize: 0);
        for (long done = 0; done < length; done += Chunk)
            stream.Write(chunk, 0, (int)Math.Min(Chunk, length - done));
        stream.Flush(flushToDisk: true); // start every benchmark from clean pages
        return path;
    }

    /// <summary>Creates a sparse file of <paramref name="length"/> bytes (no blocks allocated) and returns its path.</summary>
    public string Sparse(string name, long length)
    {
        string path = Path.Combine(Folder, name);
        using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write);
        stream.SetLength(length);
        return path;
    }

    public void Dispose()
    {
        if (Directory.Exists(Folder)) Directory.Delete(Folder, recursive: true);
    }
}
