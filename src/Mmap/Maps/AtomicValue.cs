using System.Runtime.CompilerServices;
using System.Threading;

namespace Mmap
{
    /// <summary>Interlocked operations on a 4- or 8-byte integer at a mapped address, for any of the four integer types
    /// (<see cref="AtomicRules.SizeOf{T}"/> has refused the others). A locked instruction on the address itself, so it is
    /// atomic against every thread and process that maps the same memory.</summary>
    internal static unsafe class AtomicValue
    {
        /// <summary>Adds <paramref name="value"/> (wrapping on overflow) and returns the sum.</summary>
        internal static T Add<T>(byte* at, T value) where T : unmanaged
        {
            if (sizeof(T) == 4)
            {
                int sum = Interlocked.Add(ref *(int*)at, Unsafe.As<T, int>(ref value));
                return Unsafe.As<int, T>(ref sum);
            }
            long wide = Interlocked.Add(ref *(long*)at, Unsafe.As<T, long>(ref value));
            return Unsafe.As<long, T>(ref wide);
        }

        /// <summary>Stores <paramref name="value"/> if the value there equals <paramref name="comparand"/>; returns the value
        /// that was there (equal to the comparand exactly when it swapped).</summary>
        internal static T CompareExchange<T>(byte* at, T value, T comparand) where T : unmanaged
        {
            if (sizeof(T) == 4)
            {
                int seen = Interlocked.CompareExchange(ref *(int*)at, Unsafe.As<T, int>(ref value), Unsafe.As<T, int>(ref comparand));
                return Unsafe.As<int, T>(ref seen);
            }
            long wideSeen = Interlocked.CompareExchange(ref *(long*)at, Unsafe.As<T, long>(ref value), Unsafe.As<T, long>(ref comparand));
            return Unsafe.As<long, T>(ref wideSeen);
        }
    }
}
