namespace Mmap.Tests.Reliability;

/// <summary>The opt-in switch for the long variants of the Leak* and Concurrency* tests: MMAP_SOAK=1. They carry the trait
/// Category=Soak, which Mmap.Tests.runsettings leaves out of a plain `dotnet test` (so its log lists no test it skipped
/// without a word); run them with `MMAP_SOAK=1 dotnet test tests/Mmap.Tests --filter Category=Soak`.</summary>
public static class LeakSoak
{
    public const string Category = "Soak";

    public static bool Enabled => Environment.GetEnvironmentVariable("MMAP_SOAK") == "1";

    public const string Reason = "a soak run: set MMAP_SOAK=1 to run it (minutes)";
}
