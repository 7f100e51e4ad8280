using System;
using System.Runtime.InteropServices;

namespace Mmap.Platform
{
    /// <summary>The dynamic loader (glibc: libdl.so.2, which glibc 2.34+ keeps as a name for the calls now in libc), to load
    /// the engine's native fault handler by its full path: netstandard2.0 has no NativeLibrary.</summary>
    internal static unsafe class LibDl
    {
        private const string Library = "libdl.so.2";
        internal const int RTLD_NOW = 2;

        [DllImport(Library)] internal static extern IntPtr dlopen(byte* path, int flags);
        [DllImport(Library)] internal static extern IntPtr dlsym(IntPtr handle, byte* name);
        [DllImport(Library)] internal static extern IntPtr dlerror();
    }
}
