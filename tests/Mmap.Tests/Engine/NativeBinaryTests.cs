using System.Diagnostics;
using System.Security.Cryptography;
using Mmap;
using Mmap.Platform;
using Mmap.Tests;

namespace Mmap.Tests.Engine;

/// <summary>
/// The committed native fault handlers (src/Mmap/runtimes/&lt;rid&gt;/native/) are what the committed sources make: each
/// carries the SHA-256 of the source it was built from, and where a RID's compiler is at hand a fresh build gives the
/// same bytes. A user's machine has no compiler; the binaries ship in the package.
/// </summary>
public sealed class NativeBinaryTests
{
    /// <summary>Each RID the package carries, with its source and the compiler tools/native/build-native.sh uses.</summary>
    private static readonly Dictionary<string, (string Source, string Compiler)> Binaries = new()
    {
        ["linux-x64"] = (RepoFiles.Path("src", "Mmap.Native", "linux", "mmap_fault.c"), "x86_64-linux-gnu-gcc"),
        ["linux-arm64"] = (RepoFiles.Path("src", "Mmap.Native", "linux", "mmap_fault.c"), "aarch64-linux-gnu-gcc"),
        ["win-x64"] = (RepoFiles.Path("src", "Mmap.Native", "windows", "mmap_fault.c"), "x86_64-w64-mingw32-gcc"),
    };

    private static readonly string TableHeader = RepoFiles.Path("src", "Mmap.Native", "mmap_fault_table.h");

    public static TheoryData<string> Rids => new(Binaries.Keys);

    [Theory]
    [MemberData(nameof(Rids))]
    public void Each_binary_was_built_from_the_committed_source(string rid)
    {
        string binary = Committed(rid);
        Assert.True(File.Exists(binary), $"{binary} is missing: run tools/native/build-native.sh");
        string hash = SourceHash(rid);
        // The hash is compiled in as a string constant, so it can be found in the bytes of any architecture's binary.
        Assert.True(File.ReadAllText(binary, System.Text.Encoding.Latin1).Contains(hash),
            $"{binary} was not built from the current {Binaries[rid].Source} (SHA-256 {hash}): run tools/native/build-native.sh and commit both");
    }

    [Fact]
    public void Every_shipped_rid_is_one_the_engine_asks_for()
    {
        Assert.Equal("linux-x64", FaultHandlerBinary.RuntimeId(HostOs.Linux, System.Runtime.InteropServices.Architecture.X64, 8));
        Assert.Equal("linux-arm64", FaultHandlerBinary.RuntimeId(HostOs.Linux, System.Runtime.InteropServices.Architecture.Arm64, 8));
        Assert.Equal("win-x64", FaultHandlerBinary.RuntimeId(HostOs.Windows, System.Runtime.InteropServices.Architecture.X64, 8));
        Assert.Null(FaultHandlerBinary.RuntimeId(HostOs.Windows, System.Runtime.InteropServices.Architecture.X64, 4)); // no 32-bit build
        Assert.Null(FaultHandlerBinary.RuntimeId(HostOs.Windows, System.Runtime.InteropServices.Architecture.Arm64, 8)); // no compiler here
        Assert.Null(FaultHandlerBinary.RuntimeId(HostOs.MacOS, System.Runtime.InteropServices.Architecture.Arm64, 8));
        Assert.Equal("mmapfault.dll", FaultHandlerBinary.FileName("win-x64"));
        Assert.Equal("libmmapfault.so", FaultHandlerBinary.FileName("linux-arm64"));
    }

    [SkippableFact]
    public void The_loaded_handler_reports_the_committed_source()
    {
        Skip.IfNot(FaultRecovery.IsActive, $"fault recovery is {FaultRecovery.Status}");
        string rid = FaultHandlerBinary.RuntimeId(HostPlatform.Os, HostPlatform.Architecture, IntPtr.Size)!;
        Assert.Equal(SourceHash(rid), FaultHandlerBinary.SourceHash(rid, FaultHandlerBinary.LibraryPath(rid)));
        Assert.Contains(rid, FaultRecovery.Status);
    }

    [SkippableFact]
    public void A_fresh_build_gives_the_committed_bytes()
    {
        string[] rids = Binaries.Where(b => OnPath(b.Value.Compiler)).Select(b => b.Key).ToArray();
        Skip.If(rids.Length == 0, "needs gcc, gcc-aarch64-linux-gnu or gcc-mingw-w64-x86-64 (the developers' machines have them)");
        string copy = Directory.CreateTempSubdirectory("mmap-native-").FullName;
        try
        {
            // Build in a copy of the paths the script uses, then compare.
            foreach (string dir in new[] { "tools/native", "src/Mmap.Native", "src/Mmap.Native/linux", "src/Mmap.Native/windows" })
            {
                Directory.CreateDirectory(Path.Combine(copy, dir));
                foreach (string f in Directory.GetFiles(RepoFiles.Path(dir))) File.Copy(f, Path.Combine(copy, dir, Path.GetFileName(f)));
            }
            var info = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
            info.ArgumentList.Add(Path.Combine(copy, "tools/native/build-native.sh"));
            foreach (string rid in rids) info.ArgumentList.Add(rid);
            var run = Process.Start(info)!;
            string output = run.StandardOutput.ReadToEnd() + run.StandardError.ReadToEnd();
            run.WaitForExit();
            Assert.True(run.ExitCode == 0, output);
            foreach (string rid in rids)
            {
                string part = Path.Combine("src", "Mmap", "runtimes", rid, "native", FaultHandlerBinary.FileName(rid));
                Assert.True(File.ReadAllBytes(Path.Combine(copy, part)).AsSpan().SequenceEqual(File.ReadAllBytes(RepoFiles.Path(part))),
                    $"a fresh build of {rid} differs from the committed binary: run tools/native/build-native.sh and commit it");
            }
        }
        finally { Directory.Delete(copy, recursive: true); }
    }

    private static string Committed(string rid) => RepoFiles.Path("src", "Mmap", "runtimes", rid, "native", FaultHandlerBinary.FileName(rid));

    /// <summary>The source and the table header it includes, hashed as one text (as the script does).</summary>
    private static string SourceHash(string rid) =>
        Convert.ToHexString(SHA256.HashData([.. File.ReadAllBytes(Binaries[rid].Source), .. File.ReadAllBytes(TableHeader)])).ToLowerInvariant();

    private static bool OnPath(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator).Any(dir => File.Exists(Path.Combine(dir, tool)));
}
