namespace Mmap.Benchmarks.Support;

/// <summary>Finds the repository (the folder holding Mmap.sln) from the working directory or the binary's folder.</summary>
public static class RepoRoot
{
    public static string Find()
    {
        foreach (string start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
            for (var dir = new DirectoryInfo(start); dir != null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "Mmap.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException("Cannot find Mmap.sln above the working directory; run from the repository.");
    }
}
