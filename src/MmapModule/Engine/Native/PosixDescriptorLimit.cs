using System.Runtime.InteropServices;
using static Mmap.Native.PosixNative;

namespace Mmap.Native
{
    /// <summary>
    /// Linux and macOS: the words for running out of descriptors (EMFILE: this process's limit; ENFILE: the
    /// system's). The code stays os_error: disk_full and out_of_mem speak of space, sizes and addresses, and a
    /// caller that retried with a smaller size would gain nothing. The message names the limit and the fix instead,
    /// and NativeErrorCode keeps the errno for programs.
    /// </summary>
    internal static unsafe class PosixDescriptorLimit
    {
        private static readonly int RLIMIT_NOFILE = IsMac ? 8 : 7;

        internal static bool Reached(int errno) => errno == EMFILE || errno == ENFILE;

        internal static MmapException Failure(int errno, string action, string target)
        {
            string limit = errno == ENFILE
                ? "the system-wide limit on open files (Linux: fs.file-max)"
                : $"this process's limit of {OpenFileLimit()} open descriptors (ulimit -n)";
            string osText = new System.ComponentModel.Win32Exception(errno).Message;
            return new MmapException(MmapError.OsError,
                $"Cannot {action} '{target}': {limit} is reached ({osText}, OS error {errno}). Every file or tag map holds one " +
                "descriptor until it is freed: free the maps you no longer need (Dispose, Remove-MemoryMap) or raise the limit, then retry.",
                errno, target);
        }

        /// <summary>The soft RLIMIT_NOFILE, or "its" when it cannot be read (the message then reads naturally).</summary>
        private static string OpenFileLimit()
        {
            long* limits = stackalloc long[2]; // struct rlimit: current, maximum (64-bit on both OSes)
            return getrlimit(RLIMIT_NOFILE, limits) == 0 ? limits[0].ToString(System.Globalization.CultureInfo.InvariantCulture) : "its";
        }

        [DllImport("libc", SetLastError = true)] private static extern int getrlimit(int resource, long* limits);
    }
}
