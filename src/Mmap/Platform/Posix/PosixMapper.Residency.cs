using System;
using static Mmap.Platform.Libc;

namespace Mmap.Platform
{
    /// <summary>Linux and macOS: mlock, munlock and mincore.</summary>
    internal sealed unsafe partial class PosixMapper : IPageResidency
    {
        /// <summary>Pages per mincore call: its answer is a byte per page, kept on the stack (16 KiB answers 64 MiB of 4 KiB pages).</summary>
        private const int ResidencyPagesPerCall = 16 * 1024;

        public void Lock(IntPtr address, long length, IDescribed subject)
        {
            if (length == 0 || mlock(address, new UIntPtr((ulong)length)) == 0) return;
            int errno = Errno;
            // ENOMEM: over RLIMIT_MEMLOCK (or out of memory); EPERM: a limit of 0 without CAP_IPC_LOCK; EAGAIN: not all of it.
            if (errno == ENOMEM || errno == EPERM || errno == EWOULDBLOCK)
                throw new MmapException(MmapError.OutOfMemory, LockLimitMessage(length, subject, errno), errno, subject.Description);
            throw OsFailure.About(Translate(errno), errno, $"lock {length} bytes of", subject.Description);
        }

        /// <summary>Names the limit that refused the lock and how to raise it, from the process's own RLIMIT_MEMLOCK.</summary>
        private static string LockLimitMessage(long length, IDescribed subject, int errno)
        {
            long* limits = stackalloc long[2]; // struct rlimit: current, maximum (64-bit on both OSes)
            string osText = new System.ComponentModel.Win32Exception(errno).Message;
            string limit = getrlimit(RLIMIT_MEMLOCK, limits) != 0 ? "cannot be read"
                : limits[0] == RLIM_INFINITY ? "unlimited, so the system itself is short of memory it can lock"
                : $"{ByteSize.ToText(limits[0])} ({limits[0]} bytes; hard limit " +
                  (limits[1] == RLIM_INFINITY ? "unlimited" : $"{limits[1]} bytes") + "), shared by every lock of the process";
            return $"Cannot lock {ByteSize.ToText(length)} ({length} bytes) of {subject.Description} in memory: {osText} (OS error {errno}). " +
                $"The process's locked-memory limit (RLIMIT_MEMLOCK) is {limit}. Lock a smaller range, unlock others, or raise the limit: " +
                "'ulimit -l' in the shell that starts the process, 'memlock' in /etc/security/limits.conf, LimitMEMLOCK= for a systemd " +
                "service, or the CAP_IPC_LOCK capability.";
        }

        public void Unlock(IntPtr address, long length, IDescribed subject)
        {
            if (length == 0 || munlock(address, new UIntPtr((ulong)length)) == 0) return;
            int errno = Errno;
            throw OsFailure.About(Translate(errno), errno, $"unlock {length} bytes of", subject.Description);
        }

        public void ForEachResidentPage(IntPtr address, long length, long pageSize, Action<long> resident, IDescribed subject)
        {
            long pages = (length + pageSize - 1) / pageSize;
            byte* answer = stackalloc byte[ResidencyPagesPerCall];
            for (long first = 0; first < pages; first += ResidencyPagesPerCall)
            {
                int count = (int)Math.Min(ResidencyPagesPerCall, pages - first);
                IntPtr at = new IntPtr(address.ToInt64() + first * pageSize);
                if (mincore(at, new UIntPtr((ulong)(count * pageSize)), answer) != 0)
                {
                    int errno = Errno;
                    throw OsFailure.About(Translate(errno), errno, $"ask which pages are in memory of", subject.Description);
                }
                for (int i = 0; i < count; i++)
                    if ((answer[i] & 1) != 0) resident(first + i);
            }
        }
    }
}
