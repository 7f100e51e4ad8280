using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;

namespace Mmap.Commands.Policy
{
    /// <summary>Get-MemoryMap's and Remove-MemoryMap's choice of maps among the session's live maps.</summary>
    internal static class MapSelection
    {
        /// <summary>The maps with the given ids, in the order asked, and an error for each id no live map has.</summary>
        internal static IReadOnlyList<MemoryMap> ById(IEnumerable<MemoryMap> live, IEnumerable<long> ids, ICollection<ErrorRecord> errors)
        {
            var byId = live.ToDictionary(m => m.Id);
            var found = new List<MemoryMap>();
            foreach (long id in ids)
            {
                if (byId.TryGetValue(id, out var map)) found.Add(map);
                else errors.Add(ErrorTranslator.MapNotFound(id));
            }
            return found;
        }

        /// <summary>File maps whose full path matches any of <paramref name="patterns"/> (wildcard matchers the
        /// cmdlet builds from its -Path values), oldest first. Anonymous maps have no path and never match.</summary>
        internal static IReadOnlyList<MemoryMap> ByPath(IEnumerable<MemoryMap> live, IReadOnlyList<Func<string, bool>> patterns) =>
            live.Where(m => m.Path != null && patterns.Any(p => p(m.Path))).ToList();

        /// <summary>Maps of a tag (shared maps and mirrors of a tag) whose tag matches any of <paramref name="patterns"/>,
        /// oldest first. File and anonymous maps have no tag and never match.</summary>
        internal static IReadOnlyList<MemoryMap> ByTag(IEnumerable<MemoryMap> live, IReadOnlyList<Func<string, bool>> patterns) =>
            live.Where(m => m.Tag != null && patterns.Any(p => p(m.Tag))).ToList();
    }
}
