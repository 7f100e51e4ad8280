using System;

namespace Mmap.Commands.Policy
{
    /// <summary>Update-MemoryMapValue's calls of the engine's atomics for the -Type given at run time: values are
    /// converted first (a value that does not fit is an error, and nothing is changed), then one engine call.</summary>
    internal static class AtomicCalls
    {
        /// <summary>map.Add for <paramref name="type"/>; the sum, boxed as that type.</summary>
        internal static object Add(MemoryMap map, long offset, Type type, object? amount)
        {
            object addend = ValueTypes.ToAddend(amount, type, "-Add");
            if (type == typeof(int)) return map.Add(offset, (int)addend);
            if (type == typeof(uint)) return map.Add(offset, (uint)addend);
            if (type == typeof(long)) return map.Add(offset, (long)addend);
            return map.Add(offset, (ulong)addend);
        }

        /// <summary>map.CompareExchange for <paramref name="type"/>; the value that was there, boxed as that type.</summary>
        internal static object CompareExchange(MemoryMap map, long offset, Type type, object? value, object? expect)
        {
            object store = ValueTypes.Convert(value, type, "-Value"), comparand = ValueTypes.Convert(expect, type, "-Expect");
            if (type == typeof(int)) return map.CompareExchange(offset, (int)store, (int)comparand);
            if (type == typeof(uint)) return map.CompareExchange(offset, (uint)store, (uint)comparand);
            if (type == typeof(long)) return map.CompareExchange(offset, (long)store, (long)comparand);
            return map.CompareExchange(offset, (ulong)store, (ulong)comparand);
        }
    }
}
