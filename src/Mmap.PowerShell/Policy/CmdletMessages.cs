using System.Collections.Generic;

namespace Mmap.Commands.Policy
{
    /// <summary>
    /// The texts of the errors the cmdlet layer raises itself, in one place (as Microsoft.PowerShell.Archive keeps its
    /// texts in one resource file), so a phrase two errors share is written once. Each text says what went wrong and
    /// what to do instead; the rule that raises it, its code and its target stay with the rule. The engine's texts are
    /// the engine's; the ShouldProcess and -Verbose wording is <see cref="MapChanges"/>'s and <see cref="MapWording"/>'s.
    /// </summary>
    internal static class CmdletMessages
    {
        /// <summary>A path of Env:, HKLM:, Variable: ... given where a file is needed.</summary>
        internal static string NotAFileSystemPath(string input, string providerName) =>
            $"'{input}' is a path of the {providerName} provider; only files (FileSystem provider paths) can be mapped or sized. " +
            "Give a file path such as ./data.bin or C:\\data\\data.bin.";

        /// <summary>A -Path pattern that matches no file.</summary>
        internal static string NoFileMatches(string input) =>
            $"No file matches '{input}'. Check the pattern; to create a new file give its plain name (or use -LiteralPath).";

        /// <summary>A -Path pattern that matches several files where a map needs one.</summary>
        internal static string MatchesManyFiles(string input, int count, string shownMatches) =>
            $"'{input}' matches {count} files ({shownMatches}); a map needs exactly one. " +
            "Narrow the pattern, or pipe the files in (Get-ChildItem <pattern> | New-MemoryMap) to map each.";

        /// <summary>A -Path or -Tag pattern PowerShell cannot parse; <paramref name="escaped"/> matches it as typed.</summary>
        internal static string BadWildcard(string pattern, string escaped, bool hasLiteralPath) =>
            $"'{TagRules.Printable(pattern)}' is not a valid wildcard pattern (check its [ ] brackets). To match the characters as typed, " +
            $"escape them with backticks ('{TagRules.Printable(escaped)}')" + (hasLiteralPath ? " or use -LiteralPath." : ".");

        /// <summary>What PowerShell could not find (a drive, a provider) while resolving a path.</summary>
        internal static string CannotResolve(string input, string reason) => $"Cannot resolve '{input}': {reason}";

        /// <summary>A -Address value that is no address.</summary>
        internal static string NotAnAddress(string what) =>
            $"{what} is not an address. Give a map's Address ($map.Address), a number such as 0x7F0000000000, or a string of digits or 0x hex.";

        /// <summary>An -Encoding value this system does not know.</summary>
        internal static string UnknownEncoding(string what, IEnumerable<string> knownNames) =>
            $"{what} is not an encoding this system knows. Use one of {string.Join(", ", knownNames)}, a .NET encoding name or code page, or an [System.Text.Encoding].";

        /// <summary>A -Permission value that is no permission mode.</summary>
        internal static string NotAPermissionMode(string text) =>
            $"-Permission '{TagRules.Printable(text)}' is not a permission mode. Give octal digits from 0 to 777 as chmod takes them ('600', '0644') " +
            "or nine letters as ls -l shows them ('rw-r--r--').";

        /// <summary>A read larger than one byte[]; <paramref name="what"/> names the size ("-Count 3221225472 (3 GiB) is").</summary>
        internal static string TooBigForOneArray(string what, int maxArrayLength) =>
            $"{what} more than one byte[] can hold ({maxArrayLength} bytes). " +
            "Give -Count (at most that; 1GB, say) and step -Offset by it to read in chunks.";

        /// <summary>Read-MemoryMap -Tail with -Offset or -Count.</summary>
        internal static string TailWithRange(string other) =>
            $"-Tail reads the last values of the map and cannot be combined with {other}. Give -Tail alone, or -Offset and -Count.";

        /// <summary>Read- or Write-MemoryMap given a match of one map and another map to work on.</summary>
        internal static string MatchOfOtherMap(string matchMap, string map) =>
            $"The match (-Match) was found in {matchMap}, not in {map}. Pipe the match alone (its Map binds -InputObject), " +
            "or give -Offset $match.Offset with the other map.";

        /// <summary>-Offset from a match that runs past any map.</summary>
        internal static string PastMatch(long offset, long matchOffset, long mapSize) =>
            $"-Offset {offset} counts from the match at offset {matchOffset} and ends past the map ({MapWording.Count(mapSize)}). " +
            "With a match, -Offset is the distance from the match's start.";

        /// <summary>Read-MemoryMap -Buffer shorter than the read.</summary>
        internal static string BufferTooSmall(long count, int bufferLength) =>
            $"The read is {MapWording.Count(count)} but -Buffer holds {MapWording.Count(bufferLength)}. Give a -Count that fits the buffer, or a larger buffer.";

        /// <summary>A -Tail longer than the map.</summary>
        internal static string TailPastStart(long tail, long bytes, long mapSize) =>
            $"-Tail {tail} asks for the last {MapWording.Bytes(bytes)}, but the map holds {MapWording.Bytes(mapSize)}. Give a -Tail that fits, or read the whole map without it.";

        /// <summary>An -Id no live map of this session has.</summary>
        internal static string NoMapWithId(long id, string? heldBy) =>
            $"No live map of this session has id {id}" +
            (heldBy is null ? "" : $": map #{id} is {heldBy}, and only its owner frees it by id (or pass the map object itself)") +
            ". Run Get-MemoryMap to list the maps open in this session.";

        /// <summary>Remove-MemoryMap -Unlink of a map without a tag.</summary>
        internal static string NoTagToUnlink(string mapDescription) =>
            $"The {mapDescription} has no tag, so -Unlink has no name to remove; it was not freed. " +
            "Free it without -Unlink, or select maps of a tag: Get-MemoryMap -Tag <name> | Remove-MemoryMap -Unlink.";

        /// <summary>Set-FileSize of a directory.</summary>
        internal static string DirectoryHasNoSize(string path) => $"'{path}' is a directory; only files have a size to set.";

        /// <summary>Set-FileSize to a size that would end the file before the last byte of maps of this process.</summary>
        internal static string CutsUnderMaps(string path, long newSize, IReadOnlyList<string> maps) =>
            $"Setting '{path}' to {MapWording.Bytes(newSize)} would cut under {(maps.Count == 1 ? "a map" : $"{maps.Count} maps")} of this process: " +
            string.Join("; ", maps) + ". A read of the cut-off pages would crash PowerShell. " +
            $"Free {(maps.Count == 1 ? "that map" : "those maps")} first (Remove-MemoryMap), set the size, then map the file again. Growing a mapped file needs no such step.";

        /// <summary>Set-FileSize through a link that leads nowhere.</summary>
        internal static string DanglingLink(string path) =>
            $"'{path}' is a symbolic link to a file that does not exist, and Set-FileSize never creates a file through a link " +
            "(it may have been planted). Create the target first, or remove the link.";

        /// <summary>Set-FileSize's question before a truncation.</summary>
        internal static string TruncationQuestion(string path, long currentSize, long newSize) =>
            $"{Truncating(path, currentSize, newSize)} discards its last {MapWording.Bytes(currentSize - newSize)} for good. Continue?";

        /// <summary>A truncation the host cannot ask about (<paramref name="reason"/> says why); the file stays as it is.</summary>
        internal static string TruncationNeedsConfirmation(string path, long currentSize, long newSize, string reason) =>
            $"{Truncating(path, currentSize, newSize)} needs confirmation, and this host cannot ask ({reason}). " +
            "The file was not changed. Add -Force to truncate without the question.";

        private static string Truncating(string path, long currentSize, long newSize) =>
            $"Truncating '{path}' from {MapWording.Bytes(currentSize)} to {MapWording.Bytes(newSize)}";
    }
}
