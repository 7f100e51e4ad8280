using static Mmap.Platform.Libc;

namespace Mmap.Platform
{
    /// <summary>
    /// Linux and macOS: running out of descriptors (EMFILE: this process's limit; ENFILE: the system's). The engine
    /// stops short of the limit: a host left with no descriptor cannot even open stderr to report the error (a
    /// non-interactive pwsh then FailFasts), so the last <see cref="Headroom"/> are left to it. The code stays os_error:
    /// disk_full and out_of_mem speak of space, sizes and addresses, and a caller that retried with a smaller size would
    /// gain nothing. The message names the limit and the fix instead, and NativeErrorCode keeps the errno for programs.
    /// </summary>
    internal static unsafe class PosixDescriptorLimit
    {
        /// <summary>Descriptors the engine never takes ("a few dozen"): enough for a host to open files, pipes and
        /// libraries while it reports the refusal.</summary>
        internal const int Headroom = 32;

        internal static bool Reached(int errno) => errno == EMFILE || errno == ENFILE;

        /// <summary>Whether the new descriptor <paramref name="fd"/> eats into the headroom. open, dup, shm_open and
        /// memfd_create return the lowest free number, so every number below it is in use: at or above the soft limit
        /// less the headroom, fewer than that many remain. The limit is read afresh each time (getrlimit, one system
        /// call): a limit lowered while the process runs must keep the headroom from the next descriptor on, not a
        /// moment later, when the host may already have lost its last ones.</summary>
        internal static bool InHeadroom(int fd)
        {
            long limit = SoftLimit();
            return limit > 0 && fd >= limit - Headroom;
        }

        /// <summary>The error for an OS refusal (<paramref name="errno"/> EMFILE or ENFILE), or, with errno EMFILE and
        /// <paramref name="keptForHost"/>, for the engine's own refusal at the headroom.</summary>
        internal static MmapException Failure(int errno, string action, string target, bool keptForHost = false)
        {
            string limit = errno == ENFILE
                ? "the system-wide limit on open files (Linux: fs.file-max)"
                : $"this process's limit of {OpenFileLimit()} open descriptors (ulimit -n)";
            string osText = new System.ComponentModel.Win32Exception(errno).Message;
            string reached = keptForHost
                ? $"is nearly reached: the engine leaves the last {Headroom} to the host, so it can still report errors"
                : $"is reached ({osText}, OS error {errno})";
            return new MmapException(MmapError.OsError,
                $"Cannot {action} '{target}': {limit} {reached}. Every file or tag map holds one " +
                "descriptor until it is freed: free the maps you no longer need or raise the limit, then retry.",
                errno, target);
        }

        /// <summary>The soft RLIMIT_NOFILE, or "its" when it cannot be read (the message then reads naturally).</summary>
        private static string OpenFileLimit()
        {
            long limit = SoftLimit();
            return limit > 0 ? limit.ToString(System.Globalization.CultureInfo.InvariantCulture) : "its";
        }

        /// <summary>The soft RLIMIT_NOFILE; -1 when unlimited (RLIM_INFINITY) or unreadable.</summary>
        private static long SoftLimit()
        {
            long* limits = stackalloc long[2]; // struct rlimit: current, maximum (64-bit on both OSes)
            return getrlimit(RLIMIT_NOFILE, limits) == 0 ? limits[0] : -1;
        }
    }
}
