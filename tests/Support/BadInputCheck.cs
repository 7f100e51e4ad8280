using Mmap;

namespace Mmap.Tests;

/// <summary>
/// Runs one bad input in its own sandbox: it must throw the documented code with a message holding its fix, leave
/// every file in the sandbox as it was (names, kinds, sizes, hashes), leave nothing carrying its marker in /dev/shm or
/// elsewhere, and keep no map or descriptor open once the case's own objects are freed.
/// </summary>
public static class BadInputCheck
{
    public static void Run(BadInput c)
    {
        Skip.If(c.LinuxOnly != null && !Expect.IsLinux, c.LinuxOnly);
        using var s = new Sandbox();
        var before = s.Snapshot();

        Exception? thrown = Record.Exception(() => c.Act(s));

        Assert.True(thrown != null, $"{c} was accepted");
        if (c.Code is MmapError code)
        {
            var e = Assert.IsType<MmapException>(thrown);
            Assert.True(code == e.Error, $"{c}: expected {code}, got {e.Error}: {e.Message}");
        }
        else
            Assert.IsAssignableFrom(c.Exception!, thrown);
        Assert.Contains(c.Phrase, thrown!.Message);
        Assert.False(thrown.Message.Any(ch => ch == '\0'), "a message must not carry a NUL");

        s.FreeOwned();
        Assert.Equal(before, s.Snapshot());
        Assert.Empty(s.MarkedEntries());
        Assert.DoesNotContain(MemoryMapRegistry.GetLiveMaps(), m =>
            m.Path?.StartsWith(s.Path, StringComparison.Ordinal) == true || m.Tag?.Contains(s.Marker, StringComparison.Ordinal) == true);
        if (Expect.IsLinux) Assert.Equal(0, ProcSelf.DescriptorsUnder(s.Path));
    }
}
