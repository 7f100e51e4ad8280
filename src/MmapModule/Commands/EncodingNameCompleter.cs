using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using Mmap.Commands.Core;

namespace Mmap.Commands
{
    /// <summary>Tab completion for -Encoding on Read-MemoryMap and Write-MemoryMap.</summary>
    public sealed class EncodingNameCompleter : IArgumentCompleter
    {
        /// <inheritdoc/>
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters) =>
            TextEncodings.Complete(wordToComplete).Select(n => new CompletionResult(n, n, CompletionResultType.ParameterValue, n));
    }
}
