using Mmap;
using Mmap.Tests;

namespace Mmap.Tests.Reliability;

/// <summary>
/// What a hostile name, a planted link or a careless default must never achieve: shared memory others can open,
/// a tag that names something outside /dev/shm, a file created through someone's symlink, executable or
/// writable-and-executable memory nobody asked for, a mapped file resized under its map.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
[Collection(ProcessWideCollection.Name)] // the /proc/self/maps checks must not see another test's reuse of a freed range
public sealed class SecurityTests
{
    private static readonly long Page = PageInfo.Current.AllocationGranularity;
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode Widened = OwnerOnly | UnixFileMode.GroupRead | UnixFileMode.OtherRead; // 0644

    private static string Shm(string tag) => "/dev/shm/" + tag;

    /// <summary>Every way the engine can create a tag, given its tag options (Permission...).</summary>
    internal static readonly Dictionary<string, Func<string, TagOptions, IDisposable>> Creators = new()
    {
        ["MapShared OpenOrCreate"] = (tag, t) => MemoryMap.MapShared(tag, new MapOptions { Size = Page }, With(t, SharedOpenMode.OpenOrCreate)),
        ["MapShared CreateNew"] = (tag, t) => MemoryMap.MapShared(tag, new MapOptions { Size = Page }, With(t, SharedOpenMode.CreateNew)),
        ["MirroredMap.MapShared"] = (tag, t) => MirroredMap.MapShared(tag, Page, 2, null, With(t, SharedOpenMode.OpenOrCreate)),
        ["MirroredMap.MapShared CreateNew"] = (tag, t) => MirroredMap.MapShared(tag, Page, 2, null, With(t, SharedOpenMode.CreateNew)),
        ["ByteRing.Create"] = (tag, t) => ByteRing.Create(tag, Page, null, t),
    };

    /// <summary>The caller's tag options with the creator's mode (access is the tags' default, ReadWrite).</summary>
    private static TagOptions With(TagOptions t, SharedOpenMode mode)
    {
        var c = t.Clone();
        c.Mode = mode;
        return c;
    }

    public static TheoryData<string> CreatorNames => new(Creators.Keys);

    [SkippableTheory]
    [MemberData(nameof(CreatorNames))]
    public void Every_creator_makes_0600_segments_unless_widened_and_then_exactly_as_asked(string creator)
    {
        Skip.IfNot(Expect.IsLinux, "/dev/shm is Linux's");
        using var tags = new Tags();
        string plain = tags.New(), widened = tags.New();
        using (Creators[creator](plain, new TagOptions()))
            Assert.Equal(OwnerOnly, File.GetUnixFileMode(Shm(plain)));
        using (Creators[creator](widened, new TagOptions { Permission = (int)Widened }))
            Assert.Equal(Widened, File.GetUnixFileMode(Shm(widened)));
    }

    [SkippableFact]
    public void Opening_an_existing_tag_never_changes_its_mode()
    {
        Skip.IfNot(Expect.IsLinux, "/dev/shm is Linux's");
        using var tags = new Tags();
        string tag = tags.New();
        using var first = MemoryMap.MapShared(tag, new MapOptions { Access = MapAccess.ReadWrite, Size = 2 * Page }, new TagOptions { Permission = (int)Widened });
        using (MemoryMap.MapShared(tag, new MapOptions { Access = MapAccess.ReadWrite, Size = 2 * Page }, new TagOptions { Permission = 0x180 })) { }
        using (MirroredMap.MapShared(tag, Page, 2, new MapOptions { Access = MapAccess.ReadWrite }, new TagOptions { Permission = 0x1FF })) { }
        Assert.Equal(Widened, File.GetUnixFileMode(Shm(tag)));
    }

    public static TheoryData<int> BadModes => new() { -1, 0x200, 0x400, 0x800, 0xE00, 0xFFF, int.MaxValue, int.MinValue };

    [SkippableTheory]
    [MemberData(nameof(BadModes))]
    public void Permission_values_outside_0_to_0777_are_refused_by_every_creator_before_anything_exists(int mode)
    {
        Skip.IfNot(Expect.IsLinux, "/dev/shm is Linux's");
        using var tags = new Tags();
        foreach (var (name, create) in Creators)
        {
            string tag = tags.New();
            var e = Expect.Error(MmapError.InvalidArgument, () => create(tag, new TagOptions { Permission = mode }).Dispose());
            Assert.Contains("Give owner/group/other bits only", e.Message);
            Assert.False(File.Exists(Shm(tag)), $"{name} left {Shm(tag)}");
        }
    }

    /// <summary>Names that try to leave the shared-memory namespace, and whether the engine must refuse them
    /// (false: they are accepted as plain names and must land as one file directly in /dev/shm).</summary>
    public static TheoryData<string, bool> Escapes => new()
    {
        { "..", true }, { ".", true }, { "...", true }, { "....", true },
        { "../{M}", true }, { "../../tmp/{M}", true }, { "{M}/..", true }, { "{M}/../../x", true }, { "..\\{M}", true }, { "./{M}", true },
        { "/{M}", true }, { "//{M}", true }, { "{M}\0/../x", true }, { "{M}\n", true },
        { "sem.{M}", true }, // /dev/shm/sem.* are glibc's named semaphores, another namespace
        { "{M}{lone surrogate}", true }, // written as U+FFFD it would give two tags one segment (xunit cannot carry it raw)
        { "%2e%2e{M}", false }, { "%2e%2e%2f{M}", false }, { "..%2f{M}", true },
        { "{M}\u2215x", false }, { "{M}\uFF0Fx", false }, { "{M}\u2044x", false }, { "{M}\uFF3Cx", false }, { "{M}\u29F8x", false },
        { " {M}", false }, { "{M} ", false }, { "  {M}  ", false }, { "{M}\u00A0", false }, { "{M}\u202E", false },
        { ".{M}", false }, { "{M}.", false }, { "~{M}", false }, { "$HOME{M}", false }, { "{M}:x", false }, { "{M}*", false },
        { "{M}" + new string('x', 200), false }, // 217 bytes: inside the 255-byte limit
        { "{M}" + new string('x', 300), true },
        { "{M}" + new string('é', 119), false }, // 255 UTF-8 bytes exactly
        { "{M}" + new string('é', 120), true },  // 257 bytes
    };

    [SkippableTheory]
    [MemberData(nameof(Escapes))]
    public void A_tag_never_names_anything_outside_dev_shm(string pattern, bool refused)
    {
        Skip.IfNot(Expect.IsLinux, "/dev/shm is Linux's");
        using var s = new Sandbox();
        string marker = s.Marker; // 17 characters: the long patterns count on it
        string tag = pattern.Replace("{M}", marker).Replace("{lone surrogate}", "\ud800");
        // A neighbour in /dev/shm (other processes' entries come and go, so only our own can be watched).
        string canary = Shm("mmaprel-canary-" + Guid.NewGuid().ToString("N").Substring(0, 10));
        File.WriteAllBytes(canary, TempDir.PatternBytes(64));
        var rw = new MapOptions { Access = MapAccess.ReadWrite, Size = Page };
        try
        {
            Escape(s, tag, marker, refused, rw);
            Assert.Equal(TempDir.PatternBytes(64), File.ReadAllBytes(canary));
        }
        finally
        {
            File.Delete(canary);
            try { SharedMemory.Unlink(tag); } catch (MmapException) { } // only a failing run leaves one
        }
    }

    private static void Escape(Sandbox s, string tag, string marker, bool refused, MapOptions rw)
    {
        if (refused)
        {
            var e = Expect.Error(MmapError.InvalidArgument, () => MemoryMap.MapShared(tag, rw));
            Assert.False(e.Message.Any(char.IsControl), e.Message);
            Expect.Error(MmapError.InvalidArgument, () => MirroredMap.MapShared(tag, Page));
            Expect.Error(MmapError.InvalidArgument, () => ByteRing.Create(tag, Page));
            Expect.Error(MmapError.InvalidArgument, () => SharedMemory.Unlink(tag));
        }
        else
        {
            using (var map = MemoryMap.MapShared(tag, rw))
            {
                map.Write<long>(0, 42);
                // Exactly one new entry, directly in /dev/shm, under exactly the tag's name.
                Assert.Equal(new[] { Shm(tag) }, s.MarkedEntries().Where(e => e.StartsWith("/dev/shm/", StringComparison.Ordinal)).ToArray());
                Assert.True(File.Exists(Shm(tag)), Shm(tag));
                Assert.Equal(Page, new FileInfo(Shm(tag)).Length);
            }
            SharedMemory.Unlink(tag);
        }
        Assert.DoesNotContain(s.MarkedEntries(), e => e.Contains(marker, StringComparison.Ordinal));
    }

    /// <summary>The engine's ways to create a file, each pointed at a path that is a planted dangling link.</summary>
    public static TheoryData<string> FileCreators => new() { "MapFile ReadWrite", "MapFile CopyOnWrite", "FileSizer.SetSize", "FileSizer.SetSize sparse", "MirroredMap.MapFile" };

    [SkippableTheory]
    [MemberData(nameof(FileCreators))]
    public void A_planted_dangling_link_never_creates_its_target(string creator)
    {
        Skip.IfNot(Expect.IsLinux, "symlink semantics of O_CREAT|O_EXCL");
        using var s = new Sandbox();
        // The target lies outside the sandbox, where an attacker would want a file to appear.
        string target = Path.Combine(Path.GetTempPath(), s.Marker + "-planted-target");
        string link = s.File("innocent.bin");
        File.CreateSymbolicLink(link, target);
        Action create = creator switch
        {
            "MapFile ReadWrite" => () => MemoryMap.MapFile(link, new MapOptions { Access = MapAccess.ReadWrite, Size = Page }),
            "MapFile CopyOnWrite" => () => MemoryMap.MapFile(link, new MapOptions { Access = MapAccess.CopyOnWrite, Size = Page }),
            "FileSizer.SetSize" => () => FileSizer.SetSize(link, Page),
            "FileSizer.SetSize sparse" => () => FileSizer.SetSize(link, 1L << 40, sparse: true),
            _ => () => MirroredMap.MapFile(link, Page),
        };
        var e = Expect.Error(MmapError.NoFile, create);
        Assert.Contains(link, e.Message);
        Assert.False(File.Exists(target), $"{creator} created {target} through the link");
        Assert.Equal(target, new FileInfo(link).LinkTarget);
    }

    /// <summary>A link planted in /dev/shm under a tag's name, dangling or pointing at a file outside.</summary>
    public static TheoryData<string, bool> PlantedTagLinks => new()
    {
        { "MapShared OpenOrCreate", false }, { "MapShared OpenOrCreate", true },
        { "MapShared OpenExisting", false }, { "MapShared OpenExisting", true },
        { "MapShared Read", true }, { "MapShared CreateNew", true },
        { "MirroredMap.MapShared", false }, { "MirroredMap.MapShared", true },
        { "ByteRing.Create", true }, { "ByteRing.Attach", true },
        { "Unlink", false }, { "Unlink", true },
    };

    [SkippableTheory]
    [MemberData(nameof(PlantedTagLinks))]
    public void A_link_planted_in_dev_shm_is_never_followed(string action, bool pointsAtAFile)
    {
        Skip.IfNot(Expect.IsLinux && Environment.UserName == "root", "plants a link in /dev/shm (Linux, root)");
        using var s = new Sandbox();
        string tag = s.Marker;
        string outside = Path.Combine(s.Path, "outside.bin");
        if (pointsAtAFile) File.WriteAllBytes(outside, TempDir.PatternBytes(8192));
        File.CreateSymbolicLink(Shm(tag), outside);
        try
        {
            var before = s.Snapshot();
            var rw = new MapOptions { Access = MapAccess.ReadWrite, Size = Page };
            Action act = action switch
            {
                "MapShared OpenOrCreate" => () => MemoryMap.MapShared(tag, rw).Dispose(),
                "MapShared OpenExisting" => () => MemoryMap.MapShared(tag, new MapOptions { Access = MapAccess.ReadWrite }, new TagOptions { Mode = SharedOpenMode.OpenExisting }).Dispose(),
                "MapShared Read" => () => MemoryMap.MapShared(tag).Dispose(),
                "MapShared CreateNew" => () => MemoryMap.MapShared(tag, new MapOptions { Access = MapAccess.ReadWrite, Size = Page }, new TagOptions { Mode = SharedOpenMode.CreateNew }).Dispose(),
                "MirroredMap.MapShared" => () => MirroredMap.MapShared(tag, Page).Dispose(),
                "ByteRing.Create" => () => ByteRing.Create(tag, Page).Dispose(),
                "ByteRing.Attach" => () => ByteRing.Attach(tag).Dispose(),
                _ => () => SharedMemory.Unlink(tag),
            };
            if (action == "Unlink")
            {
                act(); // unlink removes the name itself, never what a link points at
                Assert.False(File.Exists(Shm(tag)) || new FileInfo(Shm(tag)).LinkTarget != null, "the link is still there");
            }
            else
            {
                // Creating exclusively finds the name taken; every other open refuses to follow the link.
                bool exclusive = action == "MapShared CreateNew" || action == "ByteRing.Create";
                var e = Expect.Error(exclusive ? MmapError.AlreadyExists : MmapError.InvalidArgument, act);
                Assert.Contains(tag, e.Message);
                Assert.Contains(exclusive ? "Pick another tag" : "Remove the link, or use another tag", e.Message);
                Assert.Equal(outside, new FileInfo(Shm(tag)).LinkTarget); // the planted link is left for its owner to see
            }
            Assert.Equal(before, s.Snapshot()); // the file outside is neither created, grown, truncated nor written
        }
        finally { File.Delete(Shm(tag)); }
    }

    /// <summary>kind, access, execute -> the permission column /proc/self/maps must show for every view.</summary>
    public static TheoryData<string, MapAccess, bool, string> Protections
    {
        get
        {
            var data = new TheoryData<string, MapAccess, bool, string>();
            foreach (string kind in new[] { "file", "anonymous", "tag", "mirror of a file", "mirror of a tag", "anonymous mirror" })
                foreach (var access in new[] { MapAccess.Read, MapAccess.ReadWrite, MapAccess.CopyOnWrite })
                {
                    if (access == MapAccess.CopyOnWrite && kind.Contains("mirror"))
                        continue; // mirrors refuse CopyOnWrite (a bad-input case)
                    foreach (bool execute in new[] { false, true })
                    {
                        bool shared = access != MapAccess.CopyOnWrite && kind != "anonymous";
                        string perms = "r" + (access == MapAccess.Read ? "-" : "w") + (execute ? "x" : "-") + (shared ? "s" : "p");
                        data.Add(kind, access, execute, perms);
                    }
                }
            return data;
        }
    }

    [SkippableTheory]
    [MemberData(nameof(Protections))]
    public void Execute_only_when_asked_and_write_plus_execute_only_when_both_are(string kind, MapAccess access, bool execute, string perms)
    {
        Skip.IfNot(Expect.IsLinux, "reads /proc/self/maps");
        Skip.If(execute && kind.Contains("tag") && ShmIsNoexec(), "/dev/shm is mounted noexec here, so no tag can be mapped executable");
        using var s = new Sandbox();
        using var tags = new Tags();
        var o = new MapOptions { Access = access, Execute = execute };
        var rw = new MapOptions { Access = MapAccess.ReadWrite, Size = 2 * Page };
        string tag = tags.New();
        if (kind.Contains("tag")) MemoryMap.MapShared(tag, rw).Dispose();
        IDisposable map;
        IntPtr[] views;
        switch (kind)
        {
            case "file": { var m = MemoryMap.MapFile(s.Data, o); map = m; views = new[] { m.Address }; break; }
            case "anonymous": { var m = MemoryMap.MapAnonymous(Page, o); map = m; views = new[] { m.Address }; break; }
            case "tag": { var m = MemoryMap.MapShared(tag, o); map = m; views = new[] { m.Address }; break; }
            default:
            {
                var m = kind == "mirror of a file" ? MirroredMap.MapFile(s.Data, Page, 3, o)
                    : kind == "mirror of a tag" ? MirroredMap.MapShared(tag, Page, 3, o)
                    : MirroredMap.MapAnonymous(Page, 3, o);
                map = m;
                views = Enumerable.Range(0, m.Times).Select(m.GetCopyAddress).ToArray();
                break;
            }
        }
        using (map)
            foreach (IntPtr view in views)
            {
                string line = ProcSelf.MapsLineAt(view) ?? throw new Xunit.Sdk.XunitException($"0x{view:X} is not in /proc/self/maps");
                Assert.Equal(perms, line.Split(' ')[1]);
            }
    }

    [SkippableFact]
    public void A_ring_is_never_executable()
    {
        Skip.IfNot(Expect.IsLinux, "reads /proc/self/maps");
        using var tags = new Tags();
        using var local = ByteRing.Create(Page);
        using var shared = ByteRing.Create(tags.New(), Page, new MapOptions { Execute = true }); // options' Execute is not the ring's to take
        foreach (string line in ProcSelf.Maps().Where(l => l.Contains("/dev/shm/" + shared.Tag) || l.Contains("memfd:mmap-mirror")))
            Assert.DoesNotContain('x', line.Split(' ')[1]);
    }

    /// <summary>How the test reaches the mapped file: the path it was mapped by, or another name of the same file.</summary>
    public static TheoryData<string> OtherNames => new() { "same path", "relative path", "symlink", "hard link", "mirror, same path" };

    [SkippableTheory]
    [MemberData(nameof(OtherNames))]
    public void A_mapped_file_cannot_be_resized_through_FileSizer_by_any_name(string how)
    {
        Skip.If(how == "hard link" && !Expect.IsLinux, "ln");
        using var s = new Sandbox();
        string name = how switch
        {
            "relative path" => Path.GetRelativePath(Environment.CurrentDirectory, s.Data),
            "symlink" => File.CreateSymbolicLink(s.File("alias.bin"), s.Data).FullName,
            "hard link" => HardLink(s.Data, s.File("hard.bin")),
            _ => s.Data,
        };
        var before = s.Snapshot();
        IDisposable map = how.StartsWith("mirror", StringComparison.Ordinal)
            ? MirroredMap.MapFile(s.Data, Page, 2, new MapOptions { Access = MapAccess.ReadWrite })
            : MemoryMap.MapFile(s.Data, new MapOptions { Access = MapAccess.Read });
        using (map)
        {
            foreach (long size in ResizeAttempts)
            {
                var e = Expect.Error(MmapError.InvalidArgument, () => FileSizer.SetSize(name, size, sparse: true));
                Assert.Matches("Free th(at map|ose maps) first", e.Message);
            }
            Assert.Equal(before, s.Snapshot());
        }
        Assert.Equal(Page, FileSizer.SetSize(name, Page)); // freed: now it may
    }

    /// <summary>Shrink to nothing, to one byte, and to one byte short of the nearer map end (the data file's, or a mirror's
    /// block of one granule): every size that cuts under the map (growing, which cuts nothing, is allowed: FileSizerTests).
    /// On Windows a granule (64 KiB) is longer than the data file, so Page - 1 alone would be a grow there.</summary>
    internal static readonly long[] ResizeAttempts = { 0L, 1L, Math.Min(Page, Sandbox.DataLength) - 1 };

    private static string HardLink(string existing, string link)
    {
        using var p = System.Diagnostics.Process.Start("ln", new[] { existing, link })!;
        p.WaitForExit();
        return link;
    }

    private static bool ShmIsNoexec() =>
        File.ReadLines("/proc/self/mounts").Any(l => l.Split(' ') is var f && f.Length > 3 && f[1] == "/dev/shm" && f[3].Split(',').Contains("noexec"));
}
