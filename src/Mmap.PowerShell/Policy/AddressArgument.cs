using System;
using System.Globalization;

namespace Mmap.Commands.Policy
{
    /// <summary>-Address as a user types it: a map's Address (an IntPtr), a UIntPtr, any integer (0x7F0000000000 is
    /// an Int64 in PowerShell), or a string of decimal digits or 0x hex. The value is the exact address, unchanged.</summary>
    internal static class AddressArgument
    {
        internal static ulong From(object? value)
        {
            switch (value)
            {
                case IntPtr pointer: return unchecked((ulong)pointer.ToInt64()); // the address bits as they are
                case UIntPtr pointer: return pointer.ToUInt64();
                case ulong _: case uint _: case ushort _: case byte _:
                    return Convert.ToUInt64(value, CultureInfo.InvariantCulture);
                case long _: case int _: case short _: case sbyte _:
                    long signed = Convert.ToInt64(value, CultureInfo.InvariantCulture);
                    return signed >= 0 ? (ulong)signed : throw Bad(signed.ToString(CultureInfo.InvariantCulture));
                case string text:
                    return Parse(text.Trim()) ?? throw Bad($"'{TagRules.Printable(text)}'");
                default:
                    throw Bad(value is null ? "$null" : $"A {value.GetType().Name}");
            }
        }

        private static ulong? Parse(string text)
        {
            bool hex = text.StartsWith("0x", StringComparison.OrdinalIgnoreCase);
            return ulong.TryParse(hex ? text.Substring(2) : text, hex ? NumberStyles.AllowHexSpecifier : NumberStyles.None,
                CultureInfo.InvariantCulture, out ulong address) ? address : (ulong?)null;
        }

        private static MmapException Bad(string what) =>
            new MmapException(MmapError.InvalidArgument, CmdletMessages.NotAnAddress(what));
    }
}
