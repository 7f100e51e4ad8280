using System.Diagnostics;
using System.Security.Cryptography;
using Mmap;
using Mmap.Platform;
using Mmap.Tests;

namespace Mmap.Tests.Engine;

/// <summary>
/// The committed native fault handlers (src/Mmap/runtimes/&lt;rid&gt;/native/libmmapfault.so) are what the committed source
/// makes: each carries the SHA-256 of the source it was built from, and where the compilers are at hand a fresh build
/// gives the same bytes. A user's machine has no compiler; the binaries ship in the package.
/// </summary>
public sealed class NativeBinaryTests
{
    private static readonly string Source = RepoFiles.Path("src", "Mmap.Native", "linux", "mmap_fault.c");

    public static TheoryData<string> Rids => new() { "linux-x64", "linux-arm64" };

    [Theory]
    [MemberData(nameof(Rids))]
    public void Each_binary_was_built_from_the_committed_source(string rid)
    {
        string binary = RepoFiles.Path("src", "Mmap", "runtimes", rid, "native", LinuxFaultHandler.LibraryName);
        Assert.True(File.Exists(binary), $"{binary} is missing: run tools/native/build-native.sh");
        string hash = Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(Source))).ToLowerInvariant();
        // The hash is compiled in as a string constant, so it can be found in the bytes of any architecture's binary.
        Assert.True(File.ReadAllText(binary, System.Text.Encoding.Latin1).Contains(hash),
            $"{binary} was not built from the current {Source} (SHA-256 {hash}): run tools/native/build-native.sh and commit both");
    }

    [SkippableFact]
    public void The_loaded_handler_reports_the_committed_source()
    {
        Skip.IfNot(FaultRecovery.IsActive, $"fault recovery is {FaultRecovery.Status}");
        string rid = LinuxFaultHandler.RuntimeId(HostPlatform.Os, HostPlatform.Architecture, IntPtr.Size)!;
        string hash = Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(Source))).ToLowerInvariant();
        Assert.Equal(hash, LinuxFaultHandler.SourceHash(LinuxFaultHandler.LibraryPath(rid)));
    }

    [SkippableFact]
    public void A_fresh_build_gives_the_committed_bytes()
    {
        Skip.IfNot(OnPath("x86_64-linux-gnu-gcc") && OnPath("aarch64-linux-gnu-gcc"), "needs gcc and gcc-aarch64-linux-gnu (the developers' machines have them)");
        string copy = Directory.CreateTempSubdirectory("mmap-native-").FullName;
        try
        {
            // Build in a copy of the three paths the script uses, then compare.
            foreach (string dir in new[] { "tools/native", "src/Mmap.Native/linux" })
            {
                Directory.CreateDirectory(Path.Combine(copy, dir));
                foreach (string f in Directory.GetFiles(RepoFiles.Path(dir))) File.Copy(f, Path.Combine(copy, dir, Path.GetFileName(f)));
            }
            var run = Process.Start(new ProcessStartInfo("bash", Path.Combine(copy, "tools/native/build-native.sh")) { RedirectStandardOutput = true, RedirectStandardError = true })!;
            string output = run.StandardOutput.ReadToEnd() + run.StandardError.ReadToEnd();
            run.WaitForExit();
            Assert.True(run.ExitCode == 0, output);
            foreach (string rid in new[] { "linux-x64", "linux-arm64" })
            {
                string part = Path.Combine("src", "Mmap", "runtimes", rid, "native", LinuxFaultHandler.LibraryName);
                Assert.True(File.ReadAllBytes(Path.Combine(copy, part)).AsSpan().SequenceEqual(File.ReadAllBytes(RepoFiles.Path(part))),
                    $"a fresh build of {rid} differs from the committed binary: run tools/native/build-native.sh and commit it");
            }
        }
        finally { Directory.Delete(copy, recursive: true); }
    }

    private static bool OnPath(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Any(dir => File.Exists(Path.Combine(dir, tool)));
}
