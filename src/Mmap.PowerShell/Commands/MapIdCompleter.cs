using System.Collections.Generic;
using Mmap.Commands.Policy;

namespace Mmap.Commands
{
    /// <summary>Tab completion for -Id on Get-MemoryMap and Remove-MemoryMap: the live maps of this session.</summary>
    public sealed class MapIdCompleter : ParameterValueCompleter
    {
        /// <inheritdoc/>
        protected override IEnumerable<(string Text, string ToolTip)> Complete(string parameterName, string wordToComplete) =>
            MapIds.Complete(wordToComplete, CmdletSupport.CurrentSession.LiveMaps);
    }
}
