using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;

namespace Mmap.Commands.Policy
{
    /// <summary>Get-MemoryMap -Path/-LiteralPath completion: the paths of the session's live file maps.</summary>
    internal static class MapPaths
    {
        /// <summary>The mapped paths whose full path, or file name, starts with <paramref name="wordToComplete"/>
        /// (quotes ignored), sorted, each once, as PowerShell source: wildcard characters escaped for -Path
        /// (<paramref name="wildcard"/>), single-quoted where PowerShell would split or expand the path.</summary>
        internal static IReadOnlyList<(string Text, string ToolTip)> Complete(string? wordToComplete, IEnumerable<MemoryMap> live, bool wildcard)
        {
            string prefix = (wordToComplete ?? "").Trim('\'', '"');
            var comparison = PathRules.PathsIgnoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
            return live.Where(m => m.Path != null)
                .GroupBy(m => m.Path!, PathRules.PathsIgnoreCase ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal)
                .Where(g => g.Key.StartsWith(prefix, comparison) || System.IO.Path.GetFileName(g.Key).StartsWith(prefix, comparison))
                .OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => (Quote(wildcard ? WildcardPattern.Escape(g.Key) : g.Key), $"{g.Key}: map #{string.Join(", #", g.Select(m => m.Id))}"))
                .ToList();
        }

        private static string Quote(string path) =>
            path.All(c => char.IsLetterOrDigit(c) || "/\\._-:~`[]*?".IndexOf(c) >= 0) ? path : "'" + path.Replace("'", "''") + "'";
    }
}
