using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace Mmap.Commands.Policy
{
    /// <summary>
    /// -Encoding for Read-/Write-MemoryMap, as the built-in cmdlets take it: an [Encoding], PowerShell 7's names
    /// (utf8, utf8NoBOM, unicode, ansi, ...), or any name or code page .NET knows. Bytes never carry a byte-order
    /// mark: a map holds data at an offset, not a text file's start.
    /// </summary>
    internal static class TextEncodings
    {
        /// <summary>The default, as in PowerShell 7: UTF-8 without a byte-order mark.</summary>
        internal static Encoding Utf8 { get; } = new UTF8Encoding(false);

        private static readonly Dictionary<string, Func<Encoding>> s_known = new Dictionary<string, Func<Encoding>>(StringComparer.OrdinalIgnoreCase)
        {
            ["utf8"] = () => Utf8,
            ["utf8NoBOM"] = () => Utf8,
            ["utf8BOM"] = () => Utf8,
            ["ascii"] = () => Encoding.ASCII,
            ["unicode"] = () => new UnicodeEncoding(false, false),
            ["bigendianunicode"] = () => new UnicodeEncoding(true, false),
            ["utf32"] = () => new UTF32Encoding(false, false),
            ["bigendianutf32"] = () => new UTF32Encoding(true, false),
            ["latin1"] = () => CodePage(28591),
            // As PowerShell 7 has them: the culture's ANSI code page; the OEM (console) code page on Windows, UTF-8 elsewhere.
            ["ansi"] = () => CodePage(CultureInfo.CurrentCulture.TextInfo.ANSICodePage),
            ["oem"] = () => MmapPlatform.HasOemCodePage ? CodePage(CultureInfo.CurrentCulture.TextInfo.OEMCodePage) : Utf8,
        };

        /// <summary>The PowerShell-style names, for tab completion and messages.</summary>
        internal static IReadOnlyList<string> KnownNames { get; } = s_known.Keys.ToList();

        /// <summary>The encoding an -Encoding argument names: an <see cref="Encoding"/> as is, a name, or a code page
        /// (an integer, or a string of digits). Anything else is invalid_argument listing the known names.</summary>
        internal static Encoding From(object? value)
        {
            switch (value)
            {
                case Encoding encoding: return encoding;
                case string name: return Resolve(name);
                case byte _: case sbyte _: case short _: case ushort _: case int _: case uint _: case long _: case ulong _:
                    var number = Convert.ToDecimal(value, CultureInfo.InvariantCulture);
                    return number >= 0 && number <= int.MaxValue ? CodePage((int)number) : throw Unknown(number.ToString(CultureInfo.InvariantCulture));
                default:
                    throw Unknown(value is null ? "$null" : $"a {value.GetType().Name}");
            }
        }

        /// <summary>The encoding for <paramref name="name"/> (null or empty: UTF-8).</summary>
        internal static Encoding Resolve(string? name)
        {
            if (string.IsNullOrEmpty(name)) return Utf8;
            if (s_known.TryGetValue(name!, out var make)) return make();
            if (int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out int codePage)) return CodePage(codePage);
            try { return Encoding.GetEncoding(name); }
            catch (Exception e) when (e is ArgumentException || e is NotSupportedException) { throw Unknown($"'{TagRules.Printable(name!)}'"); }
        }

        /// <summary>The text of <paramref name="bytes"/>. Read from the start of a map (<paramref name="atStart"/>), a
        /// byte-order mark of the encoding is dropped, as Get-Content -Raw and File.ReadAllText drop it: a file written
        /// by Windows PowerShell 5.1's Set-Content -Encoding UTF8 starts with one, and ConvertFrom-Json refuses it.</summary>
        internal static string Decode(byte[] bytes, Encoding encoding, bool atStart)
        {
            byte[] mark = atStart ? ByteOrderMark(encoding.CodePage) : Array.Empty<byte>();
            int skip = StartsWith(bytes, mark) ? mark.Length : 0;
            return encoding.GetString(bytes, skip, bytes.Length - skip);
        }

        /// <summary>The byte-order mark of a Unicode code page; none for the others.</summary>
        private static byte[] ByteOrderMark(int codePage)
        {
            switch (codePage)
            {
                case 65001: return new byte[] { 0xEF, 0xBB, 0xBF };
                case 1200: return new byte[] { 0xFF, 0xFE };
                case 1201: return new byte[] { 0xFE, 0xFF };
                case 12000: return new byte[] { 0xFF, 0xFE, 0, 0 };
                case 12001: return new byte[] { 0, 0, 0xFE, 0xFF };
                default: return Array.Empty<byte>();
            }
        }

        private static bool StartsWith(byte[] bytes, byte[] prefix) =>
            prefix.Length > 0 && bytes.Length >= prefix.Length && bytes.Take(prefix.Length).SequenceEqual(prefix);

        /// <summary>Known names starting with <paramref name="prefix"/>, for the -Encoding completer.</summary>
        internal static IEnumerable<string> Complete(string? prefix) =>
            KnownNames.Where(n => n.StartsWith(prefix ?? "", StringComparison.OrdinalIgnoreCase));

        private static Encoding CodePage(int codePage)
        {
            try { return Encoding.GetEncoding(codePage); }
            catch (Exception e) when (e is ArgumentException || e is NotSupportedException) { throw Unknown($"Code page {codePage}"); }
        }

        private static MmapException Unknown(string what) =>
            new MmapException(MmapError.InvalidArgument, CmdletMessages.UnknownEncoding(what, KnownNames));
    }
}
