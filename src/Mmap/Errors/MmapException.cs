using System;

namespace Mmap
{
    /// <summary>
    /// The one exception type the engine throws for mapping failures. <see cref="Error"/> is stable across
    /// releases; the message names the path or tag, size and offset involved and says what to do. It is an
    /// <see cref="System.IO.IOException"/>, so code that handles I/O failures in general handles these too.
    /// </summary>
    [Serializable]
    public sealed class MmapException : System.IO.IOException
    {
        /// <summary>Creates an exception with a code and a full message.</summary>
        public MmapException(MmapError error, string message, int nativeErrorCode = 0, string? target = null, Exception? inner = null)
            : base(message, inner)
        {
            Error = error;
            NativeErrorCode = nativeErrorCode;
            Target = target;
        }

        /// <summary>The stable error code.</summary>
        public MmapError Error { get; }

        /// <summary>The stable snake_case code (<c>no_file</c>, <c>disk_full</c>, ...).</summary>
        public string Code => Error.ToCode();

        /// <summary>errno on Linux/macOS, the Win32 error code on Windows; 0 when the engine itself refused.</summary>
        public int NativeErrorCode { get; }

        /// <summary>The OS's text for <see cref="NativeErrorCode"/>, or null.</summary>
        public string? NativeErrorText => NativeErrorCode == 0 ? null : new System.ComponentModel.Win32Exception(NativeErrorCode).Message;

        /// <summary>The path, tag or map the error is about, when there is one.</summary>
        public string? Target { get; }
    }
}
