using System.Management.Automation;
using System.Reflection;
using Mmap;

namespace Mmap.PowerShell.Tests;

/// <summary>One parameter set a parameter belongs to, with its binding facts.</summary>
public sealed record ParameterSetFacts(string SetName, bool Mandatory, int? Position, bool ByValue, bool ByPropertyName);

/// <summary>A cmdlet parameter as PowerShell sees it.</summary>
public sealed record ParameterFacts(string Name, string TypeName, IReadOnlyList<ParameterSetFacts> Sets, IReadOnlyList<string> Aliases, bool Wildcards);

/// <summary>A cmdlet class as PowerShell sees it.</summary>
public sealed record CmdletFacts(string Name, Type Type, bool SupportsShouldProcess, string? DefaultSet, IReadOnlyList<Type> OutputTypes, IReadOnlyList<ParameterFacts> Parameters)
{
    /// <summary>The parameter sets PowerShell shows for the cmdlet (one SYNTAX block each).</summary>
    public IReadOnlyList<string> SetNames =>
        Parameters.SelectMany(p => p.Sets).Select(s => s.SetName).Where(s => s != CmdletCatalog.AllSets)
            .Concat(DefaultSet is null ? [] : [DefaultSet]).Distinct().ToList();
}

/// <summary>The module's cmdlets, read with PowerShell's own <see cref="CommandMetadata"/> from the loaded Mmap.PowerShell.dll.</summary>
public static class CmdletCatalog
{
    public const string AllSets = ParameterAttribute.AllParameterSets;

    public static IReadOnlyList<CmdletFacts> All { get; } = typeof(Mmap.Commands.NewMemoryMapCommand).Assembly.GetExportedTypes()
        .Where(t => t.GetCustomAttribute<CmdletAttribute>() != null).Select(Read).OrderBy(c => c.Name).ToList();

    private static CmdletFacts Read(Type type)
    {
        var cmdlet = type.GetCustomAttribute<CmdletAttribute>()!;
        var metadata = new CommandMetadata(type);
        var outputs = type.GetCustomAttributes<OutputTypeAttribute>().SelectMany(o => o.Type).Select(t => t.Type).ToList();
        var parameters = metadata.Parameters.Values.Select(p => new ParameterFacts(
            p.Name,
            ShortName(p.ParameterType),
            p.ParameterSets.Select(s => new ParameterSetFacts(s.Key, s.Value.IsMandatory,
                s.Value.Position == int.MinValue ? null : s.Value.Position, s.Value.ValueFromPipeline, s.Value.ValueFromPipelineByPropertyName)).ToList(),
            p.Aliases.ToList(),
            type.GetProperty(p.Name)!.GetCustomAttribute<SupportsWildcardsAttribute>() != null)).ToList();
        return new CmdletFacts($"{cmdlet.VerbName}-{cmdlet.NounName}", type, cmdlet.SupportsShouldProcess,
            cmdlet.DefaultParameterSetName, outputs, parameters);
    }

    /// <summary>PlatyPS's spelling of a type: its name without the namespace (System.Int64[] -> Int64[]).</summary>
    private static string ShortName(Type t) => t.Name;
}
