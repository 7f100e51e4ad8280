using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using Mmap.Commands.Core;

namespace Mmap.Commands
{
    /// <summary>Tab completion for -Tag: the shared-memory tags that exist (Linux) and those of this session's maps.</summary>
    public sealed class TagCompleter : IArgumentCompleter
    {
        /// <inheritdoc/>
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters) =>
            TagNames.Complete(wordToComplete, SharedMemory.ListTags, MemoryMapRegistry.GetLiveMaps())
                .Select(t => new CompletionResult(t, t, CompletionResultType.ParameterValue, t));
    }
}
