using Mmap;

namespace Mmap.Tests;

/// <summary>
/// One bad input: what it calls (in a fresh <see cref="Sandbox"/>), the engine code it must give (or, for
/// programming errors such as a null stream, the .NET exception type) and a phrase of the fix its message must hold.
/// <see cref="Group"/> is the row of docs/reliability.md that counts it.
/// </summary>
public sealed record BadInput(string Group, string Name, Action<Sandbox> Act, MmapError? Code, string Phrase, Type? Exception = null, bool LinuxOnly = false)
{
    public static BadInput Error(string group, string name, MmapError code, string phrase, Action<Sandbox> act, bool linuxOnly = false) =>
        new(group, name, act, code, phrase, null, linuxOnly);

    public static BadInput Throws<TException>(string group, string name, string phrase, Action<Sandbox> act) where TException : Exception =>
        new(group, name, act, null, phrase, typeof(TException));

    public override string ToString() => $"{Group}: {Name}";
}

/// <summary>Builds the rows of one group without repeating its name.</summary>
public sealed class CaseList : List<BadInput>
{
    private readonly string _group;

    public CaseList(string group) => _group = group;

    public void Add(string name, MmapError code, string phrase, Action<Sandbox> act, bool linuxOnly = false) =>
        Add(BadInput.Error(_group, name, code, phrase, act, linuxOnly));

    public void Throws<TException>(string name, string phrase, Action<Sandbox> act) where TException : Exception =>
        Add(BadInput.Throws<TException>(_group, name, phrase, act));
}
