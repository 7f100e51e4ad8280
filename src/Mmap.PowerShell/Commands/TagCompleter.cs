using System.Collections.Generic;
using System.Linq;
using Mmap.Commands.Policy;

namespace Mmap.Commands
{
    /// <summary>Tab completion for -Tag: the shared-memory tags that exist (Linux) and those of this process's maps.</summary>
    public sealed class TagCompleter : ParameterValueCompleter
    {
        /// <inheritdoc/>
        protected override IEnumerable<(string Text, string ToolTip)> Complete(string parameterName, string wordToComplete) =>
            TagNames.Complete(wordToComplete, SharedMemory.ListTags, MemoryMapRegistry.GetLiveMaps()).Select(t => (t, t));
    }
}
