using System;
using System.Runtime.InteropServices;
using static Mmap.Platform.Libc;

namespace Mmap.Platform
{
    /// <summary>User names by user id (getpwuid_r), for the owners of tags.</summary>
    internal static unsafe class PosixUsers
    {
        /// <summary>Bytes for struct passwd: 48 on glibc and 72 on macOS, with room to spare.</summary>
        private const int PasswdSize = 256;

        /// <summary>Bytes for the strings of one entry; an entry that needs more gives no name.</summary>
        private const int StringsSize = 4096;

        /// <summary>The user's name, or null when the user database has none (or a longer entry than this reads).</summary>
        internal static string? NameOf(uint uid)
        {
            byte* passwd = stackalloc byte[PasswdSize];
            byte* strings = stackalloc byte[StringsSize];
            byte* result = null;
            if (getpwuid_r(uid, passwd, strings, new UIntPtr(StringsSize), &result) != 0 || result == null) return null;
            // pw_name is the first field of struct passwd everywhere.
            return Marshal.PtrToStringAnsi(*(IntPtr*)result);
        }
    }
}
