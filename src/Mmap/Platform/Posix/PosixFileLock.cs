using System;
using System.Collections.Generic;
using static Mmap.Platform.Libc;

namespace Mmap.Platform
{
    /// <summary>
    /// .NET's FileStream on Linux and macOS turns FileShare.None into flock(LOCK_EX) and every other FileShare into
    /// flock(LOCK_SH), both non-blocking; the kernel enforces neither on a plain open. Files the engine opens by path
    /// take the shared lock too, so FileShare.None means the same for maps as for streams (and as on Windows).
    /// .NET's switch to turn its locking off (System.IO.DisableFileLocking, DOTNET_SYSTEM_IO_DISABLEFILELOCKING)
    /// turns this off as well.
    /// <para>One lock per file per process, not one per descriptor: the kernel keeps a file's flocks in one list, which
    /// every flock call and every last close of any descriptor of that file walks. With a lock per map, 10,000 live
    /// maps of one file made each open+map+close of it 16x slower (385 µs instead of 23 µs), in every process that
    /// used the file. So the first descriptor of a file takes the lock, later ones count on it, and the descriptor
    /// that holds it stays open until the file's last counted descriptor is closed.</para>
    /// </summary>
    internal static class PosixFileLock
    {
        private static readonly bool Disabled =
            AppContext.TryGetSwitch("System.IO.DisableFileLocking", out bool off) && off ||
            Environment.GetEnvironmentVariable("DOTNET_SYSTEM_IO_DISABLEFILELOCKING") is string v &&
            (v == "1" || v.Equals("true", StringComparison.OrdinalIgnoreCase));

        /// <summary>The descriptor whose open file holds a file's lock, and how many open descriptors count on it.</summary>
        private sealed class Holder
        {
            internal Holder(int fd) => Fd = fd;
            internal int Fd { get; }
            internal int Count { get; set; } = 1;
        }

        private static readonly object Gate = new object();
        private static readonly Dictionary<FileIdentity, Holder> Holders = new Dictionary<FileIdentity, Holder>();
        private static readonly Dictionary<int, FileIdentity> Counted = new Dictionary<int, FileIdentity>();

        /// <summary>Shares the lock of <paramref name="file"/> with <paramref name="fd"/>, taking it if this process holds
        /// none; returns false only when another open file holds FileShare.None. A file system without flock (some
        /// network ones) is not locked, as with FileStream. A counted descriptor must be closed by <see cref="Close"/>.</summary>
        internal static bool TryShare(int fd, FileIdentity file)
        {
            if (Disabled) return true;
            lock (Gate)
            {
                if (Holders.TryGetValue(file, out var holder))
                {
                    holder.Count++; // this process's shared lock already keeps out any FileShare.None opener
                    Counted.Add(fd, file);
                    return true;
                }
                int errno;
                do
                {
                    if (flock(fd, LOCK_SH | LOCK_NB) == 0)
                    {
                        Holders.Add(file, new Holder(fd));
                        Counted.Add(fd, file);
                        return true;
                    }
                    errno = Errno;
                } while (errno == EINTR);
                return errno != EWOULDBLOCK;
            }
        }

        /// <summary>Closes <paramref name="fd"/>. A descriptor that holds its file's lock for others is kept open until
        /// the file's last counted descriptor goes, and closed then.</summary>
        internal static void Close(int fd)
        {
            lock (Gate)
            {
                // Inside the gate: once closed, the number can be handed out again and counted by another open.
                if (Counted.TryGetValue(fd, out var file))
                {
                    Counted.Remove(fd);
                    var holder = Holders[file];
                    if (--holder.Count == 0)
                    {
                        Holders.Remove(file);
                        if (holder.Fd != fd) close(holder.Fd);
                        close(fd);
                    }
                    else if (holder.Fd != fd) close(fd); // the lock's own descriptor stays open for the others
                    return;
                }
            }
            close(fd);
        }

        internal static MmapException Held(string path) =>
            new MmapException(MmapError.AccessDenied,
                $"'{path}' is in use by a process that opened it with FileShare.None (it holds the file's flock for itself). " +
                "Close the file there, or have it open the file with FileShare.Read or FileShare.ReadWrite, then retry.", EWOULDBLOCK, path);
    }
}
