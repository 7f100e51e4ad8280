using System;
using static Mmap.Platform.Libc;

namespace Mmap.Platform
{
    /// <summary>
    /// POSIX shared memory and memfd for Linux and macOS, over the C libraries that may lack them: glibc before 2.34
    /// keeps shm_open in librt, so a missing libc export falls back to librt.so.1 once; memfd_create may not exist at all.
    /// </summary>
    internal static unsafe class PosixShm
    {
        private static bool s_useLibRt;

        /// <summary>shm_open; <paramref name="name"/> is a NUL-terminated "/tag". Returns the fd or -1 (errno set).</summary>
        internal static int Open(byte* name, int flags, int mode)
        {
            if (!s_useLibRt)
            {
                try { return ShmOpen(name, flags, mode); }
                catch (EntryPointNotFoundException) { s_useLibRt = true; }
            }
            return LibRt.shm_open(name, flags, mode);
        }

        /// <summary>shm_unlink; returns 0 or -1 (errno set).</summary>
        internal static int Unlink(byte* name)
        {
            if (!s_useLibRt)
            {
                try { return shm_unlink(name); }
                catch (EntryPointNotFoundException) { s_useLibRt = true; }
            }
            return LibRt.shm_unlink(name);
        }

        /// <summary>memfd_create (Linux 3.17+, glibc 2.27+). Returns -1 when it fails or is missing (always on macOS): callers fall back to shm_open.</summary>
        internal static int MemfdCreate(byte* name)
        {
            if (IsMac) return MemfdUnavailable;
            try
            {
                int fd = Libc.MemfdCreate(name);
                return fd < 0 && Errno == ENOSYS ? MemfdUnavailable : fd;
            }
            catch (EntryPointNotFoundException) { return MemfdUnavailable; }
        }

        /// <summary>Seals a memfd's size for good: ftruncate through any descriptor of it, /proc/PID/fd/N included, then
        /// fails with EPERM. False when the kernel refused.</summary>
        internal static bool SealSize(int fd) => Libc.SealSize(fd) == 0;

        /// <summary>What <see cref="MemfdCreate"/> returns where there is no memfd_create (macOS, glibc before 2.27,
        /// Linux before 3.17); -1 is a real failure with errno set, which a fallback would only repeat.</summary>
        internal const int MemfdUnavailable = -2;
    }
}
