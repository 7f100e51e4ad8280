using System;
using System.Runtime.InteropServices;

namespace Mmap.Platform
{
    /// <summary>
    /// libc's POSIX shared memory and memfd for Linux and macOS. glibc before 2.34 keeps shm_open in librt,
    /// so a missing libc export falls back to librt.so.1 once.
    /// </summary>
    internal static unsafe class PosixShm
    {
        private const string Libc = "libc";
        private const string LibRt = "librt.so.1";
        private const uint MFD_CLOEXEC = 1, MFD_ALLOW_SEALING = 2;
        private const int F_ADD_SEALS = 1033, F_SEAL_SEAL = 1, F_SEAL_SHRINK = 2, F_SEAL_GROW = 4;

        // shm_open is variadic on macOS: Apple arm64 needs the padded call, as PosixNative.Open explains.
        private static readonly bool AppleArm64Variadic = HostPlatform.IsMac && HostPlatform.IsArm64;
        private static bool s_useLibRt;

        /// <summary>shm_open; <paramref name="name"/> is a NUL-terminated "/tag". Returns the fd or -1 (errno set).</summary>
        internal static int Open(byte* name, int flags, int mode)
        {
            if (AppleArm64Variadic) return shm_open_padded(name, flags, 0, 0, 0, 0, 0, 0, mode);
            if (!s_useLibRt)
            {
                try { return shm_open(name, flags, mode); }
                catch (EntryPointNotFoundException) { s_useLibRt = true; }
            }
            return rt_shm_open(name, flags, mode);
        }

        /// <summary>shm_unlink; returns 0 or -1 (errno set).</summary>
        internal static int Unlink(byte* name)
        {
            if (!s_useLibRt)
            {
                try { return shm_unlink(name); }
                catch (EntryPointNotFoundException) { s_useLibRt = true; }
            }
            return rt_shm_unlink(name);
        }

        /// <summary>memfd_create (Linux 3.17+, glibc 2.27+). Returns -1 when it fails or is missing (always on macOS): callers fall back to shm_open.</summary>
        internal static int MemfdCreate(byte* name)
        {
            if (PosixNative.IsMac) return MemfdUnavailable;
            try
            {
                int fd = memfd_create(name, MFD_CLOEXEC | MFD_ALLOW_SEALING);
                return fd < 0 && Marshal.GetLastWin32Error() == PosixNative.ENOSYS ? MemfdUnavailable : fd;
            }
            catch (EntryPointNotFoundException) { return MemfdUnavailable; }
        }

        /// <summary>Seals a memfd's size for good (F_SEAL_SHRINK, F_SEAL_GROW, then F_SEAL_SEAL so no one lifts them):
        /// ftruncate through any descriptor of it, /proc/PID/fd/N included, then fails with EPERM. False when the kernel refused.</summary>
        internal static bool SealSize(int fd) => fcntl(fd, F_ADD_SEALS, new IntPtr(F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_SEAL)) == 0;

        /// <summary>What <see cref="MemfdCreate"/> returns where there is no memfd_create (macOS, glibc before 2.27,
        /// Linux before 3.17); -1 is a real failure with errno set, which a fallback would only repeat.</summary>
        internal const int MemfdUnavailable = -2;

        [DllImport(Libc, SetLastError = true)] private static extern int shm_open(byte* name, int flags, int mode);
        [DllImport(Libc, EntryPoint = "shm_open", SetLastError = true)]
        private static extern int shm_open_padded(byte* name, int flags, long r2, long r3, long r4, long r5, long r6, long r7, long mode);
        [DllImport(LibRt, EntryPoint = "shm_open", SetLastError = true)] private static extern int rt_shm_open(byte* name, int flags, int mode);
        [DllImport(Libc, SetLastError = true)] private static extern int shm_unlink(byte* name);
        [DllImport(LibRt, EntryPoint = "shm_unlink", SetLastError = true)] private static extern int rt_shm_unlink(byte* name);
        [DllImport(Libc, SetLastError = true)] private static extern int memfd_create(byte* name, uint flags);
        [DllImport(Libc, SetLastError = true)] internal static extern int fchmod(int fd, int mode);
        [DllImport(Libc, SetLastError = true)] private static extern int fcntl(int fd, int cmd, IntPtr arg); // Linux only here: no Apple padding

    }
}
