using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.InteropServices;

namespace Mmap.Commands.Policy
{
    /// <summary>
    /// One numeric -Type of Read-MemoryMap and Write-MemoryMap: its size, and the conversion between its values and the
    /// bytes of a map in either byte order. Values travel as one typed array (T[]), read from and written to the map as
    /// its bytes, so a million values are one copy, not a million calls; bytes are a kind too (Byte).
    /// </summary>
    internal abstract class ValueKind
    {
        private static readonly Dictionary<Type, ValueKind> s_kinds = new Dictionary<Type, ValueKind>
        {
            [typeof(sbyte)] = new Kind<sbyte>(), [typeof(byte)] = new Kind<byte>(),
            [typeof(short)] = new Kind<short>(), [typeof(ushort)] = new Kind<ushort>(),
            [typeof(int)] = new Kind<int>(), [typeof(uint)] = new Kind<uint>(),
            [typeof(long)] = new Kind<long>(), [typeof(ulong)] = new Kind<ulong>(),
            [typeof(float)] = new Kind<float>(), [typeof(double)] = new Kind<double>(),
        };

        /// <summary>The kind of <paramref name="type"/>, one of <see cref="ValueTypes.Numbers"/> (the -Type validation has
        /// refused the rest).</summary>
        internal static ValueKind For(Type type) => s_kinds[type];

        /// <summary>Bytes, the kind of the byte sets.</summary>
        internal static ValueKind Bytes => s_kinds[typeof(byte)];

        /// <summary>Bytes per value.</summary>
        internal abstract int Size { get; }

        /// <summary>The type's name ("Int32").</summary>
        internal abstract string Name { get; }

        /// <summary>A new array of <paramref name="count"/> values, not zeroed where the runtime allows: fill all of it.</summary>
        internal abstract Array Allocate(int count);

        /// <summary>The bytes of <paramref name="values"/> (an array <see cref="Allocate"/> made), in memory order.</summary>
        internal abstract Span<byte> BytesOf(Array values);

        /// <summary>Puts each value's bytes in <paramref name="order"/> (or back): a no-op where it is this machine's order.</summary>
        internal abstract void Reorder(Array values, ByteOrder order);

        /// <summary>The bytes of <paramref name="numbers"/> as values of this kind in <paramref name="order"/>; each number is
        /// converted strictly (<see cref="ValueTypes.Convert"/>), so one that does not fit is an error naming
        /// <paramref name="parameter"/> and nothing is produced.</summary>
        internal byte[] Encode(IEnumerable numbers, ByteOrder order, string parameter)
        {
            var list = numbers.Cast<object?>().ToList();
            Array values = Allocate(list.Count);
            for (int i = 0; i < list.Count; i++) values.SetValue(ValueTypes.Convert(list[i], ElementType, parameter), i);
            Reorder(values, order);
            return BytesOf(values).ToArray();
        }

        /// <summary>The numbers of a parameter that takes one or many: an array or list as its items, anything else (a
        /// string too) as one item.</summary>
        internal static IEnumerable Items(object? value)
        {
            object? item = value is System.Management.Automation.PSObject wrapped ? wrapped.BaseObject : value;
            return item is IEnumerable many && !(item is string) ? many : new[] { item };
        }

        /// <summary>The values in <paramref name="bytes"/> (whole values only), as text for a message: "1797, 12".</summary>
        internal string Describe(byte[] bytes, ByteOrder order)
        {
            Array values = Allocate(bytes.Length / Size);
            bytes.AsSpan(0, values.Length * Size).CopyTo(BytesOf(values));
            Reorder(values, order);
            return string.Join(", ", values.Cast<object>().Select(v => Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture)));
        }

        private protected abstract Type ElementType { get; }

        private sealed class Kind<T> : ValueKind where T : unmanaged
        {
            internal override int Size { get; } = Marshal.SizeOf<T>();
            internal override string Name => typeof(T).Name;
            private protected override Type ElementType => typeof(T);
            /// <summary>GC.AllocateUninitializedArray (.NET 5+) where it exists, found once: a read overwrites every value
            /// before anyone sees the array, and zeroing a fresh megabyte first costs more than the read of it from the
            /// page cache. Windows PowerShell 5.1 (.NET Framework) has none, and gets a zeroed array.</summary>
            private static readonly Func<int, bool, T[]>? s_uninitialized =
                (Func<int, bool, T[]>?)typeof(GC).GetMethod("AllocateUninitializedArray")?.MakeGenericMethod(typeof(T)).CreateDelegate(typeof(Func<int, bool, T[]>));

            internal override Array Allocate(int count) => s_uninitialized?.Invoke(count, false) ?? new T[count];
            internal override Span<byte> BytesOf(Array values) => MemoryMarshal.AsBytes(((T[])values).AsSpan());

            internal override void Reorder(Array values, ByteOrder order)
            {
                if (Size == 1 || (order == ByteOrder.LittleEndian) == BitConverter.IsLittleEndian) return;
                Span<byte> bytes = BytesOf(values);
                for (int at = 0; at < bytes.Length; at += Size) bytes.Slice(at, Size).Reverse();
            }
        }
    }
}
