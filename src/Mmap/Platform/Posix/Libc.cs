using System;
using System.Runtime.InteropServices;

namespace Mmap.Platform
{
    /// <summary>
    /// libc for Linux and macOS: every libc call and constant the engine uses, each defined here once. Numbers that
    /// differ between the two (flags, errno values, struct stat layout) are chosen once at startup, so callers never
    /// branch on the OS for them.
    /// </summary>
    internal static unsafe class Libc
    {
        private const string Library = "libc";

        internal static readonly bool IsMac = HostPlatform.IsMac;
        private static readonly bool IsArm64 = HostPlatform.IsArm64;

        // Apple's arm64 ABI passes variadic arguments on the stack, P/Invoke passes them in registers;
        // padding the six free argument registers pushes the variadic one onto the stack where open/fcntl/shm_open read it.
        private static readonly bool AppleArm64Variadic = IsMac && IsArm64;

        internal const int O_RDONLY = 0, O_RDWR = 2, O_ACCMODE = 3;
        internal static readonly int O_CREAT = IsMac ? 0x200 : 0x40;
        internal static readonly int O_EXCL = IsMac ? 0x800 : 0x80;
        internal static readonly int O_NONBLOCK = IsMac ? 0x4 : 0x800;
        internal static readonly int O_CLOEXEC = IsMac ? 0x1000000 : 0x80000;
        internal static readonly int O_NOFOLLOW = IsMac ? 0x100 : IsArm64 ? 0x8000 : 0x20000;
        /// <summary>Linux only (macOS has none): a descriptor that can be fstat'ed but not read, so it opens any file.</summary>
        internal const int O_PATH_LINUX = 0x200000;

        internal const int PROT_NONE = 0, PROT_READ = 1, PROT_WRITE = 2, PROT_EXEC = 4;
        internal const int MAP_SHARED = 1, MAP_PRIVATE = 2, MAP_FIXED = 0x10;
        internal static readonly int MAP_ANONYMOUS = IsMac ? 0x1000 : 0x20;
        internal static readonly int MAP_NORESERVE = IsMac ? 0x40 : 0x4000;
        internal static readonly int MAP_POPULATE = IsMac ? 0 : 0x8000;
        /// <summary>Linux 4.17+; older kernels ignore it and treat the address as a hint, which callers check.</summary>
        internal static readonly int MAP_FIXED_NOREPLACE = IsMac ? 0 : 0x100000;
        /// <summary>Linux x86-64 only (<see cref="PlatformFacts.SupportsMap32Bit"/>): place the map in [1 GiB, 2 GiB).</summary>
        internal const int MAP_32BIT = 0x40;
        internal static readonly IntPtr MAP_FAILED = new IntPtr(-1);

        internal const int MS_ASYNC = 1;
        internal static readonly int MS_SYNC = IsMac ? 0x10 : 4;
        internal const int MADV_NORMAL = 0, MADV_RANDOM = 1, MADV_SEQUENTIAL = 2, MADV_WILLNEED = 3; // the same on Linux and macOS
        /// <summary>Linux 5.14+: fault every page in now, and fail (EFAULT) where one has nothing behind it, where MAP_POPULATE
        /// succeeds silently and leaves the fault for the first access.</summary>
        internal const int MADV_POPULATE_READ = 22, MADV_POPULATE_WRITE = 23;
        /// <summary>Linux: transparent huge pages for the range (none on macOS).</summary>
        internal const int MADV_HUGEPAGE = 14;
        /// <summary>Linux: explicit huge pages, their size's log2 in bits 26-31 (MAP_HUGE_SHIFT).</summary>
        internal const int MAP_HUGETLB = 0x40000, MAP_HUGE_SHIFT = 26;
        internal const int EFAULT = 14;

        internal const int F_GETFL = 3;
        internal static readonly int SEEK_DATA = IsMac ? 4 : 3;
        internal static readonly int F_DUPFD_CLOEXEC = IsMac ? 67 : 1030;
        private const int F_PREALLOCATE = 42, F_ALLOCATEALL = 4, F_PEOFPOSMODE = 3, F_FULLFSYNC = 51; // macOS only
        private const int F_ADD_SEALS = 1033, F_SEAL_SEAL = 1, F_SEAL_SHRINK = 2, F_SEAL_GROW = 4; // Linux only
        private const uint MFD_CLOEXEC = 1, MFD_ALLOW_SEALING = 2;
        private const int FALLOC_FL_KEEP_SIZE = 1;
        internal const int LOCK_SH = 1, LOCK_NB = 4;
        internal static readonly int RLIMIT_NOFILE = IsMac ? 8 : 7;
        internal static readonly int RLIMIT_MEMLOCK = IsMac ? 6 : 8;
        /// <summary>Unlimited in struct rlimit: all ones on Linux, 2^63-1 on macOS (both read as a long here).</summary>
        internal static readonly long RLIM_INFINITY = IsMac ? long.MaxValue : -1;

        internal const int EPERM = 1, ENOENT = 2, EINTR = 4, ENXIO = 6, EBADF = 9, ENOMEM = 12, EACCES = 13, EEXIST = 17,
            ENODEV = 19, ENOTDIR = 20, EISDIR = 21, EINVAL = 22, ENFILE = 23, EMFILE = 24, ETXTBSY = 26,
            EFBIG = 27, ENOSPC = 28, EROFS = 30;
        internal static readonly int EWOULDBLOCK = IsMac ? 35 : 11;
        internal static readonly int ENOSYS = IsMac ? 78 : 38;
        internal static readonly int EDQUOT = IsMac ? 69 : 122;
        internal static readonly int EOPNOTSUPP = IsMac ? 102 : 95;
        internal static readonly int ENOTSUP = IsMac ? 45 : 95;
        internal static readonly int EOVERFLOW = IsMac ? 84 : 75;
        internal static readonly int ENAMETOOLONG = IsMac ? 63 : 36;
        internal static readonly int ELOOP = IsMac ? 62 : 40;

        // struct stat: only the fields the engine reads, where StatLayout says they are.
        internal const int StatBufferSize = StatLayout.BufferSize;
        internal const int S_IFMT = 0xF000, S_IFREG = 0x8000, S_IFDIR = 0x4000, S_IFCHR = 0x2000, S_IFBLK = 0x6000, S_IFIFO = 0x1000, S_IFSOCK = 0xC000;

        internal static int StatMode(StatLayout l, byte* st) => l.ModeIs16Bits ? *(ushort*)(st + l.ModeOffset) : *(int*)(st + l.ModeOffset);
        internal static long StatSize(StatLayout l, byte* st) => *(long*)(st + l.SizeOffset);
        internal static ulong StatDevice(StatLayout l, byte* st) => l.DeviceIs32Bits ? (ulong)*(uint*)st : *(ulong*)st;
        internal static ulong StatInode(byte* st) => *(ulong*)(st + StatLayout.InodeOffset);
        internal static uint StatOwner(StatLayout l, byte* st) => *(uint*)(st + l.OwnerOffset);
        internal static long StatModifiedSeconds(StatLayout l, byte* st) => *(long*)(st + l.ModifiedOffset);

        internal static int Errno => Marshal.GetLastWin32Error();

        internal static int Open(byte* path, int flags, int mode) =>
            AppleArm64Variadic ? open_padded(path, flags, 0, 0, 0, 0, 0, 0, mode) : open(path, flags, mode);

        /// <summary>shm_open; <paramref name="name"/> is a NUL-terminated "/tag". Returns the fd or -1 (errno set).
        /// Throws EntryPointNotFoundException on glibc before 2.34, which keeps it in librt (<see cref="PosixShm"/>).</summary>
        internal static int ShmOpen(byte* name, int flags, int mode) =>
            AppleArm64Variadic ? shm_open_padded(name, flags, 0, 0, 0, 0, 0, 0, mode) : shm_open(name, flags, mode);

        internal static int DupCloexec(int fd) => Fcntl(fd, F_DUPFD_CLOEXEC, IntPtr.Zero);

        internal static int GetStatusFlags(int fd) => Fcntl(fd, F_GETFL, IntPtr.Zero);

        /// <summary>Linux: seals a memfd's size for good (F_SEAL_SHRINK, F_SEAL_GROW, then F_SEAL_SEAL so no one lifts
        /// them); 0, or -1 with errno set.</summary>
        internal static int SealSize(int fd) => Fcntl(fd, F_ADD_SEALS, new IntPtr(F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_SEAL));

        /// <summary>memfd_create, close-on-exec and sealable; -1 with errno set. Throws EntryPointNotFoundException
        /// before glibc 2.27.</summary>
        internal static int MemfdCreate(byte* name) => memfd_create(name, MFD_CLOEXEC | MFD_ALLOW_SEALING);

        /// <summary>fstat; glibc before 2.33 exports only __fxstat, macOS x64 needs the 64-bit-inode symbol.</summary>
        internal static int FStat(StatLayout layout, int fd, byte* buffer)
        {
            if (IsMac)
                return IsArm64 ? fstat(fd, buffer) : fstat_inode64(fd, buffer);
            if (!s_noFstatSymbol)
            {
                try { return fstat(fd, buffer); }
                catch (EntryPointNotFoundException) { s_noFstatSymbol = true; }
            }
            return __fxstat(layout.FxstatVersion, fd, buffer);
        }
        private static bool s_noFstatSymbol;

        /// <summary>Reserves [offset, offset+length) on disk; returns 0 or an errno (it does not set errno).</summary>
        internal static int Allocate(int fd, long offset, long length)
        {
            if (!IsMac)
                return posix_fallocate(fd, offset, length);
            // macOS has no posix_fallocate: F_PREALLOCATE reserves blocks, ftruncate then sets the size.
            var store = new FStore { Flags = F_ALLOCATEALL, PosMode = F_PEOFPOSMODE, Offset = 0, Length = length };
            if (Fcntl(fd, F_PREALLOCATE, (IntPtr)(&store)) == -1) return Errno;
            return ftruncate(fd, offset + length) == 0 ? 0 : Errno;
        }

        /// <summary>macOS fcntl(F_FULLFSYNC): the file's data written through the drive's own cache; -1 with errno set.</summary>
        internal static int FullFsync(int fd) => Fcntl(fd, F_FULLFSYNC, IntPtr.Zero);

        [DllImport(Library, SetLastError = true)] internal static extern int fsync(int fd);

        /// <summary>Linux fallocate(FALLOC_FL_KEEP_SIZE): allocates without changing the size; -1 with errno set.</summary>
        internal static int FallocateKeepSize(int fd, long offset, long length) => fallocate(fd, FALLOC_FL_KEEP_SIZE, offset, length);

        private static int Fcntl(int fd, int cmd, IntPtr arg) =>
            AppleArm64Variadic ? fcntl_padded(fd, cmd, 0, 0, 0, 0, 0, 0, arg) : fcntl(fd, cmd, arg);

        [StructLayout(LayoutKind.Sequential)]
        private struct FStore { public uint Flags; public int PosMode; public long Offset; public long Length; public long BytesAllocated; }

        [DllImport(Library, SetLastError = true)] private static extern int open(byte* path, int flags, int mode);
        [DllImport(Library, EntryPoint = "open", SetLastError = true)]
        private static extern int open_padded(byte* path, int flags, long r2, long r3, long r4, long r5, long r6, long r7, long mode);
        [DllImport(Library, SetLastError = true)] private static extern int fcntl(int fd, int cmd, IntPtr arg);
        [DllImport(Library, EntryPoint = "fcntl", SetLastError = true)]
        private static extern int fcntl_padded(int fd, int cmd, long r2, long r3, long r4, long r5, long r6, long r7, IntPtr arg);
        [DllImport(Library, SetLastError = true)] internal static extern int close(int fd);
        [DllImport(Library, SetLastError = true)] private static extern int fstat(int fd, byte* buffer);
        [DllImport(Library, EntryPoint = "fstat$INODE64", SetLastError = true)] private static extern int fstat_inode64(int fd, byte* buffer);
        [DllImport(Library, SetLastError = true)] private static extern int __fxstat(int version, int fd, byte* buffer);
        [DllImport(Library, SetLastError = true)] internal static extern int fstatfs(int fd, byte* buffer);
        [DllImport(Library, SetLastError = true)] internal static extern int ftruncate(int fd, long length);
        [DllImport(Library, SetLastError = true)] internal static extern long lseek(int fd, long offset, int whence);
        [DllImport(Library, SetLastError = true)] internal static extern IntPtr pread(int fd, byte* buffer, UIntPtr count, long offset);
        [DllImport(Library)] internal static extern int posix_fadvise(int fd, long offset, long length, int advice);
        [DllImport(Library, SetLastError = true)] internal static extern int fchmod(int fd, int mode);
        [DllImport(Library)] internal static extern int getpwuid_r(uint uid, byte* passwd, byte* buffer, UIntPtr bufferSize, byte** result);
        [DllImport(Library, SetLastError = true)] internal static extern int flock(int fd, int operation);
        [DllImport(Library, SetLastError = true)] internal static extern int getrlimit(int resource, long* limits);
        [DllImport(Library)] private static extern int posix_fallocate(int fd, long offset, long length);
        [DllImport(Library, SetLastError = true)] private static extern int fallocate(int fd, int mode, long offset, long length);
        [DllImport(Library, SetLastError = true)] internal static extern IntPtr mmap(IntPtr address, UIntPtr length, int prot, int flags, int fd, long offset);
        [DllImport(Library, SetLastError = true)] internal static extern int munmap(IntPtr address, UIntPtr length);
        [DllImport(Library, SetLastError = true)] internal static extern int mprotect(IntPtr address, UIntPtr length, int prot);
        [DllImport(Library, SetLastError = true)] internal static extern int msync(IntPtr address, UIntPtr length, int flags);
        [DllImport(Library)] internal static extern IntPtr pthread_self();
        /// <summary>glibc 2.34+ and musl have it in libc; the caller treats a missing export as "bounds unknown".</summary>
        [DllImport(Library)] internal static extern int pthread_getattr_np(IntPtr thread, byte* attr);
        [DllImport(Library)] internal static extern int pthread_attr_getstack(byte* attr, out IntPtr stackAddress, out UIntPtr stackSize);
        [DllImport(Library)] internal static extern int pthread_attr_destroy(byte* attr);
        /// <summary>macOS: the top (highest address) of a thread's stack, and its size.</summary>
        [DllImport(Library)] internal static extern IntPtr pthread_get_stackaddr_np(IntPtr thread);
        [DllImport(Library)] internal static extern UIntPtr pthread_get_stacksize_np(IntPtr thread);
        /// <summary>Bytes to reserve for a pthread_attr_t: 56 on glibc x86-64, 64 on arm64; musl's are smaller.</summary>
        internal const int PthreadAttrBytes = 256;

        [DllImport(Library, SetLastError = true)] internal static extern int madvise(IntPtr address, UIntPtr length, int advice);
        [DllImport(Library, SetLastError = true)] internal static extern int mlock(IntPtr address, UIntPtr length);
        [DllImport(Library, SetLastError = true)] internal static extern int munlock(IntPtr address, UIntPtr length);
        /// <summary>One byte per page into <paramref name="pages"/>; bit 0 set where the page is resident (Linux and macOS).</summary>
        [DllImport(Library, SetLastError = true)] internal static extern int mincore(IntPtr address, UIntPtr length, byte* pages);
        [DllImport(Library, SetLastError = true)] private static extern int shm_open(byte* name, int flags, int mode);
        [DllImport(Library, EntryPoint = "shm_open", SetLastError = true)]
        private static extern int shm_open_padded(byte* name, int flags, long r2, long r3, long r4, long r5, long r6, long r7, long mode);
        [DllImport(Library, SetLastError = true)] internal static extern int shm_unlink(byte* name);
        [DllImport(Library, SetLastError = true)] private static extern int memfd_create(byte* name, uint flags);
    }
}
