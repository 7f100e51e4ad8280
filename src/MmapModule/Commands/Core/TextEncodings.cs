using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace Mmap.Commands.Core
{
    /// <summary>
    /// -Encoding names for Read-/Write-MemoryMap: PowerShell 7's names (utf8, utf8NoBOM, unicode, ...) plus any
    /// name or code page .NET knows. Bytes never carry a byte-order mark: a map holds data at an offset, not a
    /// text file's start.
    /// </summary>
    internal static class TextEncodings
    {
        /// <summary>The default, as in PowerShell 7.</summary>
        internal const string Default = "utf8";

        private static readonly Dictionary<string, Func<Encoding>> s_known = new Dictionary<string, Func<Encoding>>(StringComparer.OrdinalIgnoreCase)
        {
            ["utf8"] = () => new UTF8Encoding(false),
            ["utf8NoBOM"] = () => new UTF8Encoding(false),
            ["utf8BOM"] = () => new UTF8Encoding(false),
            ["ascii"] = () => Encoding.ASCII,
            ["unicode"] = () => new UnicodeEncoding(false, false),
            ["bigendianunicode"] = () => new UnicodeEncoding(true, false),
            ["utf32"] = () => new UTF32Encoding(false, false),
            ["bigendianutf32"] = () => new UTF32Encoding(true, false),
            ["latin1"] = () => Encoding.GetEncoding(28591),
        };

        /// <summary>The PowerShell-style names, for tab completion and messages.</summary>
        internal static IReadOnlyList<string> KnownNames { get; } = s_known.Keys.ToList();

        /// <summary>The encoding for <paramref name="name"/> (null or empty: UTF-8).</summary>
        internal static Encoding Resolve(string? name)
        {
            if (string.IsNullOrEmpty(name)) name = Default;
            if (s_known.TryGetValue(name!, out var make)) return make();
            try
            {
                return int.TryParse(name, out int codePage) ? Encoding.GetEncoding(codePage) : Encoding.GetEncoding(name);
            }
            catch (Exception e) when (e is ArgumentException || e is NotSupportedException)
            {
                throw new MmapException(MmapError.InvalidArgument,
                    $"'{TagRules.Printable(name!)}' is not an encoding this system knows. Use one of {string.Join(", ", KnownNames)}, or a .NET encoding name or code page.", 0, name);
            }
        }

        /// <summary>Known names starting with <paramref name="prefix"/>, for the -Encoding completer.</summary>
        internal static IEnumerable<string> Complete(string? prefix) =>
            KnownNames.Where(n => n.StartsWith(prefix ?? "", StringComparison.OrdinalIgnoreCase));
    }
}
