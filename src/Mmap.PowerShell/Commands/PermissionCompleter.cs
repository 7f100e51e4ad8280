using System.Collections.Generic;
using Mmap.Commands.Policy;

namespace Mmap.Commands
{
    /// <summary>Tab completion for -Permission: the usual modes of a new tag (not file names).</summary>
    public sealed class PermissionCompleter : ParameterValueCompleter
    {
        /// <inheritdoc/>
        protected override IEnumerable<(string Text, string ToolTip)> Complete(string parameterName, string wordToComplete) =>
            TagPermission.Complete(wordToComplete);
    }
}
