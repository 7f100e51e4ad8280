namespace Mmap.Tests;

/// <summary>Where the module's source files are, found from the test's output folder.</summary>
public static class RepoFiles
{
    public static string Root { get; } = FindRoot();

    public static string Path(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Mmap.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException($"No Mmap.sln above {AppContext.BaseDirectory}.");
    }
}
