using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;

namespace Mmap.Commands.Policy
{
    /// <summary>The numeric types the value cmdlets read, write and update (-Type), and the strict conversion of a
    /// PowerShell number into one: a value that does not fit, or a fraction for an integer type, is an error, never
    /// rounded or wrapped (PowerShell's own conversion rounds 2.5 to 2).</summary>
    internal static class ValueTypes
    {
        /// <summary>Every type -Type takes, smallest first.</summary>
        internal static IReadOnlyList<Type> Numbers { get; } = new[]
        {
            typeof(sbyte), typeof(byte), typeof(short), typeof(ushort), typeof(int), typeof(uint),
            typeof(long), typeof(ulong), typeof(float), typeof(double),
        };

        /// <summary>The types the CPU updates atomically (Update-MemoryMapValue).</summary>
        internal static IReadOnlyList<Type> Atomic { get; } = new[] { typeof(int), typeof(uint), typeof(long), typeof(ulong) };

        /// <summary>"Int32, UInt32, Int64 or UInt64".</summary>
        internal static string Names(IReadOnlyList<Type> types) =>
            string.Join(", ", types.Take(types.Count - 1).Select(t => t.Name)) + " or " + types[types.Count - 1].Name;

        /// <summary><paramref name="value"/> as a <paramref name="type"/>, boxed; invalid_argument naming
        /// <paramref name="parameter"/> when it is no number, a fraction for an integer type, or out of the type's range.</summary>
        internal static object Convert(object? value, Type type, string parameter)
        {
            object? number = Unwrap(value);
            if (type == typeof(double) || type == typeof(float)) return ToFloat(number, type, parameter);
            decimal whole = ToWhole(number, type, parameter);
            var (min, max) = Range(type);
            if (whole < min || whole > max) throw OutOfRange(number, type, parameter);
            return System.Convert.ChangeType(whole, type, CultureInfo.InvariantCulture);
        }

        /// <summary>An amount to add to an integer of <paramref name="type"/>: any value of the type, and for an unsigned type
        /// also a negative amount of the signed type of its size, added as its two's complement (so -Add -1 subtracts one).</summary>
        internal static object ToAddend(object? value, Type type, string parameter)
        {
            if (type == typeof(uint) && Negative(value))
                return unchecked((uint)(int)Convert(value, typeof(int), parameter));
            if (type == typeof(ulong) && Negative(value))
                return unchecked((ulong)(long)Convert(value, typeof(long), parameter));
            return Convert(value, type, parameter);
        }

        private static bool Negative(object? value) =>
            Unwrap(value) is IConvertible c && !(c is bool) && !(c is char) && !(c is DateTime) && c.ToDouble(CultureInfo.InvariantCulture) < 0;

        /// <summary>The number inside a PSObject, or in a string: PowerShell passes an argument such as -2 or 0x1F to an
        /// [object] parameter as text. Text is read as a decimal (exact, fractions kept), else as PowerShell reads a long
        /// (0x1F, 1KB), so "1.5" stays 1.5 instead of rounding; anything else is left for the caller to refuse.</summary>
        private static object? Unwrap(object? value)
        {
            object? number = value is PSObject wrapped ? wrapped.BaseObject : value;
            if (!(number is string text)) return number;
            if (decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out decimal exact)) return exact;
            if (LanguagePrimitives.TryConvertTo(text, CultureInfo.InvariantCulture, out long whole)) return whole;
            if (LanguagePrimitives.TryConvertTo(text, CultureInfo.InvariantCulture, out ulong large)) return large;
            if (LanguagePrimitives.TryConvertTo(text, CultureInfo.InvariantCulture, out double real)) return real;
            return text;
        }

        private static decimal ToWhole(object? number, Type type, string parameter)
        {
            switch (number)
            {
                case sbyte _: case byte _: case short _: case ushort _: case int _: case uint _: case long _: case ulong _:
                    return System.Convert.ToDecimal(number, CultureInfo.InvariantCulture);
                case decimal d when decimal.Truncate(d) == d:
                    return d;
                case double d when !double.IsNaN(d) && !double.IsInfinity(d) && Math.Truncate(d) == d && Math.Abs(d) < 8e28:
                    return (decimal)d;
                case float f when !float.IsNaN(f) && !float.IsInfinity(f) && Math.Truncate(f) == f && Math.Abs(f) < 8e28:
                    return (decimal)f;
                case double d when !double.IsNaN(d) && !double.IsInfinity(d) && Math.Truncate(d) == d:
                    throw OutOfRange(number, type, parameter); // whole, but past every integer type
                case float f when !float.IsNaN(f) && !float.IsInfinity(f) && Math.Truncate(f) == f:
                    throw OutOfRange(number, type, parameter);
                case decimal _: case double _: case float _:
                    throw Bad($"{parameter} {Show(number)} is not a whole number, and {type.Name} holds whole numbers only. Give a whole number.");
                default:
                    throw NotANumber(number, parameter);
            }
        }

        private static object ToFloat(object? number, Type type, string parameter)
        {
            if (!(number is IConvertible) || number is string || number is bool || number is char || number is DateTime)
                throw NotANumber(number, parameter);
            double d = System.Convert.ToDouble(number, CultureInfo.InvariantCulture);
            if (type == typeof(double)) return d;
            if (!double.IsInfinity(d) && Math.Abs(d) > float.MaxValue)
                throw Bad($"{parameter} {Show(number)} does not fit Single (at most {float.MaxValue.ToString("R", CultureInfo.InvariantCulture)} either way). Give a smaller value, or -Type Double.");
            return (float)d;
        }

        private static (decimal Min, decimal Max) Range(Type type)
        {
            if (type == typeof(sbyte)) return (sbyte.MinValue, sbyte.MaxValue);
            if (type == typeof(byte)) return (byte.MinValue, byte.MaxValue);
            if (type == typeof(short)) return (short.MinValue, short.MaxValue);
            if (type == typeof(ushort)) return (ushort.MinValue, ushort.MaxValue);
            if (type == typeof(int)) return (int.MinValue, int.MaxValue);
            if (type == typeof(uint)) return (uint.MinValue, uint.MaxValue);
            if (type == typeof(long)) return (long.MinValue, long.MaxValue);
            return (ulong.MinValue, ulong.MaxValue);
        }

        private static MmapException OutOfRange(object? number, Type type, string parameter)
        {
            var (min, max) = Range(type);
            // PowerShell reads a hex literal with its top bit set as a negative Int32 or Int64 (0x89504E47 is -1991225785).
            string hex = min == 0 && (number is int i && i < 0 || number is long l && l < 0)
                ? $" A hex literal with its top bit set is a negative number in PowerShell: give it the u suffix (0x{System.Convert.ToString((long)System.Convert.ToInt64(number, CultureInfo.InvariantCulture) & (number is int ? 0xFFFFFFFFL : -1L), 16).ToUpperInvariant()}u)."
                : "";
            return Bad($"{parameter} {Show(number)} does not fit {type.Name} ({min} to {max}). Give a value in that range, or a wider -Type.{hex}");
        }

        private static string Show(object? number) =>
            number is IFormattable f ? f.ToString(null, CultureInfo.InvariantCulture) : number?.ToString() ?? "$null";

        private static MmapException NotANumber(object? number, string parameter) =>
            Bad($"{parameter} {(number is string s ? "'" + s + "'" : Show(number))} ({number?.GetType().Name ?? "null"}) is not a number. Give a number such as 42, -1 or 0x1F.");

        private static MmapException Bad(string message) => new MmapException(MmapError.InvalidArgument, message);
    }
}
