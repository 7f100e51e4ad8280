using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace Mmap.Commands
{
    /// <summary>The shape every completer of the module shares (-Tag, -Encoding, -Id, -Path, -Permission): values for the word typed so far, each with
    /// a tooltip; the choice of values lives in Policy.</summary>
    public abstract class ParameterValueCompleter : IArgumentCompleter
    {
        /// <inheritdoc/>
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters) =>
            Complete(parameterName, wordToComplete).Select(v => new CompletionResult(v.Text, v.Text, CompletionResultType.ParameterValue, v.ToolTip));

        /// <summary>The values to offer for <paramref name="wordToComplete"/> of <paramref name="parameterName"/>, as
        /// PowerShell source, with their tooltips.</summary>
        protected abstract IEnumerable<(string Text, string ToolTip)> Complete(string parameterName, string wordToComplete);
    }
}
