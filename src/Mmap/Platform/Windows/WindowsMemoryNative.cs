using System;
using System.Runtime.InteropServices;

namespace Mmap.Platform
{
    /// <summary>Windows virtual memory calls for placement and the low-address probe: VirtualQuery/VirtualAlloc/VirtualFree
    /// (kernel32), and VirtualAlloc2/MapViewOfFile3 with address requirements (kernelbase, Windows 10 1803+).</summary>
    internal static unsafe class WindowsMemoryNative
    {
        private const string Kernel32 = "kernel32.dll", KernelBase = "kernelbase.dll";

        internal const uint MEM_RESERVE = 0x2000, MEM_RELEASE = 0x8000, MEM_FREE = 0x10000, MEM_RESERVE_PLACEHOLDER = 0x40000;
        internal const uint PAGE_NOACCESS = 0x01;
        private const ulong MemExtendedParameterAddressRequirements = 1;

        /// <summary>PartitionId (x64 only) is left out: it sits in the padding before RegionSize, so the layout holds on x86 and x64.</summary>
        [StructLayout(LayoutKind.Sequential)]
        internal struct MEMORY_BASIC_INFORMATION
        {
            public IntPtr BaseAddress;
            public IntPtr AllocationBase;
            public uint AllocationProtect;
            public UIntPtr RegionSize;
            public uint State;
            public uint Protect;
            public uint Type;
        }

        [StructLayout(LayoutKind.Sequential)]
        private struct MEM_ADDRESS_REQUIREMENTS
        {
            public IntPtr LowestStartingAddress;
            public IntPtr HighestEndingAddress;
            public UIntPtr Alignment;
        }

        /// <summary>Type (8 bits) and Reserved (56) share one ULONG64; the union after it is 8 bytes, a pointer here.</summary>
        [StructLayout(LayoutKind.Sequential, Size = 16)]
        private struct MEM_EXTENDED_PARAMETER
        {
            public ulong TypeAndReserved;
            public IntPtr Pointer;
        }

        /// <summary>Maps a view of <paramref name="section"/> inside <paramref name="window"/>; NULL with
        /// <paramref name="error"/> on failure. Throws EntryPointNotFoundException before Windows 10 1803.</summary>
        internal static IntPtr MapViewInside(IntPtr section, ulong offset, long size, uint pageProtection, AddressWindow window, out int error)
        {
            var requirements = Requirements(window);
            var parameter = new MEM_EXTENDED_PARAMETER { TypeAndReserved = MemExtendedParameterAddressRequirements, Pointer = (IntPtr)(&requirements) };
            IntPtr p = MapViewOfFile3(section, WindowsNative.GetCurrentProcess(), IntPtr.Zero, offset, new UIntPtr((ulong)size), 0, pageProtection, &parameter, 1);
            error = p == IntPtr.Zero ? Marshal.GetLastWin32Error() : 0;
            return p;
        }

        /// <summary>Reserves a placeholder of <paramref name="size"/> bytes inside <paramref name="window"/> (any window);
        /// NULL with <paramref name="error"/> on failure. Throws EntryPointNotFoundException before Windows 10 1803.</summary>
        internal static IntPtr ReservePlaceholderInside(long size, AddressWindow window, out int error)
        {
            var requirements = Requirements(window);
            var parameter = new MEM_EXTENDED_PARAMETER { TypeAndReserved = MemExtendedParameterAddressRequirements, Pointer = (IntPtr)(&requirements) };
            IntPtr p = VirtualAlloc2(WindowsNative.GetCurrentProcess(), IntPtr.Zero, new UIntPtr((ulong)size),
                MEM_RESERVE | MEM_RESERVE_PLACEHOLDER, PAGE_NOACCESS, window.IsAny ? null : &parameter, window.IsAny ? 0u : 1u);
            error = p == IntPtr.Zero ? Marshal.GetLastWin32Error() : 0;
            return p;
        }

        /// <summary>NULL bounds mean "no bound"; HighestEndingAddress is inclusive (granularity - 1 aligned).</summary>
        private static MEM_ADDRESS_REQUIREMENTS Requirements(AddressWindow window) => new MEM_ADDRESS_REQUIREMENTS
        {
            LowestStartingAddress = window.Lowest == 0 ? IntPtr.Zero : AddressRanges.ToPointer(window.Lowest),
            HighestEndingAddress = window.HighestEnd == ulong.MaxValue ? IntPtr.Zero : AddressRanges.ToPointer(window.HighestEnd - 1),
            Alignment = UIntPtr.Zero,
        };

        [DllImport(KernelBase, ExactSpelling = true, SetLastError = true)]
        private static extern IntPtr VirtualAlloc2(IntPtr process, IntPtr baseAddress, UIntPtr size, uint allocationType, uint pageProtection,
            MEM_EXTENDED_PARAMETER* parameters, uint parameterCount);

        [DllImport(KernelBase, ExactSpelling = true, SetLastError = true)]
        private static extern IntPtr MapViewOfFile3(IntPtr fileMapping, IntPtr process, IntPtr baseAddress, ulong offset, UIntPtr viewSize,
            uint allocationType, uint pageProtection, MEM_EXTENDED_PARAMETER* parameters, uint parameterCount);

        [DllImport(Kernel32, ExactSpelling = true, SetLastError = true)]
        internal static extern IntPtr VirtualAlloc(IntPtr address, UIntPtr size, uint allocationType, uint protect);

        [DllImport(Kernel32, ExactSpelling = true, SetLastError = true)]
        internal static extern bool VirtualFree(IntPtr address, UIntPtr size, uint freeType);

        /// <summary>0 when <paramref name="address"/> is above the highest application address.</summary>
        [DllImport(Kernel32, ExactSpelling = true, SetLastError = true)]
        internal static extern UIntPtr VirtualQuery(IntPtr address, out MEMORY_BASIC_INFORMATION buffer, UIntPtr length);
    }
}
