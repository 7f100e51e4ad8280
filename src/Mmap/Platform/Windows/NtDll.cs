using System;
using System.Runtime.InteropServices;

namespace Mmap.Platform
{
    /// <summary>ntdll for Windows: the size of a section, which no kernel32 call reports.</summary>
    internal static unsafe class NtDll
    {
        private const string Library = "ntdll.dll";

        private const int SectionBasicInformation = 0;

        [StructLayout(LayoutKind.Sequential)]
        private struct SECTION_BASIC_INFORMATION
        {
            public IntPtr BaseAddress;
            public uint AllocationAttributes;
            public long MaximumSize;
        }

        /// <summary>The size a section was created with (ZwQuerySection, documented in the WDK); the handle needs
        /// SECTION_QUERY. Returns the NTSTATUS (0 on success).</summary>
        internal static int QuerySize(IntPtr section, out long size)
        {
            SECTION_BASIC_INFORMATION info;
            int status = NtQuerySection(section, SectionBasicInformation, &info, new UIntPtr((uint)sizeof(SECTION_BASIC_INFORMATION)), out _);
            size = status == 0 ? info.MaximumSize : 0;
            return status;
        }

        [DllImport(Library, ExactSpelling = true)]
        private static extern int NtQuerySection(IntPtr section, int informationClass, SECTION_BASIC_INFORMATION* information,
            UIntPtr informationLength, out UIntPtr returnLength);
    }
}
