using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;

namespace Mmap.Commands.Policy
{
    /// <summary>Get-MemoryMapTag's filter: the tags matching any pattern, each once; a plain name (no wildcard) that names
    /// no tag is an error, as Get-Item's is, while a pattern that matches nothing is just no output.</summary>
    internal static class TagListing
    {
        internal static IReadOnlyList<TagInfo> Select(IReadOnlyList<TagInfo> tags, IReadOnlyList<string> patterns, Func<string, Func<string, bool>> matcher,
            ICollection<ErrorRecord> errors)
        {
            if (patterns.Count == 0) return tags;
            var chosen = new HashSet<TagInfo>();
            foreach (string pattern in patterns)
            {
                Func<string, bool> matches;
                try { matches = matcher(pattern); }
                catch (MmapException e)
                {
                    errors.Add(ErrorTranslator.Translate(e, pattern));
                    continue;
                }
                var hits = tags.Where(t => matches(t.Tag)).ToList();
                if (hits.Count == 0 && !WildcardPattern.ContainsWildcardCharacters(pattern))
                    errors.Add(ErrorTranslator.Translate(new MmapException(MmapError.NoFile, Messages.NoSuchTag(pattern), 0, pattern), pattern));
                chosen.UnionWith(hits);
            }
            return tags.Where(chosen.Contains).ToList();
        }
    }
}
