namespace Mmap
{
    /// <summary>
    /// The stable error codes of the engine (luapower mmap's codes plus the ones a safe engine needs).
    /// <see cref="MmapErrors.ToCode"/> gives the snake_case name, stable for hosts to report (an error id).
    /// </summary>
    public enum MmapError
    {
        /// <summary>File or tag not found.</summary>
        NoFile,
        /// <summary>File or segment shorter than offset+size and cannot grow.</summary>
        FileTooShort,
        /// <summary>Cannot extend the file: no space or over a size limit.</summary>
        DiskFull,
        /// <summary>Size or address too large, or address in use.</summary>
        OutOfMemory,
        /// <summary>The OS refused the access asked for.</summary>
        AccessDenied,
        /// <summary>A bad size, offset, address, tag or combination.</summary>
        InvalidArgument,
        /// <summary>This OS cannot do it (the message says why).</summary>
        NotSupported,
        /// <summary>Anything else; the exception carries the OS error number and text.</summary>
        OsError,
        /// <summary>A tag asked to be created new already exists.</summary>
        AlreadyExists,
        /// <summary>The memory of a live map could not be read or written: the device reported an error, or the OS had
        /// no page to give (the message names the signal code). A cut file is <see cref="FileTooShort"/> and an unfillable
        /// hole <see cref="DiskFull"/> instead.</summary>
        IoError,
    }

    /// <summary>Conversions between <see cref="MmapError"/> and its stable string code.</summary>
    public static class MmapErrors
    {
        /// <summary>The stable snake_case code, e.g. <c>no_file</c>.</summary>
        public static string ToCode(this MmapError error)
        {
            switch (error)
            {
                case MmapError.NoFile: return "no_file";
                case MmapError.FileTooShort: return "file_too_short";
                case MmapError.DiskFull: return "disk_full";
                case MmapError.OutOfMemory: return "out_of_mem";
                case MmapError.AccessDenied: return "access_denied";
                case MmapError.InvalidArgument: return "invalid_argument";
                case MmapError.NotSupported: return "not_supported";
                case MmapError.AlreadyExists: return "already_exists";
                case MmapError.IoError: return "io_error";
                default: return "os_error";
            }
        }
    }
}
