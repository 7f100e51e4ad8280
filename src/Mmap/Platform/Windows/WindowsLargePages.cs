using System;
using System.Runtime.InteropServices;
using static Mmap.Platform.Advapi32;
using static Mmap.Platform.Kernel32;

namespace Mmap.Platform
{
    /// <summary>
    /// Windows large pages for anonymous maps: a pagefile section made with SEC_LARGE_PAGES, mapped with
    /// FILE_MAP_LARGE_PAGES. Windows gives them only to a process whose token holds SeLockMemoryPrivilege ("Lock pages in
    /// memory") and has it enabled: it is enabled once, at the first large-page map, and a token without it is
    /// access_denied naming the policy that grants it. The pages are locked physical memory, found contiguous at map time.
    /// </summary>
    internal static class WindowsLargePages
    {
        internal const uint SEC_COMMIT = 0x08000000, SEC_LARGE_PAGES = 0x80000000, FILE_MAP_LARGE_PAGES = 0x20000000;

        /// <summary>Bit 23 of a PSAPI_WORKING_SET_EX_BLOCK: the page is a large page.</summary>
        private const long LargePageBit = 1L << 23;

        private static readonly object s_lock = new object();
        private static bool s_enabled;

        /// <summary>Enables SeLockMemoryPrivilege in the process token (once); access_denied when the account lacks it.</summary>
        internal static void EnableLockMemory(string description)
        {
            lock (s_lock)
            {
                if (s_enabled) return;
                if (!OpenProcessToken(GetCurrentProcess(), TOKEN_ADJUST_PRIVILEGES | TOKEN_QUERY, out IntPtr token))
                    throw Refused(Marshal.GetLastWin32Error(), description);
                try
                {
                    if (!LookupPrivilegeValueW(null, "SeLockMemoryPrivilege", out long luid))
                        throw Refused(Marshal.GetLastWin32Error(), description);
                    var state = new TokenPrivilege { Count = 1, Luid = luid, Attributes = SE_PRIVILEGE_ENABLED };
                    // Succeeds even when the token lacks the privilege: ERROR_NOT_ALL_ASSIGNED says so.
                    bool adjusted = AdjustTokenPrivileges(token, false, ref state, (uint)Marshal.SizeOf<TokenPrivilege>(), IntPtr.Zero, IntPtr.Zero);
                    int error = Marshal.GetLastWin32Error();
                    if (!adjusted || error != 0) throw Refused(adjusted ? ERROR_PRIVILEGE_NOT_HELD : error, description);
                    s_enabled = true;
                }
                finally { CloseHandle(token); }
            }
        }

        /// <summary>What a failed large-page section or view means: the privilege (access_denied), or no contiguous physical
        /// memory free (out_of_mem); null for any other error.</summary>
        internal static MmapException? Explain(int error, long size, long pageSize, string description)
        {
            if (error == ERROR_PRIVILEGE_NOT_HELD) return Refused(error, description);
            if (error == ERROR_NO_SYSTEM_RESOURCES || error == ERROR_NOT_ENOUGH_MEMORY || error == ERROR_OUTOFMEMORY || error == ERROR_COMMITMENT_LIMIT)
                return new MmapException(MmapError.OutOfMemory,
                    $"Cannot map {description}: Windows found no {size / pageSize} free {ByteSize.ToText(pageSize)} pages of physical memory " +
                    "(large pages must be free, contiguous and locked; memory fragments as the machine runs). Map fewer, or map them soon " +
                    "after the system starts.", error, description);
            return null;
        }

        /// <summary>Whether the page at <paramref name="address"/> is a large page (QueryWorkingSetEx; false when not resident).</summary>
        internal static unsafe bool IsLargePage(IntPtr address)
        {
            IntPtr* pair = stackalloc IntPtr[2];
            pair[0] = address;
            pair[1] = IntPtr.Zero;
            return K32QueryWorkingSetEx(GetCurrentProcess(), pair, (uint)(2 * IntPtr.Size)) && (pair[1].ToInt64() & 1) != 0 && (pair[1].ToInt64() & LargePageBit) != 0;
        }

        private static MmapException Refused(int error, string description) =>
            new MmapException(MmapError.AccessDenied,
                $"Cannot map {description} on large pages: this process may not lock pages in memory (SeLockMemoryPrivilege). Grant the " +
                "account 'Lock pages in memory' (secpol.msc: Local Policies, User Rights Assignment), sign out and in again, and run " +
                "elevated where UAC filters the privilege; or leave PageSize out.", error, description);
    }
}
