using System;
using System.Collections.Generic;
using System.Linq;

namespace Mmap.Commands.Policy
{
    /// <summary>Tag names for -Tag completion and filters.</summary>
    internal static class TagNames
    {
        /// <summary>Whether tags compare without case: Windows object names do; POSIX shared-memory names do not.</summary>
        internal static bool IgnoreCase { get; } = MmapPlatform.TagNamesIgnoreCase;

        /// <summary>
        /// Completions for <paramref name="wordToComplete"/>: the tags the OS lists (Linux), plus the tags of this
        /// process's live maps (the only ones known on macOS and Windows, whose OS cannot list them), sorted, by
        /// prefix, quoted when PowerShell would otherwise split or expand them.
        /// </summary>
        internal static IReadOnlyList<string> Complete(string? wordToComplete, Func<IReadOnlyList<string>> listTags, IEnumerable<MemoryMap> live)
        {
            string prefix = Unquote(wordToComplete);
            var comparison = IgnoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
            return Known(listTags).Concat(live.Where(m => m.Tag != null).Select(m => m.Tag!))
                .Distinct(IgnoreCase ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal)
                .Where(t => t.StartsWith(prefix, comparison))
                .OrderBy(t => t, StringComparer.Ordinal)
                .Select(Quote)
                .ToList();
        }

        /// <summary>The tag as PowerShell source: bare when safe, else in single quotes (quotes doubled).</summary>
        internal static string Quote(string tag) =>
            tag.All(c => char.IsLetterOrDigit(c) || c == '-' || c == '_' || c == '.') && !tag.StartsWith("-", StringComparison.Ordinal)
                ? tag : "'" + tag.Replace("'", "''") + "'";

        private static IReadOnlyList<string> Known(Func<IReadOnlyList<string>> listTags)
        {
            try { return listTags(); }
            catch (MmapException) { return Array.Empty<string>(); } // not_supported (macOS, Windows): no list, no error while typing
        }

        private static string Unquote(string? word)
        {
            string w = word ?? "";
            return w.Length > 0 && (w[0] == '\'' || w[0] == '"') ? w.Substring(1).TrimEnd(w[0]) : w;
        }
    }
}
