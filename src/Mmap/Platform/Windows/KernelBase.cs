using System;
using System.Runtime.InteropServices;
using static Mmap.Platform.Kernel32;

namespace Mmap.Platform
{
    /// <summary>kernelbase for Windows: VirtualAlloc2 and MapViewOfFile3 (Windows 10 1803+, api-ms-win-core-memory-l1-1-6),
    /// for placeholders and for placement through address requirements. Before 1803 each call throws EntryPointNotFoundException.</summary>
    internal static unsafe class KernelBase
    {
        private const string Library = "kernelbase.dll";

        private const ulong MemExtendedParameterAddressRequirements = 1;

        [StructLayout(LayoutKind.Sequential)]
        private struct MEM_ADDRESS_REQUIREMENTS
        {
            public IntPtr LowestStartingAddress;
            public IntPtr HighestEndingAddress;
            public UIntPtr Alignment;
        }

        /// <summary>Type (8 bits) and Reserved (56) share one ULONG64; the union after it is 8 bytes, a pointer here.</summary>
        [StructLayout(LayoutKind.Sequential, Size = 16)]
        internal struct MEM_EXTENDED_PARAMETER
        {
            public ulong TypeAndReserved;
            public IntPtr Pointer;
        }

        /// <summary>Maps a view of <paramref name="section"/> inside <paramref name="window"/>; NULL with
        /// <paramref name="error"/> on failure.</summary>
        internal static IntPtr MapViewInside(IntPtr section, ulong offset, long size, uint pageProtection, AddressWindow window, out int error)
        {
            var requirements = Requirements(window);
            var parameter = new MEM_EXTENDED_PARAMETER { TypeAndReserved = MemExtendedParameterAddressRequirements, Pointer = (IntPtr)(&requirements) };
            IntPtr p = MapViewOfFile3(section, GetCurrentProcess(), IntPtr.Zero, offset, new UIntPtr((ulong)size), 0, pageProtection, &parameter, 1);
            error = p == IntPtr.Zero ? LastError : 0;
            return p;
        }

        /// <summary>Reserves a placeholder of <paramref name="size"/> bytes inside <paramref name="window"/> (any window);
        /// NULL with <paramref name="error"/> on failure.</summary>
        internal static IntPtr ReservePlaceholderInside(long size, AddressWindow window, out int error)
        {
            var requirements = Requirements(window);
            var parameter = new MEM_EXTENDED_PARAMETER { TypeAndReserved = MemExtendedParameterAddressRequirements, Pointer = (IntPtr)(&requirements) };
            IntPtr p = VirtualAlloc2(GetCurrentProcess(), IntPtr.Zero, new UIntPtr((ulong)size),
                MEM_RESERVE | MEM_RESERVE_PLACEHOLDER, PAGE_NOACCESS, window.IsAny ? null : &parameter, window.IsAny ? 0u : 1u);
            error = p == IntPtr.Zero ? LastError : 0;
            return p;
        }

        /// <summary>NULL bounds mean "no bound"; HighestEndingAddress is inclusive (granularity - 1 aligned).</summary>
        private static MEM_ADDRESS_REQUIREMENTS Requirements(AddressWindow window) => new MEM_ADDRESS_REQUIREMENTS
        {
            LowestStartingAddress = window.Lowest == 0 ? IntPtr.Zero : AddressRanges.ToPointer(window.Lowest),
            HighestEndingAddress = window.HighestEnd == ulong.MaxValue ? IntPtr.Zero : AddressRanges.ToPointer(window.HighestEnd - 1),
            Alignment = UIntPtr.Zero,
        };

        /// <summary><paramref name="parameters"/> null (with a count of 0) asks for nothing beyond the other arguments.</summary>
        [DllImport(Library, ExactSpelling = true, SetLastError = true)]
        internal static extern IntPtr VirtualAlloc2(IntPtr process, IntPtr baseAddress, UIntPtr size, uint allocationType, uint pageProtection,
            MEM_EXTENDED_PARAMETER* parameters, uint parameterCount);

        [DllImport(Library, ExactSpelling = true, SetLastError = true)]
        internal static extern IntPtr MapViewOfFile3(IntPtr fileMapping, IntPtr process, IntPtr baseAddress, ulong offset, UIntPtr viewSize,
            uint allocationType, uint pageProtection, MEM_EXTENDED_PARAMETER* parameters, uint parameterCount);
    }
}
