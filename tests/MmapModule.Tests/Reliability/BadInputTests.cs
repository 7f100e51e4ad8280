using Mmap;

namespace MmapModule.Tests.Reliability;

/// <summary>
/// Runs every bad input of <see cref="EngineBadInputs"/> and <see cref="CommandCoreBadInputs"/> in its own sandbox:
/// each must throw the documented code with a message holding its fix, leave every file in the sandbox as it was
/// (names, kinds, sizes, hashes), leave nothing carrying its marker in /dev/shm or elsewhere, and keep no map or
/// descriptor open once the case's own objects are freed. The cases map and free hundreds of ranges, so they run
/// apart from tests that check an address stays unmapped after a free (another thread could reuse it meanwhile).
/// </summary>
[Collection(ProcessWideCollection.Name)]
public sealed class BadInputTests
{
    private static readonly Dictionary<string, BadInput> Engine = EngineBadInputs.All().ToDictionary(c => c.ToString());
    private static readonly Dictionary<string, BadInput> Core = CommandCoreBadInputs.All().ToDictionary(c => c.ToString());

    public static TheoryData<string> EngineCases => new(Engine.Keys);
    public static TheoryData<string> CoreCases => new(Core.Keys);

    [SkippableTheory]
    [MemberData(nameof(EngineCases))]
    public void Engine_bad_input_gives_its_code_and_fix_and_changes_nothing(string name) => Run(Engine[name]);

    [SkippableTheory]
    [MemberData(nameof(CoreCases))]
    public void Command_core_bad_input_gives_its_code_and_fix_and_changes_nothing(string name) => Run(Core[name]);

    internal static void Run(BadInput c)
    {
        Skip.If(c.LinuxOnly && !Expect.IsLinux, "needs Linux (/dev, FIFOs, unix sockets, /proc or its address-space layout)");
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
