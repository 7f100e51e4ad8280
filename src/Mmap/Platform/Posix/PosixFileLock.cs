using System;
using static Mmap.Platform.Libc;

namespace Mmap.Platform
{
    /// <summary>
    /// .NET's FileStream on Linux and macOS turns FileShare.None into flock(LOCK_EX) and every other FileShare into
    /// flock(LOCK_SH), both non-blocking; the kernel enforces neither on a plain open. Files the engine opens by path
    /// take the shared lock too, so FileShare.None means the same for maps as for streams (and as on Windows).
    /// .NET's switch to turn its locking off (System.IO.DisableFileLocking, DOTNET_SYSTEM_IO_DISABLEFILELOCKING)
    /// turns this off as well.
    /// </summary>
    internal static class PosixFileLock
    {
        private static readonly bool Disabled =
            AppContext.TryGetSwitch("System.IO.DisableFileLocking", out bool off) && off ||
            Environment.GetEnvironmentVariable("DOTNET_SYSTEM_IO_DISABLEFILELOCKING") is string v &&
            (v == "1" || v.Equals("true", StringComparison.OrdinalIgnoreCase));

        /// <summary>Takes the shared lock on <paramref name="fd"/>; returns false only when another open file holds
        /// FileShare.None. A file system without flock (some network ones) is not locked, as with FileStream.</summary>
        internal static bool TryShare(int fd)
        {
            if (Disabled) return true;
            int errno;
            do
            {
                if (flock(fd, LOCK_SH | LOCK_NB) == 0) return true;
                errno = Errno;
            } while (errno == EINTR);
            return errno != EWOULDBLOCK;
        }

        internal static MmapException Held(string path) =>
            new MmapException(MmapError.AccessDenied,
                $"'{path}' is in use by a process that opened it with FileShare.None (it holds the file's flock for itself). " +
                "Close the file there, or have it open the file with FileShare.Read or FileShare.ReadWrite, then retry.", EWOULDBLOCK, path);
    }
}
