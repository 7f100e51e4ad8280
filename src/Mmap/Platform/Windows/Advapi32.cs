using System;
using System.Runtime.InteropServices;

namespace Mmap.Platform
{
    /// <summary>advapi32: the process token's privileges (large pages need SeLockMemoryPrivilege enabled).</summary>
    internal static class Advapi32
    {
        private const string Library = "advapi32.dll";
        internal const uint TOKEN_ADJUST_PRIVILEGES = 0x20, TOKEN_QUERY = 0x08, SE_PRIVILEGE_ENABLED = 0x02;

        [StructLayout(LayoutKind.Sequential)]
        internal struct TokenPrivilege
        {
            internal uint Count; // 1: one LUID_AND_ATTRIBUTES follows
            internal long Luid;
            internal uint Attributes;
        }

        [DllImport(Library, ExactSpelling = true, SetLastError = true)]
        internal static extern bool OpenProcessToken(IntPtr process, uint access, out IntPtr token);

        [DllImport(Library, ExactSpelling = true, SetLastError = true, CharSet = CharSet.Unicode)]
        internal static extern bool LookupPrivilegeValueW(string? system, string name, out long luid);

        [DllImport(Library, ExactSpelling = true, SetLastError = true)]
        internal static extern bool AdjustTokenPrivileges(IntPtr token, bool disableAll, ref TokenPrivilege state, uint length, IntPtr previous, IntPtr returned);
    }
}
