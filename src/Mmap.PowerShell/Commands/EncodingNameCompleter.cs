using System.Collections.Generic;
using System.Linq;
using Mmap.Commands.Policy;

namespace Mmap.Commands
{
    /// <summary>Tab completion for -Encoding on Read-MemoryMap and Write-MemoryMap.</summary>
    public sealed class EncodingNameCompleter : ParameterValueCompleter
    {
        /// <inheritdoc/>
        protected override IEnumerable<(string Text, string ToolTip)> Complete(string parameterName, string wordToComplete) =>
            TextEncodings.Complete(wordToComplete).Select(n => (n, n));
    }
}
