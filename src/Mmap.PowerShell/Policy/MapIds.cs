using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace Mmap.Commands.Policy
{
    /// <summary>-Id completion: the ids of the session's live maps, each with the map's description as its tooltip.</summary>
    internal static class MapIds
    {
        /// <summary>The ids starting with <paramref name="wordToComplete"/> (quotes ignored), oldest map first.</summary>
        internal static IReadOnlyList<(string Id, string ToolTip)> Complete(string? wordToComplete, IEnumerable<MemoryMap> live)
        {
            string prefix = (wordToComplete ?? "").Trim('\'', '"');
            return live.Select(m => (Id: m.Id.ToString(CultureInfo.InvariantCulture), ToolTip: $"{m.Description}: {m.Access}, {ByteSize.ToText(m.Size)}"))
                .Where(c => c.Id.StartsWith(prefix, StringComparison.Ordinal))
                .ToList();
        }
    }
}
