using System.Runtime.InteropServices;

namespace Mmap.Platform
{
    /// <summary>librt: where glibc before 2.34 keeps shm_open and shm_unlink (<see cref="PosixShm"/> falls back to it).</summary>
    internal static unsafe class LibRt
    {
        private const string Library = "librt.so.1";

        [DllImport(Library, SetLastError = true)] internal static extern int shm_open(byte* name, int flags, int mode);
        [DllImport(Library, SetLastError = true)] internal static extern int shm_unlink(byte* name);
    }
}
