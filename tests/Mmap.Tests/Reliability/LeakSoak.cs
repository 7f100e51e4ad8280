namespace Mmap.Tests.Reliability;

/// <summary>The opt-in switch for the long variants of the Leak* and Concurrency* tests: MMAP_SOAK=1.</summary>
public static class LeakSoak
{
    public static bool Enabled => Environment.GetEnvironmentVariable("MMAP_SOAK") == "1";

    public const string Reason = "a soak run: set MMAP_SOAK=1 to run it (minutes)";
}
