using System.Collections.Generic;
using System.Linq;
using Mmap.Commands.Policy;

namespace Mmap.Commands
{
    /// <summary>Tab completion for Get-MemoryMap -Path and -LiteralPath: the files the session's live maps map (not the
    /// files of the current folder, which PowerShell would offer), escaped for -Path's wildcards.</summary>
    public sealed class MapPathCompleter : ParameterValueCompleter
    {
        /// <inheritdoc/>
        protected override IEnumerable<(string Text, string ToolTip)> Complete(string parameterName, string wordToComplete) =>
            MapPaths.Complete(wordToComplete, CmdletSupport.CurrentSession.LiveMaps, wildcard: parameterName == "Path");
    }
}
