using System.Collections.ObjectModel;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using Mmap.Tests;

namespace Mmap.PowerShell.Tests;

/// <summary>A runspace with out/Mmap imported (the folder the build lays out), for running the real cmdlets in-process;
/// a given host (a <see cref="ScriptedHost"/>, say) answers its prompts.</summary>
public sealed class ModuleHost : IDisposable
{
    private readonly Runspace _runspace;

    public ModuleHost(System.Management.Automation.Host.PSHost? host = null)
    {
        var state = InitialSessionState.CreateDefault2();
        // A hosted PowerShell on Windows with no policy configured is Restricted, which refuses the module's
        // Mmap.Format.ps1xml; pwsh itself defaults to RemoteSigned there, which loads local files. Elsewhere: no policy.
        if (OperatingSystem.IsWindows()) state.ExecutionPolicy = Microsoft.PowerShell.ExecutionPolicy.RemoteSigned;
        state.ImportPSModule(RepoFiles.Path("out", "Mmap", "Mmap.psd1"));
        _runspace = host is null ? RunspaceFactory.CreateRunspace(state) : RunspaceFactory.CreateRunspace(host, state);
        _runspace.Open();
    }

    /// <summary>Runs <paramref name="script"/> (with $args bound to <paramref name="args"/>); throws on any error record.</summary>
    public Collection<PSObject> Run(string script, params object[] args)
    {
        var (output, errors) = TryRun(script, args);
        if (errors.Count > 0)
            throw new InvalidOperationException($"The script wrote {errors.Count} error(s): " + string.Join(" | ", errors.Select(e => $"{e.FullyQualifiedErrorId}: {e}")));
        return output;
    }

    /// <summary>Runs <paramref name="script"/> and returns its output and every error it wrote or threw.</summary>
    public (Collection<PSObject> Output, IReadOnlyList<ErrorRecord> Errors) TryRun(string script, params object[] args)
    {
        using var ps = System.Management.Automation.PowerShell.Create();
        ps.Runspace = _runspace;
        ps.AddScript(script);
        foreach (var a in args) ps.AddArgument(a);
        try
        {
            var output = ps.Invoke();
            return (output, ps.Streams.Error.ToList());
        }
        catch (RuntimeException e)
        {
            return ([], ps.Streams.Error.Append(e.ErrorRecord).ToList());
        }
    }

    /// <summary>The text all of a script's output formats to (Out-String, as a console shows it), for view tests.</summary>
    public string Text(string script, params object[] args) =>
        string.Concat(Run("& {" + script + "} @args | Out-String -Width 200", args).Select(o => o.BaseObject as string));

    public void Dispose()
    {
        Run("Get-MemoryMap | Remove-MemoryMap");
        _runspace.Dispose();
    }
}
