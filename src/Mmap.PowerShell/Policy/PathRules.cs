using System;
using System.Collections.Generic;
using System.Linq;

namespace Mmap.Commands.Policy
{
    /// <summary>How many files one -Path value may name.</summary>
    internal enum PathMultiplicity
    {
        /// <summary>A map needs exactly one file (New-MemoryMap).</summary>
        ExactlyOne,
        /// <summary>The cmdlet acts on every match (Set-FileSize, like Clear-Content *.log).</summary>
        Each,
    }

    /// <summary>
    /// What a -Path/-LiteralPath value means, decided from facts the cmdlet gathers through
    /// SessionState.Path: the provider's name, whether the value is a wildcard pattern, and its matches.
    /// </summary>
    internal static class PathRules
    {
        /// <summary>The only provider whose paths the OS can open.</summary>
        internal const string FileSystemProvider = "FileSystem";

        /// <summary>Refuses Env:, HKLM:, Variable: ... paths with a message naming the provider.</summary>
        internal static void CheckProvider(string providerName, string input)
        {
            if (!string.Equals(providerName, FileSystemProvider, StringComparison.OrdinalIgnoreCase))
                throw new MmapException(MmapError.InvalidArgument, CmdletMessages.NotAFileSystemPath(input, providerName), 0, input);
        }

        /// <summary>
        /// The provider paths to act on. A plain path (<paramref name="isWildcard"/> false) is taken as given in
        /// <paramref name="matches"/> (its unresolved provider path), existing or not: the engine creates it when
        /// writing and reports no_file otherwise. A pattern never names a new file: no match is no_file, and
        /// several matches are refused when the cmdlet needs <see cref="PathMultiplicity.ExactlyOne"/>.
        /// </summary>
        internal static IReadOnlyList<string> Choose(string input, bool isWildcard, IReadOnlyList<string> matches, PathMultiplicity multiplicity)
        {
            if (!isWildcard)
            {
                if (matches.Count != 1)
                    throw new ArgumentException($"A plain path resolves to one provider path, not {matches.Count}.", nameof(matches));
                return matches;
            }
            if (matches.Count == 0)
                throw new MmapException(MmapError.NoFile, CmdletMessages.NoFileMatches(input), 0, input);
            if (matches.Count > 1 && multiplicity == PathMultiplicity.ExactlyOne)
            {
                const int shown = 3;
                string list = string.Join(", ", matches.Take(shown).Select(m => $"'{m}'")) + (matches.Count > shown ? ", ..." : "");
                throw new MmapException(MmapError.InvalidArgument, CmdletMessages.MatchesManyFiles(input, matches.Count, list), 0, input);
            }
            return matches;
        }

        /// <summary>Whether file names compare without case: Windows and macOS file systems do by default.</summary>
        internal static bool PathsIgnoreCase { get; } = MmapPlatform.FileNamesIgnoreCase;

        /// <summary>A -Path or -Tag pattern PowerShell cannot parse (an unclosed '[', say); <paramref name="escaped"/> is
        /// the pattern with its wildcard characters escaped, which matches them as typed.</summary>
        internal static MmapException BadWildcard(string pattern, string escaped, bool hasLiteralPath) =>
            new MmapException(MmapError.InvalidArgument, CmdletMessages.BadWildcard(pattern, escaped, hasLiteralPath), 0, pattern);

        /// <summary>A drive, provider or item PowerShell could not find while resolving <paramref name="input"/>.</summary>
        internal static MmapException NotFound(string input, string reason) =>
            new MmapException(MmapError.NoFile, CmdletMessages.CannotResolve(input, reason), 0, input);
    }
}
