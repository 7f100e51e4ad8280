using Mmap.Platform;

namespace Mmap
{
    /// <summary>
    /// What the native handler records as a fault's code (<see cref="MapFault.SignalCode"/>), read per OS: Linux's si_code
    /// of the SIGBUS, Windows' NTSTATUS carried by the in-page error. What the backing shows (its size now, a hole) is
    /// asked first; the code names the cause only where the backing cannot.
    /// </summary>
    internal static class FaultCode
    {
        /// <summary>BUS_OBJERR: the device reported an I/O error.</summary>
        internal const int BusObjectError = 3;

        /// <summary>STATUS_DISK_FULL: a page of a sparse file could not be given room on its volume.</summary>
        internal const int StatusDiskFull = unchecked((int)0xC000007F);

        /// <summary>STATUS_END_OF_FILE: the page lies past the file's end (cut by another client of a share).</summary>
        internal const int StatusEndOfFile = unchecked((int)0xC0000011);

        /// <summary>The code as the OS names it, for messages.</summary>
        internal static string Describe(int code, HostOs os) => os == HostOs.Windows ? $"NTSTATUS 0x{code:X8}" : $"SIGBUS code {code}";

        /// <summary>Whether the code alone says the backing was cut (the backing's size says it everywhere else).</summary>
        internal static bool MeansCut(int code, HostOs os) => os == HostOs.Windows && code == StatusEndOfFile;

        /// <summary>Whether the code alone says the volume was full (a hole in the backing says it everywhere else).</summary>
        internal static bool MeansDiskFull(int code, HostOs os) => os == HostOs.Windows && code == StatusDiskFull;

        /// <summary>Whether the code names a device error: Linux says so apart; on Windows every other in-page error is one
        /// (the system could not read the page in).</summary>
        internal static bool MeansDeviceError(int code, HostOs os) => os == HostOs.Windows || code == BusObjectError;
    }
}
