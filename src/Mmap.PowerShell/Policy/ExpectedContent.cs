using System;
using System.Linq;
using System.Management.Automation;

namespace Mmap.Commands.Policy
{
    /// <summary>Write-MemoryMap -Expect: the bytes that must be at the write's offset for it to happen, and what is said
    /// when they are not (unexpected_content, nothing written) and under -WhatIf (the bytes before and after).</summary>
    internal static class ExpectedContent
    {
        /// <summary>The most bytes a message shows in hex.</summary>
        private const int Shown = 32;

        /// <summary>The error of a write whose -Expect does not match <paramref name="found"/>; <paramref name="kind"/> is the
        /// -Type's (null for bytes and text), whose values the message names too.</summary>
        internal static ErrorRecord Mismatch(MemoryMap map, long offset, byte[] found, byte[] expected, byte[] data, ValueKind? kind, ByteOrder order)
        {
            string values = kind is null ? "" : $" (as {kind.Name}: {kind.Describe(found, order)}, not {kind.Describe(expected, order)})";
            string already = found.Length >= data.Length && found.AsSpan(0, data.Length).SequenceEqual(data)
                ? " They are the bytes this write would put there: it was probably applied already."
                : " Check that this is the file (and the build of it) the change is for.";
            string message = $"At offset {offset} of {MapWording.Name(map)} the bytes are {Hex(found)}, not the {Hex(expected)} -Expect gave{values}, " +
                $"so nothing was written.{already}";
            return new ErrorRecord(new InvalidOperationException(message), ErrorTranslator.UnexpectedContentId, ErrorCategory.InvalidData, map);
        }

        /// <summary>What -WhatIf and -Confirm add to a write with -Expect: the bytes there now and after.</summary>
        internal static string Change(byte[] found, byte[] data) => $": {Hex(found)} now, {Hex(data)} after";

        /// <summary>"74 05", cut after 32 bytes with the total.</summary>
        internal static string Hex(byte[] bytes) =>
            bytes.Length == 0 ? "(no bytes)"
            : string.Join(" ", bytes.Take(Shown).Select(b => b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture))) +
              (bytes.Length > Shown ? $" ... ({bytes.Length} bytes)" : "");
    }
}
