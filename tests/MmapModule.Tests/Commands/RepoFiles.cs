using Mmap;

namespace MmapModule.Tests.Commands;

/// <summary>Where the module's source files are, found from the test's output folder.</summary>
public static class RepoFiles
{
    public static string Root { get; } = FindRoot();

    public static string Path(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);

    /// <summary>The Mmap.dll the tests reference (read as metadata only).</summary>
    public static string MmapDll => typeof(MemoryMap).Assembly.Location;

    /// <summary>PowerShellStandard.Library's reference assembly, from the NuGet cache the build restored into.</summary>
    public static string SmaReferenceAssembly
    {
        get
        {
            string packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } p
                ? p : System.IO.Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
            string dll = System.IO.Path.Combine(packages, "powershellstandard.library", "5.1.0-preview-06", "lib", "netstandard2.0", "System.Management.Automation.dll");
            if (!File.Exists(dll)) throw new FileNotFoundException($"PowerShellStandard.Library is not restored at {dll}; run dotnet restore Mmap.sln.", dll);
            return dll;
        }
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Mmap.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException($"No Mmap.sln above {AppContext.BaseDirectory}.");
    }
}
