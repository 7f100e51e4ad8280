using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using Microsoft.Win32.SafeHandles;
using static Mmap.Platform.Libc;

namespace Mmap.Platform
{
    /// <summary>Linux and macOS: open/fstat/posix_fallocate/mmap/msync through libc.</summary>
    internal sealed unsafe partial class PosixMapper : PlatformMapperBase, IPlatformMapper
    {
        public PageInfo PageInfo { get; } = new PageInfo(Environment.SystemPageSize, Environment.SystemPageSize, ReadLargePageSize());
        public OpenedFile OpenFile(string path, bool write, bool create)
        {
            int flags = (write ? O_RDWR : O_RDONLY) | O_CLOEXEC | O_NONBLOCK; // NONBLOCK: a FIFO must not hang the open
            byte[] name = NulTerminatedUtf8(path);
            fixed (byte* p = name)
            {
                // Twice at most: another process may create or delete the file between our two opens.
                for (int attempt = 0; attempt < 2; attempt++)
                {
                    int fd = Open(p, flags, 0);
                    if (fd >= 0) return Opened(Claim(fd, write ? "open for reading and writing" : "open for reading", path), path, created: false);
                    int errno = Errno;
                    if (errno != ENOENT || !create)
                        throw OpenError(errno, path, write);
                    // O_EXCL never follows a symlink, so a planted dangling link cannot redirect the new file.
                    fd = Open(p, flags | O_CREAT | O_EXCL, 0x1B6 /* 0666, less the umask */);
                    if (fd >= 0)
                        return Opened(Claim(fd, "create", path, () => File.Delete(path)), path, created: true);
                    errno = Errno;
                    if (errno != EEXIST) throw OpenError(errno, path, write);
                }
            }
            throw new MmapException(MmapError.NoFile,
                $"Cannot create '{path}': the name exists but cannot be opened; it may be a symbolic link to a missing file. " +
                "Remove the link or point it at an existing file.", EEXIST, path);
        }

        public NativeFile Duplicate(SafeFileHandle handle, string description)
        {
            int fd = DupCloexec(handle.DangerousGetHandle().ToInt32());
            if (fd >= 0) return Claim(fd, "duplicate the handle of", description);
            int errno = Errno;
            // EBADF here means the number names no open descriptor: the caller's handle, not a permission, is wrong.
            if (errno == EBADF)
                throw new MmapException(MmapError.InvalidArgument,
                    $"The {description} is not an open file descriptor (it was closed, or never opened). Pass an open file handle.", errno, description);
            throw OpenFailure(errno, "duplicate the handle of", description);
        }

        public void CloseFile(NativeFile file)
        {
            if (file.IsOpen) PosixFileLock.Close(file.Handle.ToInt32());
        }

        public FileStatus Stat(NativeFile file, string description)
        {
            StatLayout layout = StatLayout.Current;
            byte* st = stackalloc byte[StatBufferSize];
            int error = FStatInto(file, st);
            if (error != 0) throw StatFailure(error, description);
            int type = StatMode(layout, st) & S_IFMT;
            FileKind kind = type == S_IFREG ? FileKind.Regular
                : type == S_IFDIR ? FileKind.Directory
                : type == S_IFCHR || type == S_IFBLK ? FileKind.Device
                : type == S_IFIFO ? FileKind.Fifo
                : type == S_IFSOCK ? FileKind.Socket
                : FileKind.Other;
            return new FileStatus(kind, StatSize(layout, st), new FileIdentity(StatDevice(layout, st), StatInode(st)));
        }

        public long SizeOf(NativeFile file, IDescribed subject)
        {
            byte* st = stackalloc byte[StatBufferSize];
            int error = FStatInto(file, st);
            if (error != 0) throw OsFailure.About(Translate(error), error, "read the size of", subject.Description);
            return StatSize(StatLayout.Current, st);
        }

        public int ReadAt(NativeFile file, long fileOffset, Span<byte> destination, IDescribed subject)
        {
            int fd = file.Handle.ToInt32(), done = 0;
            fixed (byte* p = destination)
                while (done < destination.Length)
                {
                    long got = pread(fd, p + done, new UIntPtr((uint)(destination.Length - done)), fileOffset + done).ToInt64();
                    if (got == 0) break; // the end of the file
                    if (got > 0) done += (int)got;
                    else if (Errno is int errno && errno != EINTR)
                        throw OsFailure.About(Translate(errno), errno, "read", subject.Description);
                }
            return done;
        }

        public bool InHole(NativeFile file, long fileOffset)
        {
            // SEEK_DATA lands past the offset when it lies in a hole; ENXIO: a hole runs to the end of the file.
            long data = lseek(file.Handle.ToInt32(), fileOffset, SEEK_DATA);
            return data > fileOffset || data < 0 && Errno == ENXIO;
        }

        /// <summary>fstat into <paramref name="st"/> (<see cref="StatBufferSize"/> bytes): 0, or the errno.</summary>
        private static int FStatInto(NativeFile file, byte* st) => FStat(StatLayout.Current, file.Handle.ToInt32(), st) != 0 ? Errno : 0;

        private static MmapException StatFailure(int errno, string description) =>
            OsFailure.Create(Translate(errno), errno, "read the size of", description);

        public void Resize(NativeFile file, long oldSize, long newSize, bool sparse, string description)
        {
            int fd = file.Handle.ToInt32();
            int error = 0;
            if (newSize > oldSize && !sparse)
                error = Allocate(fd, oldSize, newSize - oldSize);
            else if (ftruncate(fd, newSize) != 0)
                error = Errno;
            if (error == 0) return;

            ftruncate(fd, oldSize); // a failed reservation may have grown the file part-way: put it back
            MmapError code = error == EINVAL && newSize > oldSize ? MmapError.DiskFull : Translate(error);
            if (error == EBADF || error == EINVAL && (GetStatusFlags(fd) & O_ACCMODE) == O_RDONLY)
                throw new MmapException(MmapError.AccessDenied,
                    Messages.OpenReadOnly(description), error, description);
            throw OsFailure.Create(code, error, $"resize from {oldSize} to {newSize} bytes", description);
        }

        /// <summary>Linux: fallocate with FALLOC_FL_KEEP_SIZE, which fills only the holes (the kernel call, not glibc's
        /// posix_fallocate, whose emulation writes into the file where fallocate is missing). macOS cannot fill holes.</summary>
        public void ReserveHoles(NativeFile file, long offset, long length, string description)
        {
            if (IsMac || length <= 0) return;
            int errno;
            do
            {
                if (FallocateKeepSize(file.Handle.ToInt32(), offset, length) == 0) return;
                errno = Errno;
            } while (errno == EINTR);
            if (errno == EOPNOTSUPP || errno == ENOSYS) return; // this file system cannot: the risk is documented
            MmapError code = Translate(errno);
            string osText = new System.ComponentModel.Win32Exception(errno).Message;
            string advice = code == MmapError.DiskFull
                ? "Free space on its file system (or raise the quota or size limit) and retry, or map it Read or CopyOnWrite: " +
                  "a write into a hole of a full file system would otherwise kill the process (SIGBUS)."
                : OsFailure.Advice(code);
            throw new MmapException(code,
                $"Cannot reserve the {length} bytes at offset {offset} that a ReadWrite map of '{description}' may write: the file has holes " +
                $"(it is sparse) and they cannot be filled ({osText}, OS error {errno}). {advice}", errno, description);
        }

        public string? PseudoFileSystem(NativeFile file, in FileStatus status) =>
            IsMac ? null : LinuxPseudoFiles.Name(file.Handle.ToInt32(), status.Identity);

        public NativeView Map(in MapRequest request)
        {
            if (IntPtr.Size == 4 && request.Size > uint.MaxValue)
                throw new MmapException(MmapError.OutOfMemory, $"Cannot map {request.Size} bytes of {request.Description} in a 32-bit process. Map a smaller window.");
            int mappings = request.GrowRoom > request.Size ? 2 : 1; // room to grow is a mapping of its own
            ClaimMappings(mappings, request.Description);
            try { return MapClaimed(request); }
            catch
            {
                ReleaseMappings(mappings);
                throw;
            }
        }

        /// <summary>Linux: every map's kernel mappings are claimed against vm.max_map_count first (<see cref="LinuxMapCount"/>).</summary>
        private static void ClaimMappings(int mappings, string description)
        {
            if (!IsMac) LinuxMapCount.Claim(mappings, description);
        }

        private static void ReleaseMappings(int mappings)
        {
            if (!IsMac) LinuxMapCount.Release(mappings);
        }

        private NativeView MapClaimed(in MapRequest request)
        {
            int prot = Protection(request.Access, request.Execute);
            bool anonymous = !request.File.IsOpen;
            int flags = anonymous ? MAP_PRIVATE | MAP_ANONYMOUS
                : request.Access == MapAccess.CopyOnWrite ? MAP_PRIVATE : MAP_SHARED;
            if (request.Populate && IsMac) flags |= MAP_POPULATE; // 0 there: WILLNEED below; Linux populates after mapping
            if (request.LargePageSize > 0) flags |= LargePageFlags(request.LargePageSize);
            if (request.NoReserve) flags |= MAP_NORESERVE;
            IntPtr hint = IntPtr.Zero;
            if (request.Address is ulong address)
            {
                hint = new IntPtr((long)address);
                flags |= MAP_FIXED_NOREPLACE;
            }
            IntPtr room = IntPtr.Zero;
            if (request.GrowRoom > request.Size)
            {
                // Room to grow: the whole range reserved first, the map over its start (MAP_FIXED lands only on our own pages).
                room = PosixPlacement.Reserve(request.GrowRoom, MapPlacement.Any, request.Description);
                hint = room;
                flags |= MAP_FIXED;
            }

            var length = new UIntPtr((ulong)request.Size);
            int fd = anonymous ? -1 : request.File.Handle.ToInt32();
            long fileOffset = anonymous ? 0 : request.Offset;
            IntPtr p;
            int errno = 0;
            if (hint == IntPtr.Zero && request.Placement != MapPlacement.Any)
                p = PosixPlacement.Place(request.Size, request.Placement, request.Description,
                    (at, extra) => mmap(at, length, prot, flags | extra, fd, fileOffset), out errno);
            else if ((p = mmap(hint, length, prot, flags, fd, fileOffset)) == MAP_FAILED)
                errno = Errno;
            if (p == MAP_FAILED && room != IntPtr.Zero) munmap(room, new UIntPtr((ulong)request.GrowRoom));
            if (p == MAP_FAILED)
            {
                if (errno == EEXIST)
                    throw AddressInUse(request);
                if (errno == ENOMEM && request.LargePageSize > 0)
                    throw LinuxHugePages.NoneFree(request.Size, request.LargePageSize, request.Description, errno);
                if (errno == ENOMEM)
                    throw new MmapException(MmapError.OutOfMemory,
                        $"Cannot map {request.Size} bytes of {request.Description}: the address space or memory limit has no room for it. " +
                        OsFailure.Advice(MmapError.OutOfMemory), errno, request.Description);
                throw OsFailure.About(errno == ENODEV ? MmapError.NotSupported : Translate(errno), errno,
                    $"map {request.Size} bytes at offset {request.Offset} of", request.Description);
            }
            // Kernels before 4.17 (and macOS) treat the address as a hint and may place the map elsewhere.
            if (hint != IntPtr.Zero && p != hint)
            {
                munmap(p, new UIntPtr((ulong)request.Size));
                throw AddressInUse(request);
            }
            if (request.Populate)
            {
                try { Populate(p, request.Size, request.Access == MapAccess.ReadWrite, prot, flags, fd, fileOffset, request); }
                catch
                {
                    munmap(p, new UIntPtr((ulong)Math.Max(request.Size, request.GrowRoom)));
                    throw;
                }
            }
            return new NativeView(p, request.Size, IntPtr.Zero, request.Size, request.GrowRoom);
        }

        /// <summary>Faults in every page of a new map. Linux 5.14+: MADV_POPULATE_WRITE for a ReadWrite map (holes filled
        /// now), MADV_POPULATE_READ otherwise, and a page with nothing behind it is an error now (file_too_short, disk_full)
        /// instead of a SIGBUS later; older kernels get the mapping again with MAP_POPULATE, which reports nothing. macOS:
        /// read-ahead advice.</summary>
        private void Populate(IntPtr p, long size, bool write, int prot, int flags, int fd, long fileOffset, in MapRequest request)
        {
            var length = new UIntPtr((ulong)size);
            if (IsMac)
            {
                madvise(p, length, MADV_WILLNEED);
                return;
            }
            int advice = write ? MADV_POPULATE_WRITE : MADV_POPULATE_READ;
            int errno;
            do errno = madvise(p, length, advice) == 0 ? 0 : Errno;
            while (errno == EINTR);
            if (errno == 0) return;
            if (errno == EINVAL) // a kernel before 5.14: the same range again, populated the old way (MAP_FIXED over our own map)
            {
                if (mmap(p, length, prot, flags & ~MAP_FIXED_NOREPLACE | MAP_FIXED | MAP_POPULATE, fd, fileOffset) == p) return;
                errno = Errno;
            }
            if (errno != EFAULT)
                throw OsFailure.Create(errno == ENOMEM ? MmapError.OutOfMemory : Translate(errno), errno, $"populate {size} bytes of", request.Description);
            long at = FirstUnbackedPage(p, size, advice);
            bool cut = fd >= 0 && Stat(request.File, request.Description).Size <= fileOffset + at;
            throw new MmapException(cut ? MmapError.FileTooShort : write ? MmapError.DiskFull : MmapError.IoError,
                $"Cannot populate {request.Description}: the page at offset {at} of the map has nothing behind it: " +
                (cut ? "the file is shorter than the map now (another process cut it). Map a smaller range, or grow the file first."
                     : write ? "a hole there cannot be filled (its file system is full or over a quota). Free space and map it again."
                             : "the OS could not read it. Check the device, then map it again."),
                errno, request.Description);
        }

        /// <summary>The offset of the first page MADV_POPULATE refuses, by halving: the pages before it are populated already,
        /// so each try costs little.</summary>
        private static long FirstUnbackedPage(IntPtr p, long size, int advice)
        {
            long page = Environment.SystemPageSize, good = 0, bad = (size + page - 1) / page; // [0, good) populates; [0, bad) does not
            while (bad - good > 1)
            {
                long mid = (good + bad) / 2;
                if (madvise(p, new UIntPtr((ulong)(mid * page)), advice) == 0) good = mid; else bad = mid;
            }
            return good * page;
        }

        public void Unmap(in NativeView view)
        {
            munmap(view.Address, new UIntPtr((ulong)view.Reserved));
            ReleaseMappings(view.ViewSize < view.Length ? (int)(view.Length / view.ViewSize) : view.HasGrowRoom ? 2 : 1); // a mirror: one per copy
        }

        /// <summary>MAP_FIXED replaces the whole range atomically (the kernel holds the address space lock): no other thread's
        /// mapping can land in it meanwhile. MAP_NORESERVE: the inert pages cost nothing unless a racing write touches one.</summary>
        public void Retire(in NativeView view) =>
            mmap(view.Address, new UIntPtr((ulong)view.Length), PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_FIXED, -1, 0);

        /// <summary>A PROT_NONE MAP_PRIVATE|MAP_ANONYMOUS|MAP_NORESERVE mapping; map over it with MAP_FIXED (replacing
        /// your own reservation is safe), free what is left with munmap.</summary>
        public IntPtr ReserveAddressSpace(long size, MapPlacement placement, string description) => PosixPlacement.Reserve(size, placement, description);

        public void ReleaseAddressSpace(IntPtr address, long size) => munmap(address, new UIntPtr((ulong)size));

        /// <summary>Linux: <see cref="LinuxAddressProbe"/>. macOS has nothing to probe below 4 GiB.</summary>
        public IReadOnlyList<(ulong Start, ulong End)> ProbeBelow(ulong limit, out long? map32BitBytes)
        {
            if (IsMac)
                throw new MmapException(MmapError.NotSupported,
                    "The low-address probe does not run on macOS: 64-bit processes start with a 4 GiB __PAGEZERO that only the host " +
                    "executable's link flags can shrink, so nothing can be mapped below 4 GiB, and the engine has no walk of the space above it.");
            return LinuxAddressProbe.Run(limit, out map32BitBytes);
        }

        public void Advise(IntPtr address, long length, MapAdvice advice, IDescribed subject)
        {
            if (advice == MapAdvice.HugePage && IsMac) return; // no transparent huge pages to ask for
            if (length == 0 || madvise(address, new UIntPtr((ulong)length), AdviceCode(advice)) == 0) return;
            int errno = Errno;
            throw OsFailure.About(Translate(errno), errno, $"give the advice {advice} for {length} bytes of", subject.Description);
        }

        private static int AdviceCode(MapAdvice advice) =>
            advice == MapAdvice.Random ? MADV_RANDOM
            : advice == MapAdvice.Sequential ? MADV_SEQUENTIAL
            : advice == MapAdvice.WillNeed ? MADV_WILLNEED
            : advice == MapAdvice.HugePage ? MADV_HUGEPAGE
            : MADV_NORMAL;

        /// <summary>posix_fadvise on Linux (its POSIX_FADV_ values equal the MADV_ ones); macOS has none, and its
        /// fcntl(F_RDADVISE) only reads ahead, so there it does nothing.</summary>
        public void AdviseFile(NativeFile file, long fileOffset, long length, MapAdvice advice, IDescribed subject)
        {
            if (IsMac || length == 0 || advice == MapAdvice.HugePage) return; // page sizes are the mapping's business, not the file's
            int error = posix_fadvise(file.Handle.ToInt32(), fileOffset, length, AdviceCode(advice)); // returns the error, not -1
            if (error != 0)
                throw OsFailure.About(Translate(error), error, $"give the advice {advice} for {length} bytes of", subject.Description);
        }

        public bool TryGetThreadStack(out ulong low, out ulong size)
        {
            low = size = 0;
            try
            {
                IntPtr self = pthread_self();
                if (IsMac)
                {
                    size = (ulong)pthread_get_stacksize_np(self);
                    low = (ulong)pthread_get_stackaddr_np(self) - size;
                    return size != 0;
                }
                byte* attr = stackalloc byte[PthreadAttrBytes];
                if (pthread_getattr_np(self, attr) != 0) return false;
                try
                {
                    if (pthread_attr_getstack(attr, out IntPtr at, out UIntPtr bytes) != 0) return false;
                    low = (ulong)at;
                    size = (ulong)bytes;
                    if (size > TrustedStackBytes) (low, size) = ClampToStackMapping(low, size);
                    return size != 0;
                }
                finally { pthread_attr_destroy(attr); }
            }
            catch (EntryPointNotFoundException) { return false; } // glibc before 2.34 keeps them in libpthread
        }

        /// <summary>A stack glibc reports larger than this is the main thread's under an unlimited stack rlimit: glibc then
        /// gives the gap down to the next mapping below, where later mappings (another thread's stack) may land. Such a
        /// range is cut to the stack's mapping as it is now, so no other live thread can ever be taken for this one.</summary>
        internal const ulong TrustedStackBytes = 64UL << 20;

        /// <summary>[low, low+size) cut to the mapping that holds the caller's stack now (its lowest page may grow further
        /// down later: a call that deep merely counts as another thread's); (0, 0) when /proc/self/maps cannot be read.</summary>
        internal static (ulong Low, ulong Size) ClampToStackMapping(ulong low, ulong size)
        {
            byte marker;
            ulong here = (ulong)&marker;
            byte[]? text = LinuxProcMaps.ReadMapsFile(out int length);
            if (text is null) return (0, 0);
            foreach (var (start, end) in LinuxProcMaps.ParseRanges(text, length))
                if (here >= start && here < end)
                {
                    ulong from = Math.Max(low, start);
                    return (from, Math.Min(low + size, end) - from);
                }
            return (0, 0);
        }

        /// <summary>Every runtime this engine runs on POSIX is .NET Core, which has the barrier (membarrier, or an mprotect
        /// that makes the kernel interrupt every CPU running the process).</summary>
        public void ProcessWideBarrier() =>
            (RuntimeProcessBarrier ?? throw new PlatformNotSupportedException("This runtime has no Interlocked.MemoryBarrierProcessWide; run on .NET 6 or later.")).Invoke();

        public void Flush(in NativeView view, NativeFile file, long start, long length, bool async, IDescribed subject)
        {
            if (length == 0) return;
            IntPtr at = new IntPtr(view.Address.ToInt64() + start);
            if (msync(at, new UIntPtr((ulong)length), async ? MS_ASYNC : MS_SYNC) != 0)
            {
                int errno = Errno;
                throw OsFailure.About(Translate(errno), errno, $"flush {length} bytes at map offset {start} of", subject.Description);
            }
            if (async || !file.IsOpen || !Facts.SyncNeedsFullFsync) return;
            // macOS: msync and fsync leave the bytes in the drive's cache; F_FULLFSYNC makes the drive write them. A file
            // system without it (SMB, FAT on some versions: ENOTSUP, EINVAL) gets fsync, the most it offers.
            int fd = file.Handle.ToInt32();
            if (FullFsync(fd) == 0) return;
            int error = Errno;
            if ((error == ENOTSUP || error == EINVAL) && fsync(fd) == 0) return;
            if (error == ENOTSUP || error == EINVAL) error = Errno;
            throw OsFailure.Create(Translate(error), error, $"flush {length} bytes at map offset {start} of", subject.Description);
        }

        private static MmapException AddressInUse(in MapRequest request) =>
            new MmapException(MmapError.OutOfMemory,
                $"Cannot map {request.Description} at 0x{request.Address:X}: that address range is already in use. " +
                "Leave the address out to let the OS choose, or pick a free range.", EEXIST, request.Description);

        private static MmapException OpenError(int errno, string path, bool write)
        {
            if (errno == ENOENT || errno == ENOTDIR)
                return new MmapException(MmapError.NoFile,
                    Messages.NoSuchFile(path, creating: write), errno, path);
            if (errno == EISDIR)
                return new MmapException(MmapError.InvalidArgument, Messages.IsDirectory(path, "only files can be mapped"), errno, path);
            // open() of a unix socket (or of a device with no driver) fails with ENXIO before fstat could tell what it is.
            if (errno == ENXIO)
                return new MmapException(MmapError.InvalidArgument,
                    $"'{path}' is not a regular file (a unix socket, or a device with no driver), which cannot be mapped or sized. Copy the data to a file first.", errno, path);
            if (errno == ELOOP)
                return new MmapException(MmapError.InvalidArgument,
                    $"'{path}' goes through symbolic links that point at each other (a loop). Fix the link, or give the path of the file itself.", errno, path);
            if (errno == ENAMETOOLONG)
                return new MmapException(MmapError.InvalidArgument,
                    $"The path '{path}' is too long for the file system (a name of more than 255 bytes, or a path longer than PATH_MAX). Use a shorter name or path.", errno, path);
            return OpenFailure(errno, write ? "open for reading and writing" : "open for reading", path);
        }

        /// <summary>The file and its status, once it shares the flock that a FileShare.None holder would refuse (see
        /// <see cref="PosixFileLock"/>); else closed (and deleted when this open created it) and the error.</summary>
        private OpenedFile Opened(NativeFile file, string path, bool created)
        {
            int fd = file.Handle.ToInt32();
            FileStatus status;
            try { status = Stat(file, path); }
            catch
            {
                Abandon(fd, path, created);
                throw;
            }
            if (PosixFileLock.TryShare(fd, status.Identity!.Value)) // fstat gives every POSIX file an identity
                return new OpenedFile(file, status, created);
            Abandon(fd, path, created);
            throw PosixFileLock.Held(path);
        }

        private static void Abandon(int fd, string path, bool created)
        {
            close(fd);
            if (created) File.Delete(path);
        }

        /// <summary>A new descriptor, or, when it eats into the host's headroom, an error after closing it and undoing
        /// what made it (a file or tag this call created).</summary>
        private static NativeFile Claim(int fd, string action, string target, Action? undo = null)
        {
            if (!PosixDescriptorLimit.InHeadroom(fd)) return new NativeFile(new IntPtr(fd));
            close(fd);
            undo?.Invoke();
            throw PosixDescriptorLimit.Failure(EMFILE, action, target, keptForHost: true);
        }

        /// <summary>A failed open or dup: out of descriptors gets its own words, anything else the common ones.</summary>
        private static MmapException OpenFailure(int errno, string action, string target) =>
            PosixDescriptorLimit.Reached(errno) ? PosixDescriptorLimit.Failure(errno, action, target) : OsFailure.Create(Translate(errno), errno, action, target);

        internal static MmapError Translate(int errno)
        {
            if (errno == ENOENT || errno == ENOTDIR) return MmapError.NoFile;
            if (errno == EACCES || errno == EPERM || errno == EROFS || errno == ETXTBSY || errno == EBADF) return MmapError.AccessDenied;
            if (errno == ENOSPC || errno == EFBIG || errno == EDQUOT) return MmapError.DiskFull;
            if (errno == ENOMEM || errno == EOVERFLOW) return MmapError.OutOfMemory;
            if (errno == EINVAL || errno == EISDIR || errno == ENAMETOOLONG || errno == ELOOP) return MmapError.InvalidArgument;
            if (errno == ENODEV || errno == EOPNOTSUPP || errno == ENOTSUP) return MmapError.NotSupported;
            return MmapError.OsError;
        }

        private static byte[] NulTerminatedUtf8(string s)
        {
            var bytes = new byte[Encoding.UTF8.GetByteCount(s) + 1];
            Encoding.UTF8.GetBytes(s, 0, s.Length, bytes, 0);
            return bytes;
        }

        /// <summary>MAP_HUGETLB with the page size's log2 above MAP_HUGE_SHIFT (MAP_HUGE_2MB, MAP_HUGE_1GB, ...), so the kernel
        /// takes pages of exactly that size, not its default huge page. The rules let only a size the system offers through.</summary>
        private static int LargePageFlags(long pageSize)
        {
            if (IsMac) throw new MmapException(MmapError.NotSupported, "macOS offers no explicit large pages for anonymous memory. Leave PageSize out.");
            int log2 = 0;
            while ((1L << log2) < pageSize) log2++;
            return MAP_HUGETLB | (log2 << MAP_HUGE_SHIFT);
        }

        public (long PageSize, long HugeBytes) PageUse(IntPtr address, long length) =>
            IsMac ? (PageInfo.PageSize, 0) : LinuxSmaps.PageUse((ulong)address.ToInt64(), (ulong)length);

        /// <summary>Linux: the hugetlb pools. macOS offers superpages to the kernel's own choice only: no pool to list.</summary>
        public LargePagePool[] LargePagePools() => IsMac ? new LargePagePool[0] : LinuxHugePages.Read();

        private static long ReadLargePageSize()
        {
            if (IsMac)
                return HostPlatform.Architecture == System.Runtime.InteropServices.Architecture.X64 ? 2 * 1024 * 1024 : 0;
            try
            {
                foreach (string line in File.ReadLines("/proc/meminfo"))
                    if (line.StartsWith("Hugepagesize:", StringComparison.Ordinal))
                        return long.Parse(line.Substring(13).Trim().Split(' ')[0]) * 1024;
            }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
            return 0;
        }
    }
}
