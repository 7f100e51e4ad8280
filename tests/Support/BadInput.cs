using Mmap;

namespace Mmap.Tests;

/// <summary>
/// One bad input: what it calls (in a fresh <see cref="Sandbox"/>), the engine code it must give (or, for
/// programming errors such as a null stream, the .NET exception type) and a phrase of the fix its message must hold.
/// <see cref="Group"/> is the row of docs/reliability.md that counts it. <see cref="LinuxOnly"/>, when set, says why the
/// case runs on Linux only (it is skipped elsewhere with that reason).
/// </summary>
public sealed record BadInput(string Group, string Name, Action<Sandbox> Act, MmapError? Code, string Phrase, Type? Exception = null, string? LinuxOnly = null)
{
    /// <summary>Why most Linux-only cases are: what they touch exists on Linux alone.</summary>
    public const string NeedsLinux = "needs Linux (/dev, FIFOs, unix sockets, /proc or its address-space layout)";

    public static BadInput Error(string group, string name, MmapError code, string phrase, Action<Sandbox> act, bool linuxOnly = false) =>
        new(group, name, act, code, phrase, null, linuxOnly ? NeedsLinux : null);

    /// <summary>A case of a rule Linux alone has, <paramref name="linuxRule"/> naming it (null: a case for every OS).</summary>
    public static BadInput Error(string group, string name, MmapError code, string phrase, Action<Sandbox> act, string? linuxRule) =>
        new(group, name, act, code, phrase, null, linuxRule);

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

    public void Add(string name, MmapError code, string phrase, Action<Sandbox> act, string? linuxRule) =>
        Add(BadInput.Error(_group, name, code, phrase, act, linuxRule));

    public void Throws<TException>(string name, string phrase, Action<Sandbox> act) where TException : Exception =>
        Add(BadInput.Throws<TException>(_group, name, phrase, act));
}
