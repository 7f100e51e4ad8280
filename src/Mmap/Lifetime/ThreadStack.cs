using System.Runtime.CompilerServices;
using Mmap.Platform;

namespace Mmap
{
    /// <summary>
    /// The calling thread's stack range, looked up once per thread (glibc reads /proc for the main thread's). A map records
    /// its creating thread's range; a safe call then knows whether it runs on that thread by comparing the address of one
    /// of its locals, with no thread-local lookup on the call path. The stacks of live threads never overlap, so a call
    /// whose local lies in the range runs on the creating thread, or on a thread that took over its stack after it ended:
    /// either way no other thread that is alive shares it.
    /// </summary>
    internal static unsafe class ThreadStack
    {
        [System.ThreadStatic] private static bool t_known;
        [System.ThreadStatic] private static ulong t_low;
        [System.ThreadStatic] private static ulong t_size;

        /// <summary>This thread's stack as (low, size); size 0 when the OS will not say, which matches no call.</summary>
        internal static (ulong Low, ulong Size) Current()
        {
            if (!t_known)
            {
                if (!OsLayer.Current.TryGetThreadStack(out t_low, out t_size)) t_low = t_size = 0;
                t_known = true;
            }
            return (t_low, t_size);
        }

        /// <summary>Whether the caller runs on a stack within [low, low+size). Only the local's address is used, so it is
        /// left uninitialized: zeroing it was a store on every safe call.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining), SkipLocalsInit]
        internal static bool IsOn(ulong low, ulong size)
        {
            byte marker;
            return (ulong)&marker - low < size;
        }
    }
}
