using System;
using static Mmap.Platform.Kernel32;

namespace Mmap.Platform
{
    /// <summary>Windows: VirtualLock, VirtualUnlock and QueryWorkingSetEx.</summary>
    internal sealed unsafe partial class WindowsMapper : IPageResidency
    {
        /// <summary>Pages per QueryWorkingSetEx call: two pointers each, kept on the stack (16 KiB).</summary>
        private const int ResidencyPagesPerCall = 1024;

        public void Lock(IntPtr address, long length, IDescribed subject)
        {
            if (length == 0 || VirtualLock(address, new UIntPtr((ulong)length))) return;
            int error = LastError;
            // Locked pages count against the process's minimum working set, which is small unless raised.
            if (error == ERROR_WORKING_SET_QUOTA || error == ERROR_NO_SYSTEM_RESOURCES || error == ERROR_NOT_ENOUGH_MEMORY)
                throw new MmapException(MmapError.OutOfMemory, LockLimitMessage(length, subject, error), error, subject.Description);
            throw OsFailure.About(Translate(error), error, $"lock {length} bytes of", subject.Description);
        }

        /// <summary>Names the working-set limit that refused the lock and how to raise it.</summary>
        private static string LockLimitMessage(long length, IDescribed subject, int error)
        {
            string osText = new System.ComponentModel.Win32Exception(error).Message;
            string limit = GetProcessWorkingSetSize(GetCurrentProcess(), out UIntPtr minimum, out UIntPtr maximum)
                ? $"{ByteSize.ToText((long)minimum)} ({(ulong)minimum} bytes; maximum {(ulong)maximum} bytes)"
                : "unknown";
            return $"Cannot lock {ByteSize.ToText(length)} ({length} bytes) of {subject.Description} in memory: {osText} (OS error {error}). " +
                $"Locked pages must fit in the process's minimum working set, which is {limit}, less what the process already uses. " +
                "Lock a smaller range, unlock others, or raise the minimum working set first (SetProcessWorkingSetSizeEx; " +
                "[Diagnostics.Process]::GetCurrentProcess().MinWorkingSet in PowerShell).";
        }

        public void Unlock(IntPtr address, long length, IDescribed subject)
        {
            if (length == 0 || VirtualUnlock(address, new UIntPtr((ulong)length))) return;
            int error = LastError;
            if (error == ERROR_NOT_LOCKED) return; // as munlock: unlocking what is not locked is no error
            throw OsFailure.About(Translate(error), error, $"unlock {length} bytes of", subject.Description);
        }

        public void ForEachResidentPage(IntPtr address, long length, long pageSize, Action<long> resident, IDescribed subject)
        {
            long pages = (length + pageSize - 1) / pageSize;
            IntPtr* pairs = stackalloc IntPtr[2 * ResidencyPagesPerCall]; // PSAPI_WORKING_SET_EX_INFORMATION: address, attributes
            for (long first = 0; first < pages; first += ResidencyPagesPerCall)
            {
                int count = (int)Math.Min(ResidencyPagesPerCall, pages - first);
                for (int i = 0; i < count; i++)
                {
                    pairs[2 * i] = new IntPtr(address.ToInt64() + (first + i) * pageSize);
                    pairs[2 * i + 1] = IntPtr.Zero;
                }
                if (!K32QueryWorkingSetEx(GetCurrentProcess(), pairs, (uint)(count * 2 * IntPtr.Size)))
                {
                    int error = LastError;
                    throw OsFailure.About(Translate(error), error, "ask which pages are in memory of", subject.Description);
                }
                for (int i = 0; i < count; i++)
                    if ((pairs[2 * i + 1].ToInt64() & 1) != 0) resident(first + i);
            }
        }
    }
}
