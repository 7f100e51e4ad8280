using System;
using System.Runtime.InteropServices;

namespace Mmap.Platform
{
    /// <summary>Windows named sections and placeholder views (kernel32, kernelbase, ntdll). Only <see cref="WindowsMapper"/> calls it.</summary>
    internal static unsafe class WindowsSections
    {
        private const string Kernel32 = "kernel32.dll";
        // VirtualAlloc2 and MapViewOfFile3 (Windows 10 1803+) are exported by kernelbase.dll (api-ms-win-core-memory-l1-1-6).
        private const string KernelBase = "kernelbase.dll";

        internal const uint SECTION_QUERY = 0x0001;
        internal const uint MEM_RESERVE = 0x2000, MEM_RELEASE = 0x8000, MEM_REPLACE_PLACEHOLDER = 0x4000,
            MEM_RESERVE_PLACEHOLDER = 0x40000, MEM_PRESERVE_PLACEHOLDER = 0x0002;
        internal const uint PAGE_NOACCESS = 0x01;
        private const int SectionBasicInformation = 0;

        [StructLayout(LayoutKind.Sequential)]
        private struct SECTION_BASIC_INFORMATION
        {
            public IntPtr BaseAddress;
            public uint AllocationAttributes;
            public long MaximumSize;
        }

        [DllImport(Kernel32, EntryPoint = "OpenFileMappingW", CharSet = CharSet.Unicode, ExactSpelling = true, SetLastError = true)]
        internal static extern IntPtr OpenFileMapping(uint desiredAccess, bool inheritHandle, string name);

        [DllImport(Kernel32, ExactSpelling = true, SetLastError = true)]
        internal static extern bool VirtualFree(IntPtr address, UIntPtr size, uint freeType);

        [DllImport(KernelBase, ExactSpelling = true, SetLastError = true)]
        internal static extern IntPtr VirtualAlloc2(IntPtr process, IntPtr baseAddress, UIntPtr size, uint allocationType,
            uint pageProtection, IntPtr extendedParameters, uint parameterCount);

        [DllImport(KernelBase, ExactSpelling = true, SetLastError = true)]
        internal static extern IntPtr MapViewOfFile3(IntPtr fileMapping, IntPtr process, IntPtr baseAddress, ulong offset,
            UIntPtr viewSize, uint allocationType, uint pageProtection, IntPtr extendedParameters, uint parameterCount);

        [DllImport("ntdll.dll", ExactSpelling = true)]
        private static extern int NtQuerySection(IntPtr section, int informationClass, SECTION_BASIC_INFORMATION* information,
            UIntPtr informationLength, out UIntPtr returnLength);

        /// <summary>The size a section was created with (ZwQuerySection, documented in the WDK); the handle needs
        /// SECTION_QUERY. Returns the NTSTATUS (0 on success).</summary>
        internal static int QuerySize(IntPtr section, out long size)
        {
            SECTION_BASIC_INFORMATION info;
            int status = NtQuerySection(section, SectionBasicInformation, &info, new UIntPtr((uint)sizeof(SECTION_BASIC_INFORMATION)), out _);
            size = status == 0 ? info.MaximumSize : 0;
            return status;
        }
    }
}
