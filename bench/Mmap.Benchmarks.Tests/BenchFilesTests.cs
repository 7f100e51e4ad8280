using Mmap.Benchmarks.Support;

namespace Mmap.Benchmarks.Tests;

/// <summary>The run's shared files: one file for every process of a run, made whole before any process sees it.</summary>
public sealed class BenchFilesTests
{
    [Fact]
    public void ProcessesOfOneRunGetTheSameFileAndItOutlivesEachOfThem()
    {
        using var shared = new BenchFiles("shared-test");
        string first, second;
        using (var one = new BenchFiles("one"))
        {
            first = one.SharedFilled("data.bin", 3 << 20, shared.Folder);
            File.WriteAllBytes(Path.Combine(one.Folder, "marker"), [1]); // the first process's own folder goes at its end
        }
        Assert.True(File.Exists(first), "the shared file went with the folder of the process that made it");
        var written = File.GetLastWriteTimeUtc(first);
        using (var two = new BenchFiles("two"))
            second = two.SharedFilled("data.bin", 3 << 20, shared.Folder);
        Assert.Equal(first, second);
        Assert.Equal(written, File.GetLastWriteTimeUtc(second)); // mapped again, not written again
        Assert.StartsWith(shared.Folder, first);
        Assert.Single(Directory.GetFiles(shared.Folder)); // no partial file left behind
        using var other = new BenchFiles("three");
        Assert.NotEqual(first, other.SharedFilled("data.bin", 1 << 20, shared.Folder)); // another size is another file
    }

    [Fact]
    public void WithoutASharedFolderEachProcessMakesItsOwn()
    {
        using var files = new BenchFiles("own");
        string path = files.SharedFilled("data.bin", 1 << 20, sharedFolder: null);
        Assert.Equal(files.Folder, Path.GetDirectoryName(path));
        Assert.Equal(1 << 20, new FileInfo(path).Length);
    }
}
