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

    /// <summary>The environment variable through which the host process (<see cref="ShareAcrossProcesses"/>) hands its
    /// benchmark processes a folder for the files every method of a run reads.</summary>
    public const string SharedFolderVariable = "MMAP_BENCH_SHARED";

    /// <summary>A file as <see cref="Filled"/> makes it, but one for the whole run: the first process that asks for it makes it
    /// in the run's shared folder, and every later one maps the same file, so each method reads the same page-cache pages,
    /// and a run writes (and syncs) each 1 GiB file once instead of once per method. It does not remove the spread between
    /// processes: two RandomRead runs sharing the file still measured the raw pointer at 13.23 and 22.81 ms. Only for files
    /// whose bytes no method changes. Without a shared folder (the smoke tests), a new file in this object's folder, as
    /// <see cref="Filled"/>.</summary>
    public string SharedFilled(string name, long length) => SharedFilled(name, length, Environment.GetEnvironmentVariable(SharedFolderVariable));

    /// <summary><see cref="SharedFilled(string, long)"/> with the run's shared folder given (null: none).</summary>
    public string SharedFilled(string name, long length, string? sharedFolder)
    {
        if (string.IsNullOrEmpty(sharedFolder)) return Filled(name, length);
        string path = Path.Combine(sharedFolder, $"{length}-{name}");
        if (File.Exists(path) && new FileInfo(path).Length == length) return path;
        // Made whole here, then renamed into place (same file system), so no process ever maps a file half written.
        File.Move(Filled(name, length), path, overwrite: true);
        return path;
    }

    /// <summary>Gives the benchmark processes started from here one shared folder (<see cref="SharedFilled"/>) until the
    /// result is disposed, which deletes it.</summary>
    public static IDisposable ShareAcrossProcesses()
    {
        var shared = new BenchFiles("shared");
        Environment.SetEnvironmentVariable(SharedFolderVariable, shared.Folder);
        return shared;
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
