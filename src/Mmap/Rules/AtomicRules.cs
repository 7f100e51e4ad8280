using System;

namespace Mmap
{
    /// <summary>The checks of an atomic operation (<see cref="MemoryMap.Add{T}"/>, <see cref="MemoryMap.CompareExchange{T}"/>
    /// and a lease's), made before the map is touched.</summary>
    internal static class AtomicRules
    {
        /// <summary>The size of <typeparamref name="T"/> when the CPU can update it atomically: Int32, UInt32, Int64 or
        /// UInt64; invalid_argument for any other type. The type tests fold away when the JIT compiles each T.</summary>
        internal static int SizeOf<T>() where T : unmanaged
        {
            if (typeof(T) == typeof(int) || typeof(T) == typeof(uint)) return 4;
            if (typeof(T) == typeof(long) || typeof(T) == typeof(ulong)) return 8;
            throw new MmapException(MmapError.InvalidArgument,
                $"{typeof(T).Name} cannot be updated atomically. Use Int32, UInt32, Int64 or UInt64 (Interlocked works on 4- and 8-byte integers).");
        }

        /// <summary>Throws invalid_argument, naming the nearest aligned offsets, unless <paramref name="offset"/> (counted from
        /// <paramref name="start"/>, a lease's offset in its map, or 0) puts the value on a multiple of its size in the map.
        /// A map starts on a page boundary, so an offset aligned in the map is aligned in memory, and so across processes.</summary>
        internal static void CheckAligned(long offset, long start, int size)
        {
            long misaligned = (start + offset) % size;
            if (misaligned == 0) return;
            long below = offset - misaligned;
            string where = start == 0 ? "" : $" (the lease starts at map offset {start})";
            throw new MmapException(MmapError.InvalidArgument,
                $"Offset {offset}{where} is not aligned to {size} bytes: an atomic {size}-byte value must start at a multiple of {size} in the map, " +
                $"or the CPU cannot update it atomically across processes. Use offset {(below >= 0 ? below + " or " : "")}{below + size}.");
        }
    }
}
