using System;
using System.Runtime.InteropServices;

namespace Mmap.Platform
{
    /// <summary>Linux's mremap, which moves or resizes a mapping's pages without copying them (private pages included).</summary>
    internal static class LinuxRemap
    {
        private const int MREMAP_MAYMOVE = 1;

        /// <summary>The mapping at <paramref name="address"/>, resized to <paramref name="newSize"/> bytes and moved where the
        /// kernel finds room; MAP_FAILED (the old mapping untouched) when it cannot.</summary>
        internal static IntPtr Move(IntPtr address, long oldSize, long newSize) =>
            mremap(address, new UIntPtr((ulong)oldSize), new UIntPtr((ulong)newSize), MREMAP_MAYMOVE);

        // Variadic in C; the fifth argument is read only with MREMAP_FIXED, which is never passed.
        [DllImport("libc", SetLastError = true)]
        private static extern IntPtr mremap(IntPtr oldAddress, UIntPtr oldSize, UIntPtr newSize, int flags);
    }
}
