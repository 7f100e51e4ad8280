using Mmap;

namespace Mmap.Tests.Reliability;

/// <summary>
/// Runs every bad input of <see cref="EngineBadInputs"/> through <see cref="BadInputCheck"/>. The cases map and free
/// hundreds of ranges, so they run apart from tests that check an address stays unmapped after a free (another
/// thread could reuse it meanwhile).
/// </summary>
[Collection(ProcessWideCollection.Name)]
public sealed class BadInputTests
{
    private static readonly Dictionary<string, BadInput> Engine = EngineBadInputs.All().ToDictionary(c => c.ToString());

    public static TheoryData<string> EngineCases => new(Engine.Keys);

    [SkippableTheory]
    [MemberData(nameof(EngineCases))]
    public void Engine_bad_input_gives_its_code_and_fix_and_changes_nothing(string name) => BadInputCheck.Run(Engine[name]);
}
