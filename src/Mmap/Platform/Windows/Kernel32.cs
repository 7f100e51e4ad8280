using System;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Mmap.Platform
{
    /// <summary>kernel32 for Windows: files, sections (file mappings), views and virtual memory; every kernel32 call
    /// and Windows constant the engine uses, each defined here once. Only the Windows classes of this folder call it.</summary>
    /// <summary>A section (file-mapping object) handle: closed by CloseHandle; NULL is the failure value.</summary>
    internal sealed class SectionHandle : SafeHandleZeroOrMinusOneIsInvalid
    {
        public SectionHandle() : base(ownsHandle: true) { }

        protected override bool ReleaseHandle() => Kernel32.CloseHandle(handle);
    }

    internal static unsafe class Kernel32
    {
        private const string Library = "kernel32.dll";

        internal static readonly IntPtr INVALID_HANDLE_VALUE = new IntPtr(-1);

        internal const uint GENERIC_READ = 0x80000000, GENERIC_WRITE = 0x40000000, GENERIC_EXECUTE = 0x20000000;
        internal const uint FILE_SHARE_READ = 1, FILE_SHARE_WRITE = 2, FILE_SHARE_DELETE = 4;
        internal const uint CREATE_NEW = 1, OPEN_EXISTING = 3;
        internal const uint FILE_ATTRIBUTE_DIRECTORY = 0x10, FILE_ATTRIBUTE_NORMAL = 0x80;
        internal const uint DUPLICATE_SAME_ACCESS = 2;

        internal const uint FILE_TYPE_UNKNOWN = 0, FILE_TYPE_DISK = 1, FILE_TYPE_CHAR = 2, FILE_TYPE_PIPE = 3, FILE_TYPE_REMOTE = 0x8000;
        internal const uint FILE_BEGIN = 0, FILE_CURRENT = 1;
        internal const int FileAllocationInfo = 5; // FILE_INFO_BY_HANDLE_CLASS

        internal const uint PAGE_READONLY = 0x02, PAGE_READWRITE = 0x04, PAGE_WRITECOPY = 0x08,
            PAGE_EXECUTE_READ = 0x20, PAGE_EXECUTE_READWRITE = 0x40, PAGE_EXECUTE_WRITECOPY = 0x80;
        internal const uint PAGE_NOACCESS = 0x01;
        internal const uint FILE_MAP_COPY = 0x01, FILE_MAP_WRITE = 0x02, FILE_MAP_READ = 0x04, FILE_MAP_EXECUTE = 0x20;
        internal const uint SECTION_QUERY = 0x0001;
        internal const uint MEM_RESERVE = 0x2000, MEM_RELEASE = 0x8000, MEM_FREE = 0x10000, MEM_PRESERVE_PLACEHOLDER = 0x0002;
        /// <summary>MEMORY_BASIC_INFORMATION.Type of memory that is no view (VirtualAlloc's).</summary>
        internal const uint MEM_PRIVATE = 0x20000;
        /// <summary>For VirtualAlloc2 and MapViewOfFile3 (<see cref="KernelBase"/>).</summary>
        internal const uint MEM_REPLACE_PLACEHOLDER = 0x4000, MEM_RESERVE_PLACEHOLDER = 0x40000;

        internal const int ERROR_SUCCESS = 0, ERROR_INVALID_FUNCTION = 1, ERROR_FILE_NOT_FOUND = 2, ERROR_PATH_NOT_FOUND = 3,
            ERROR_ACCESS_DENIED = 5, ERROR_INVALID_HANDLE = 6, ERROR_NOT_ENOUGH_MEMORY = 8, ERROR_OUTOFMEMORY = 14,
            ERROR_INVALID_DRIVE = 15, ERROR_WRITE_PROTECT = 19, ERROR_SHARING_VIOLATION = 32, ERROR_LOCK_VIOLATION = 33,
            ERROR_HANDLE_EOF = 38, ERROR_HANDLE_DISK_FULL = 39, ERROR_NOT_SUPPORTED = 50, ERROR_BAD_NETPATH = 53, ERROR_NETWORK_ACCESS_DENIED = 65,
            ERROR_BAD_NET_NAME = 67, ERROR_FILE_EXISTS = 80, ERROR_INVALID_PARAMETER = 87, ERROR_DISK_FULL = 112,
            ERROR_CALL_NOT_IMPLEMENTED = 120, ERROR_INVALID_NAME = 123, ERROR_BAD_PATHNAME = 161, ERROR_ALREADY_EXISTS = 183,
            ERROR_FILENAME_EXCED_RANGE = 206, ERROR_FILE_TOO_LARGE = 223, ERROR_DIRECTORY = 267, ERROR_INVALID_ADDRESS = 487,
            ERROR_ARITHMETIC_OVERFLOW = 534, ERROR_FILE_INVALID = 1006, ERROR_MAPPED_ALIGNMENT = 1132,
            ERROR_USER_MAPPED_FILE = 1224, ERROR_DISK_QUOTA_EXCEEDED = 1295, ERROR_PRIVILEGE_NOT_HELD = 1314,
            ERROR_NO_SYSTEM_RESOURCES = 1450, ERROR_COMMITMENT_LIMIT = 1455, ERROR_CANT_RESOLVE_FILENAME = 1921,
            ERROR_NOT_LOCKED = 158, ERROR_WORKING_SET_QUOTA = 1453;

        internal static int LastError => Marshal.GetLastWin32Error();

        [StructLayout(LayoutKind.Sequential)]
        internal struct SYSTEM_INFO
        {
            public ushort ProcessorArchitecture;
            public ushort Reserved;
            public uint PageSize;
            public IntPtr MinimumApplicationAddress;
            public IntPtr MaximumApplicationAddress;
            public UIntPtr ActiveProcessorMask;
            public uint NumberOfProcessors;
            public uint ProcessorType;
            public uint AllocationGranularity;
            public ushort ProcessorLevel;
            public ushort ProcessorRevision;
        }

        /// <summary>FILETIMEs are spelled as two DWORDs each: a 64-bit field would move every later field to an 8-byte boundary.</summary>
        [StructLayout(LayoutKind.Sequential)]
        internal struct BY_HANDLE_FILE_INFORMATION
        {
            public uint FileAttributes;
            public uint CreationTimeLow, CreationTimeHigh;
            public uint LastAccessTimeLow, LastAccessTimeHigh;
            public uint LastWriteTimeLow, LastWriteTimeHigh;
            public uint VolumeSerialNumber;
            public uint FileSizeHigh, FileSizeLow;
            public uint NumberOfLinks;
            public uint FileIndexHigh, FileIndexLow;
        }

        [StructLayout(LayoutKind.Sequential)]
        internal struct WIN32_MEMORY_RANGE_ENTRY
        {
            public IntPtr VirtualAddress;
            public UIntPtr NumberOfBytes;
        }

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

        /// <summary>Runs a full memory barrier on every processor running a thread of this process (Vista and later).</summary>
        [DllImport(Library)] internal static extern void FlushProcessWriteBuffers();
        [DllImport(Library, ExactSpelling = true, SetLastError = true)] internal static extern bool VirtualLock(IntPtr address, UIntPtr length);
        [DllImport(Library, ExactSpelling = true, SetLastError = true)] internal static extern bool VirtualUnlock(IntPtr address, UIntPtr length);
        [DllImport(Library, ExactSpelling = true, SetLastError = true)]
        internal static extern bool GetProcessWorkingSetSize(IntPtr process, out UIntPtr minimum, out UIntPtr maximum);
        /// <summary>psapi's QueryWorkingSetEx, exported by kernel32 since Windows 7: one {address, attributes} pair per
        /// page asked about; bit 0 of the attributes (Valid) is set where the page is in the working set.</summary>
        [DllImport(Library, ExactSpelling = true, SetLastError = true)]
        internal static extern bool K32QueryWorkingSetEx(IntPtr process, void* pairs, uint bytes);

        [DllImport(Library, EntryPoint = "CreateFileW", CharSet = CharSet.Unicode, ExactSpelling = true, SetLastError = true)]
        internal static extern SafeFileHandle CreateFile(string fileName, uint desiredAccess, uint shareMode, IntPtr securityAttributes,
            uint creationDisposition, uint flagsAndAttributes, IntPtr templateFile);

        /// <summary>A new handle to the same file with other access rights (Vista+); INVALID_HANDLE_VALUE on failure.</summary>
        [DllImport(Library, ExactSpelling = true, SetLastError = true)]
        internal static extern SafeFileHandle ReOpenFile(IntPtr originalFile, uint desiredAccess, uint shareMode, uint flagsAndAttributes);

        [DllImport(Library, ExactSpelling = true, SetLastError = true)]
        internal static extern bool CloseHandle(IntPtr handle);

        [DllImport(Library, ExactSpelling = true, SetLastError = true)]
        internal static extern bool DuplicateHandle(IntPtr sourceProcess, IntPtr sourceHandle, IntPtr targetProcess,
            out SafeFileHandle targetHandle, uint desiredAccess, bool inheritHandle, uint options);

        [DllImport(Library, ExactSpelling = true, SetLastError = true)]
        internal static extern bool DuplicateHandle(IntPtr sourceProcess, IntPtr sourceHandle, IntPtr targetProcess,
            out SectionHandle targetHandle, uint desiredAccess, bool inheritHandle, uint options);

        /// <summary>A pseudo handle (-1) that needs no closing.</summary>
        [DllImport(Library, ExactSpelling = true)]
        internal static extern IntPtr GetCurrentProcess();

        [DllImport(Library, ExactSpelling = true, SetLastError = true)]
        internal static extern bool GetFileInformationByHandle(IntPtr file, out BY_HANDLE_FILE_INFORMATION information);

        /// <summary>Returns FILE_TYPE_UNKNOWN both on failure and for an unknown type; the last error tells them apart.</summary>
        [DllImport(Library, ExactSpelling = true, SetLastError = true)]
        internal static extern uint GetFileType(IntPtr file);

        [DllImport(Library, ExactSpelling = true, SetLastError = true)]
        internal static extern bool ReadFile(IntPtr file, byte* buffer, uint toRead, out uint read, System.Threading.NativeOverlapped* overlapped);

        [DllImport(Library, ExactSpelling = true, SetLastError = true)]
        internal static extern bool GetFileSizeEx(IntPtr file, out long size);

        [DllImport(Library, ExactSpelling = true, SetLastError = true)]
        internal static extern bool SetFilePointerEx(IntPtr file, long distance, out long newPosition, uint moveMethod);

        [DllImport(Library, ExactSpelling = true, SetLastError = true)]
        internal static extern bool SetEndOfFile(IntPtr file);

        [DllImport(Library, ExactSpelling = true, SetLastError = true)]
        internal static extern bool SetFileInformationByHandle(IntPtr file, int informationClass, void* information, uint size);

        /// <summary>NULL on failure (not INVALID_HANDLE_VALUE); <paramref name="name"/> null makes an unnamed section.</summary>
        [DllImport(Library, EntryPoint = "OpenFileMappingW", CharSet = CharSet.Unicode, ExactSpelling = true, SetLastError = true)]
        internal static extern SectionHandle OpenFileMapping(uint desiredAccess, bool inheritHandle, string name);

        [DllImport(Library, EntryPoint = "CreateFileMappingW", CharSet = CharSet.Unicode, ExactSpelling = true, SetLastError = true)]
        internal static extern SectionHandle CreateFileMapping(IntPtr file, IntPtr securityAttributes, uint protect,
            uint maximumSizeHigh, uint maximumSizeLow, string? name);

        [DllImport(Library, EntryPoint = "CreateFileMappingW", CharSet = CharSet.Unicode, ExactSpelling = true, SetLastError = true)]
        internal static extern SectionHandle CreateFileMapping(SafeFileHandle file, IntPtr securityAttributes, uint protect,
            uint maximumSizeHigh, uint maximumSizeLow, string? name);

        /// <summary>The raw handle of <paramref name="owner"/>, whose ownership passes to the caller (a <see cref="NativeFile"/>
        /// or <see cref="NativeView"/>, which the engine's own SafeHandle closes): <paramref name="owner"/> closes nothing after.</summary>
        internal static IntPtr HandOver(SafeHandle owner)
        {
            IntPtr raw = owner.DangerousGetHandle();
            owner.SetHandleAsInvalid();
            return raw;
        }

        [DllImport(Library, ExactSpelling = true, SetLastError = true)]
        internal static extern IntPtr MapViewOfFileEx(IntPtr section, uint desiredAccess, uint offsetHigh, uint offsetLow,
            UIntPtr numberOfBytes, IntPtr baseAddress);

        [DllImport(Library, ExactSpelling = true, SetLastError = true)]
        internal static extern bool UnmapViewOfFile(IntPtr baseAddress);

        [DllImport(Library, ExactSpelling = true, SetLastError = true)]
        internal static extern bool FlushViewOfFile(IntPtr baseAddress, UIntPtr numberOfBytes);

        [DllImport(Library, ExactSpelling = true, SetLastError = true)]
        internal static extern bool FlushFileBuffers(IntPtr file);

        [DllImport(Library, ExactSpelling = true)]
        internal static extern void GetSystemInfo(out SYSTEM_INFO info);

        /// <summary>0 when the processor has no large pages.</summary>
        [DllImport(Library, ExactSpelling = true)]
        internal static extern UIntPtr GetLargePageMinimum();

        [DllImport(Library, ExactSpelling = true, SetLastError = true, CharSet = CharSet.Unicode)]
        internal static extern IntPtr LoadLibraryW(string path);

        [DllImport(Library, ExactSpelling = true, SetLastError = true, CharSet = CharSet.Ansi, BestFitMapping = false)]
        internal static extern IntPtr GetProcAddress(IntPtr module, string name);

        [DllImport(Library, ExactSpelling = true, SetLastError = true)]
        internal static extern IntPtr VirtualAlloc(IntPtr address, UIntPtr size, uint allocationType, uint protect);

        [DllImport(Library, ExactSpelling = true, SetLastError = true)]
        internal static extern bool VirtualFree(IntPtr address, UIntPtr size, uint freeType);

        [DllImport(Library, ExactSpelling = true, SetLastError = true)]
        internal static extern bool VirtualProtect(IntPtr address, UIntPtr size, uint newProtect, out uint oldProtect);

        /// <summary>0 when <paramref name="address"/> is above the highest application address.</summary>
        [DllImport(Library, ExactSpelling = true, SetLastError = true)]
        internal static extern UIntPtr VirtualQuery(IntPtr address, out MEMORY_BASIC_INFORMATION buffer, UIntPtr length);

        [DllImport(Library, ExactSpelling = true, SetLastError = true)]
        private static extern bool PrefetchVirtualMemory(IntPtr process, UIntPtr numberOfEntries, WIN32_MEMORY_RANGE_ENTRY* addresses, uint flags);

        /// <summary>Asks the OS to read [address, address+length) in ahead of use. Windows 8+: on older systems
        /// (no such export) it does nothing. A hint only, so its failure is ignored.</summary>
        internal static void Prefetch(IntPtr address, long length)
        {
            if (s_noPrefetch) return;
            var range = new WIN32_MEMORY_RANGE_ENTRY { VirtualAddress = address, NumberOfBytes = new UIntPtr((ulong)length) };
            try { PrefetchVirtualMemory(GetCurrentProcess(), new UIntPtr(1), &range, 0); }
            catch (EntryPointNotFoundException) { s_noPrefetch = true; }
        }
        private static bool s_noPrefetch;
    }
}
