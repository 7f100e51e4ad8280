namespace Mmap.Platform
{
    /// <summary>Builds the engine's exception for an OS failure, with the same wording on every OS:
    /// what was attempted, on what, the OS's words, and what to do next.</summary>
    internal static class OsFailure
    {
        /// <summary>The failure of <paramref name="action"/> on a path or tag name, which the message quotes.</summary>
        internal static MmapException Create(MmapError error, int nativeError, string action, string target) =>
            About(error, nativeError, action, $"'{target}'", target);

        /// <summary>The failure of <paramref name="action"/> on <paramref name="subject"/>, a phrase that quotes its own
        /// path or tag ("'/data/a.bin'", "map #3 of '/data/a.bin'"): quoting it again gave ''/data/a.bin''.</summary>
        internal static MmapException About(MmapError error, int nativeError, string action, string subject, string? target = null)
        {
            string osText = new System.ComponentModel.Win32Exception(nativeError).Message;
            return new MmapException(error,
                $"Cannot {action} {subject}: {osText} (OS error {nativeError}). {Advice(error)}",
                nativeError, target ?? subject);
        }

        internal static string Advice(MmapError error)
        {
            switch (error)
            {
                case MmapError.NoFile: return "Check the path, or ask for ReadWrite access to create the file.";
                case MmapError.AccessDenied: return "Check the permissions, the mount options (noexec, ro) and the access asked for; ask only for the access you need.";
                case MmapError.DiskFull: return "Free space on the volume or raise the file size limit, then retry; the file was left at its old size.";
                case MmapError.OutOfMemory: return "Ask for a smaller size or another address, or free other maps.";
                case MmapError.InvalidArgument: return "Check the size, offset, address and access against the file.";
                case MmapError.NotSupported: return "This kind of file or option cannot be mapped on this OS.";
                case MmapError.AlreadyExists: return "Pick another tag, open the existing one (OpenOrCreate or OpenExisting), or unlink it first.";
                default: return "See the OS error for the cause.";
            }
        }
    }
}
