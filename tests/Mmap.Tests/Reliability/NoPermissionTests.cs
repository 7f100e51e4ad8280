using Mmap;
using Mmap.Tests;

namespace Mmap.Tests.Reliability;

/// <summary>
/// Files the caller may not read or write, made so that root cannot bypass them: the engine runs in a helper process
/// whose capabilities lack CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH (setpriv), on a read-only tmpfs in a private mount
/// namespace (unshare -m), or on an immutable file (chattr +i). Each refusal must be access_denied with advice, and
/// must leave every file as it was and create none.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class NoPermissionTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);
    private const string Advice = "Check the permissions";

    /// <summary>op, file (relative to the sandbox), access, size, expected: "error &lt;code&gt;" or "ok".</summary>
    public static TheoryData<string, string, string, string, string> WithoutDacOverride => new()
    {
        { "map", "secret.bin", "Read", "-", "error access_denied" },
        { "map", "secret.bin", "ReadWrite", "-", "error access_denied" },
        { "map", "secret.bin", "CopyOnWrite", "-", "error access_denied" },
        { "mirror", "secret.bin", "Read", "4096", "error access_denied" },
        { "getsize", "secret.bin", "", "", "error access_denied" },
        { "setsize", "secret.bin", "1", "", "error access_denied" },
        { "map", "write-only.bin", "Read", "-", "error access_denied" },
        { "map", "read-only.bin", "ReadWrite", "-", "error access_denied" },
        { "map", "read-only.bin", "ReadWrite", "65536", "error access_denied" },
        { "mirror", "read-only.bin", "ReadWrite", "4096", "error access_denied" },
        { "setsize", "read-only.bin", "0", "", "error access_denied" },
        { "map", "locked/inner.bin", "Read", "-", "error access_denied" },
        { "map", "no-write/new.bin", "ReadWrite", "4096", "error access_denied" },
        { "setsize", "no-write/new.bin", "10", "", "error access_denied" },
        { "map", "read-only.bin", "Read", "-", "ok" }, // the control: the helper runs, and reading what may be read works
    };

    [SkippableTheory]
    [MemberData(nameof(WithoutDacOverride))]
    public void Without_root_override_unreadable_and_unwritable_files_are_access_denied_and_unchanged(string op, string file, string arg1, string arg2, string expected)
    {
        Skip.IfNot(Expect.IsLinux && Environment.UserName == "root", "needs root on Linux to drop capabilities with setpriv");
        using var s = new Sandbox();
        Restricted(s);
        try
        {
            var before = s.Snapshot();
            var args = new List<string> { "--bounding-set=-dac_override,-dac_read_search", "--", "dotnet", Helper.Dll, "engine", op, s.File(file) };
            args.AddRange(new[] { arg1, arg2 }.Where(a => a.Length > 0));
            var (exit, output) = Helper.Finish(Helper.StartCommand("setpriv", args.ToArray()), Timeout);
            Skip.If(output.StartsWith("setpriv:", StringComparison.Ordinal), "setpriv failed here: " + output);
            Assert.True(output.StartsWith(expected, StringComparison.Ordinal), $"{op} {file}: {output}");
            if (expected != "ok")
            {
                Assert.Equal(2, exit);
                Assert.Contains(Advice, output);
                Assert.Contains(s.File(file), output);
            }
            Assert.Equal(before, s.Snapshot());
        }
        finally { Unrestrict(s); }
    }

    /// <summary>op, file in the read-only mount, access, size, expected.</summary>
    public static TheoryData<string, string, string, string, string> OnReadOnlyMount => new()
    {
        { "map", "data.bin", "ReadWrite", "-", "error access_denied" },
        { "map", "data.bin", "ReadWrite", "65536", "error access_denied" },
        { "map", "new.bin", "ReadWrite", "4096", "error access_denied" },
        { "mirror", "data.bin", "ReadWrite", "4096", "error access_denied" },
        { "setsize", "data.bin", "0", "", "error access_denied" },
        { "setsize", "new.bin", "1", "", "error access_denied" },
        { "map", "data.bin", "Read", "-", "ok" },
        { "map", "data.bin", "CopyOnWrite", "-", "ok" }, // private pages: nothing reaches the file
    };

    [SkippableTheory]
    [MemberData(nameof(OnReadOnlyMount))]
    public void On_a_read_only_mount_writes_are_access_denied_and_the_mount_is_unchanged(string op, string file, string arg1, string arg2, string expected)
    {
        Skip.IfNot(Expect.IsLinux && Environment.UserName == "root", "needs root on Linux for unshare -m and mount");
        using var s = new Sandbox();
        string mount = s.File("ro");
        Directory.CreateDirectory(mount);
        // The helper sees a tmpfs holding a copy of the data file, remounted read-only; the host sees an empty folder.
        const string Script = "mount -t tmpfs -o size=1m none \"$1\" && cp \"$2\" \"$1/data.bin\" && mount -o remount,ro \"$1\" || exit 90\n" +
            "sum() { (cd \"$1\" && ls -l --time-style=+ | sed 1d; sha256sum *) | tr -s ' '; }\n" +
            "before=$(sum \"$1\"); shift 2\n" +
            "dotnet \"$@\"; code=$?\n" +
            "[ \"$before\" = \"$(sum \"$MOUNT\")\" ] && echo unchanged || echo CHANGED; exit $code";
        var args = new List<string> { "-m", "env", "MOUNT=" + mount, "sh", "-c", Script, "sh", mount, s.Data, Helper.Dll, "engine", op, Path.Combine(mount, file) };
        args.AddRange(new[] { arg1, arg2 }.Where(a => a.Length > 0));
        var (exit, output) = Helper.Finish(Helper.StartCommand("unshare", args.ToArray()), Timeout);
        Skip.If(exit == 90 || output.StartsWith("unshare:", StringComparison.Ordinal), "unshare or mount failed here: " + output);
        Assert.True(output.StartsWith(expected, StringComparison.Ordinal), $"{op} {file}: {output}");
        if (expected != "ok")
        {
            Assert.Equal(2, exit);
            Assert.Contains("mount options (noexec, ro)", output);
        }
        Assert.Contains("unchanged", output);
        Assert.Empty(Directory.EnumerateFileSystemEntries(mount)); // nothing leaked out of the private namespace
    }

    /// <summary>Every way to write to, grow or shrink a file; an immutable file must refuse each.</summary>
    internal static readonly Action<string>[] ImmutableWrites =
    {
        path => MemoryMap.MapFile(path, new MapOptions { Access = MapAccess.ReadWrite }),
        path => MemoryMap.MapFile(path, new MapOptions { Access = MapAccess.ReadWrite, Size = 1 << 20 }),
        path => MirroredMap.MapFile(path, 4096),
        path => FileSizer.SetSize(path, 0),
        path => FileSizer.SetSize(path, 1 << 20, sparse: true),
    };

    [SkippableFact]
    public void An_immutable_file_refuses_every_write_and_still_maps_for_reading()
    {
        Skip.IfNot(Expect.IsLinux && Environment.UserName == "root", "needs root on Linux for chattr +i");
        using var s = new Sandbox();
        var (set, why) = Run("chattr", "+i", s.Data);
        Skip.If(set != 0, "this file system has no immutable attribute: " + why);
        try
        {
            var before = s.Snapshot();
            foreach (var refused in ImmutableWrites)
            {
                var e = Expect.Error(MmapError.AccessDenied, () => refused(s.Data));
                Assert.Contains(Advice, e.Message);
            }
            using (var read = MemoryMap.MapFile(s.Data)) Assert.Equal(TempDir.PatternBytes(16), read.ReadBytes(0, 16));
            using (var cow = MemoryMap.MapFile(s.Data, new MapOptions { Access = MapAccess.CopyOnWrite }))
                cow.Write<long>(0, -1); // private pages only
            Assert.Equal(before, s.Snapshot());
        }
        finally { Run("chattr", "-i", s.Data); }
    }

    /// <summary>secret.bin 0000, write-only.bin 0200, read-only.bin 0400, locked/ 0000 holding inner.bin, no-write/ 0500.</summary>
    private static void Restricted(Sandbox s)
    {
        File.WriteAllBytes(s.File("secret.bin"), TempDir.PatternBytes(8192));
        File.WriteAllBytes(s.File("write-only.bin"), TempDir.PatternBytes(8192));
        File.WriteAllBytes(s.File("read-only.bin"), TempDir.PatternBytes(8192));
        Directory.CreateDirectory(s.File("locked"));
        File.WriteAllBytes(s.File("locked/inner.bin"), TempDir.PatternBytes(8192));
        Directory.CreateDirectory(s.File("no-write"));
        File.SetUnixFileMode(s.File("secret.bin"), 0);
        File.SetUnixFileMode(s.File("write-only.bin"), UnixFileMode.UserWrite);
        File.SetUnixFileMode(s.File("read-only.bin"), UnixFileMode.UserRead);
        File.SetUnixFileMode(s.File("locked"), 0);
        File.SetUnixFileMode(s.File("no-write"), UnixFileMode.UserRead | UnixFileMode.UserExecute);
    }

    private static void Unrestrict(Sandbox s)
    {
        foreach (string d in new[] { "locked", "no-write" })
            File.SetUnixFileMode(s.File(d), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    private static (int Exit, string Output) Run(string file, params string[] args) =>
        Helper.Finish(Helper.StartCommand(file, args), Timeout);
}
