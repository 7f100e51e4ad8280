using System.Collections.Generic;
using System.Linq;
using Mmap.Commands.Policy;

namespace Mmap.Commands
{
    /// <summary>Tab completion for -Type of Read-MemoryMap and Write-MemoryMap: the numeric type names.</summary>
    public sealed class ValueTypeCompleter : ParameterValueCompleter
    {
        /// <inheritdoc/>
        protected override IEnumerable<(string Text, string ToolTip)> Complete(string parameterName, string wordToComplete) =>
            Names(ValueTypes.Numbers, wordToComplete);

        /// <summary>The names of <paramref name="types"/> that start with the word typed (case-insensitive).</summary>
        internal static IEnumerable<(string Text, string ToolTip)> Names(IEnumerable<System.Type> types, string? word) =>
            types.Where(t => t.Name.StartsWith((word ?? "").Trim('\'', '"'), System.StringComparison.OrdinalIgnoreCase))
                .Select(t => (t.Name, "System." + t.Name));
    }

    /// <summary>Tab completion for -Type of Update-MemoryMapValue: the integer types the CPU updates atomically.</summary>
    public sealed class AtomicTypeCompleter : ParameterValueCompleter
    {
        /// <inheritdoc/>
        protected override IEnumerable<(string Text, string ToolTip)> Complete(string parameterName, string wordToComplete) =>
            ValueTypeCompleter.Names(ValueTypes.Atomic, wordToComplete);
    }
}
