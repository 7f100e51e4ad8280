namespace Mmap.PowerShell.Tests.Policy;

/// <summary>Runs every bad input of <see cref="PolicyBadInputs"/> through <see cref="BadInputCheck"/>, apart from
/// tests that check an address stays unmapped after a free.</summary>
[Collection(ProcessWideCollection.Name)]
public sealed class PolicyBadInputTests
{
    private static readonly Dictionary<string, BadInput> Cases = PolicyBadInputs.All().ToDictionary(c => c.ToString());

    public static TheoryData<string> CaseNames => new(Cases.Keys);

    [SkippableTheory]
    [MemberData(nameof(CaseNames))]
    public void Policy_bad_input_gives_its_code_and_fix_and_changes_nothing(string name) => BadInputCheck.Run(Cases[name]);
}
