using System;
using System.Collections.Generic;
using System.Linq;

namespace Mmap.Commands.Policy
{
    /// <summary>
    /// -Permission of a new tag, as a string so nobody's 644 is read as decimal: octal digits as chmod takes them
    /// ('600', '0644') or the nine letters ls -l and PowerShell 7's UnixMode show ('rw-r--r--').
    /// </summary>
    internal static class TagPermission
    {
        private const string Letters = "rwxrwxrwx";

        /// <summary>The permission bits for <paramref name="text"/> (null or empty: 0600, the engine's default).</summary>
        internal static int Parse(string? text)
        {
            if (string.IsNullOrEmpty(text)) return SharedMemory.OwnerOnly;
            string value = text!.Trim();
            if (value.Length == Letters.Length && !IsOctal(value))
                return ParseLetters(value, text);
            if (!IsOctal(value) || value.Length > 4)
                throw Bad(text);
            int mode = Convert.ToInt32(value, 8);
            if (mode > 0x1FF) throw Bad(text); // setuid/setgid/sticky bits make no sense on shared memory
            return mode;
        }

        /// <summary>The usual modes of a new tag, for -Permission completion: octal, with the letters as the tooltip.</summary>
        internal static IReadOnlyList<(string Text, string ToolTip)> Complete(string? wordToComplete)
        {
            string prefix = (wordToComplete ?? "").Trim('\'', '"');
            return new[] { "600", "640", "644", "660", "664", "666" }
                .Where(m => m.StartsWith(prefix, StringComparison.Ordinal) || ("0" + m).StartsWith(prefix, StringComparison.Ordinal))
                .Select(m => ("'" + m + "'", $"{AsLetters(Parse(m))}{(m == "600" ? " (the default: owner only)" : "")}"))
                .ToList();
        }

        /// <summary>"rw-r--r--" for 0644.</summary>
        internal static string AsLetters(int mode) =>
            new string(Enumerable.Range(0, Letters.Length).Select(i => (mode & (1 << (Letters.Length - 1 - i))) != 0 ? Letters[i] : '-').ToArray());

        private static bool IsOctal(string value)
        {
            foreach (char c in value)
                if (c < '0' || c > '7') return false;
            return value.Length > 0;
        }

        private static int ParseLetters(string value, string text)
        {
            int mode = 0;
            for (int i = 0; i < Letters.Length; i++)
            {
                mode <<= 1;
                if (value[i] == Letters[i]) mode |= 1;
                else if (value[i] != '-') throw Bad(text);
            }
            return mode;
        }

        private static MmapException Bad(string text) =>
            new MmapException(MmapError.InvalidArgument, CmdletMessages.NotAPermissionMode(text), 0, text);
    }
}
