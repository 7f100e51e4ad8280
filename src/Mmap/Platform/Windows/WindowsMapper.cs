using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using Microsoft.Win32.SafeHandles;
using static Mmap.Platform.Kernel32;

namespace Mmap.Platform
{
    /// <summary>Windows: CreateFileW / SetEndOfFile / CreateFileMappingW + MapViewOfFileEx through kernel32.</summary>
    internal sealed unsafe partial class WindowsMapper : PlatformMapperBase, IPlatformMapper
    {
        private const uint ShareAll = FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE;

        public PageInfo PageInfo { get; } = ReadPageInfo();
        public OpenedFile OpenFile(string path, bool write, bool create)
        {
            uint access = GENERIC_READ | (write ? GENERIC_WRITE : 0);
            // Share everything, like a POSIX open: other processes may keep using, resizing or deleting the file.
            // No FILE_FLAG_BACKUP_SEMANTICS, so a directory fails to open instead of yielding a handle.
            string name = LongPathSafe(path);
            // Twice at most: another process may create or delete the file between our two opens.
            for (int attempt = 0; attempt < 2; attempt++)
            {
                using (SafeFileHandle h = CreateFile(name, access, ShareAll, IntPtr.Zero, OPEN_EXISTING, FILE_ATTRIBUTE_NORMAL, IntPtr.Zero))
                {
                    if (!h.IsInvalid) return Opened(h, path, created: false);
                    int error = LastError;
                    if (error != ERROR_FILE_NOT_FOUND || !create)
                        throw OpenError(error, path, write);
                }
                // CREATE_NEW fails on any existing name, a dangling symlink included, so it never redirects the new file.
                using (SafeFileHandle h = CreateFile(name, access, ShareAll, IntPtr.Zero, CREATE_NEW, FILE_ATTRIBUTE_NORMAL, IntPtr.Zero))
                {
                    if (!h.IsInvalid) return Opened(h, path, created: true);
                    int error = LastError;
                    if (error != ERROR_FILE_EXISTS && error != ERROR_ALREADY_EXISTS) throw OpenError(error, path, write);
                }
            }
            throw new MmapException(MmapError.NoFile,
                $"Cannot create '{path}': the name exists but cannot be opened; it may be a symbolic link to a missing file. " +
                "Remove the link or point it at an existing file.", ERROR_FILE_EXISTS, path);
        }

        /// <summary>The file and its status, the handle handed over to the caller; if the stat fails, the handle closes
        /// with <paramref name="file"/> (and the file is deleted when this open created it).</summary>
        private OpenedFile Opened(SafeFileHandle file, string path, bool created)
        {
            FileStatus status;
            try { status = Stat(new NativeFile(file.DangerousGetHandle()), path); }
            catch
            {
                file.Dispose(); // before the delete: Windows deletes no open file
                if (created) File.Delete(path);
                throw;
            }
            return new OpenedFile(new NativeFile(HandOver(file)), status, created);
        }

        public NativeFile Duplicate(SafeFileHandle handle, string description)
        {
            // The reference keeps the caller from closing (and Windows from reusing) the handle value mid-call.
            bool added = false;
            try
            {
                try { handle.DangerousAddRef(ref added); }
                catch (ObjectDisposedException) { throw OsFailure.Create(MmapError.AccessDenied, ERROR_INVALID_HANDLE, "duplicate the handle of", description); }
                IntPtr self = GetCurrentProcess();
                if (!DuplicateHandle(self, handle.DangerousGetHandle(), self, out SafeFileHandle copy, 0, false, DUPLICATE_SAME_ACCESS))
                {
                    int error = LastError;
                    copy.Dispose();
                    throw OsFailure.Create(Translate(error), error, "duplicate the handle of", description);
                }
                return new NativeFile(HandOver(copy));
            }
            finally
            {
                if (added) handle.DangerousRelease();
            }
        }

        public void CloseFile(NativeFile file)
        {
            if (file.IsOpen) CloseHandle(file.Handle);
        }

        public FileStatus Stat(NativeFile file, string description)
        {
            if (file.IsSection) return StatSection(file, description);
            IntPtr h = file.Handle;
            uint type = GetFileType(h) & ~FILE_TYPE_REMOTE;
            if (type == FILE_TYPE_UNKNOWN && LastError != ERROR_SUCCESS) throw StatError(description);
            // Consoles, printers, pipes and sockets have neither a size nor a file index; none of them can be mapped.
            if (type == FILE_TYPE_CHAR) return new FileStatus(FileKind.Device, 0, null);
            if (type != FILE_TYPE_DISK) return new FileStatus(FileKind.Other, 0, null);

            if (!GetFileInformationByHandle(h, out BY_HANDLE_FILE_INFORMATION info)) throw StatError(description);
            var identity = new FileIdentity(info.VolumeSerialNumber, ((ulong)info.FileIndexHigh << 32) | info.FileIndexLow);
            if ((info.FileAttributes & FILE_ATTRIBUTE_DIRECTORY) != 0)
                return new FileStatus(FileKind.Directory, 0, identity);
            // The size is the same end of file GetFileSizeEx reports; reading it here saves a call on every size check.
            return new FileStatus(FileKind.Regular, ((long)info.FileSizeHigh << 32) | info.FileSizeLow, identity);
        }

        /// <summary>Used by <see cref="MemoryMap.GetBackingSize"/> only: a mapped file or section cannot shrink here
        /// (<see cref="PlatformFacts.BackingCanShrinkUnderMap"/>), so no map checks its size per call. One call, and the
        /// description is asked for only when it fails: building it on success allocated on every call.</summary>
        public long SizeOf(NativeFile file, IDescribed subject)
        {
            if (file.IsSection)
            {
                int status = NtDll.QuerySize(file.Handle, out long sectionSize);
                if (status != 0) throw SectionSizeError(status, subject.Description);
                return sectionSize;
            }
            if (!GetFileSizeEx(file.Handle, out long size)) throw StatError(subject.Description);
            return size;
        }

        /// <summary>Windows has no fault recovery yet, so nothing asks.</summary>
        public bool InHole(NativeFile file, long fileOffset) => false;

        /// <summary>ReadFile at an offset (the OVERLAPPED's) on the synchronous handle. Not reached by the engine today: it
        /// reads through the descriptor only where it would otherwise check the size per call, which Windows never needs.</summary>
        public int ReadAt(NativeFile file, long fileOffset, Span<byte> destination, IDescribed subject)
        {
            if (file.IsSection)
                throw new InvalidOperationException($"The {subject.Description} is a section, which has no file to read from; read it through its view.");
            int done = 0;
            fixed (byte* p = destination)
                while (done < destination.Length)
                {
                    long at = fileOffset + done;
                    var position = new System.Threading.NativeOverlapped { OffsetLow = (int)at, OffsetHigh = (int)(at >> 32) };
                    if (!ReadFile(file.Handle, p + done, (uint)(destination.Length - done), out uint got, &position))
                    {
                        int error = LastError;
                        if (error == ERROR_HANDLE_EOF) break;
                        throw OsFailure.Create(Translate(error), error, "read", subject.Description);
                    }
                    if (got == 0) break;
                    done += (int)got;
                }
            return done;
        }

        public void Resize(NativeFile file, long oldSize, long newSize, bool sparse, string description)
        {
            IntPtr h = file.Handle;
            bool reserve = newSize > oldSize && !sparse;
            int error = 0;
            if (reserve)
            {
                // Reserving the clusters first makes a full disk fail here, before the size changes.
                error = SetAllocation(h, newSize);
                if (CannotReserve(error)) error = 0;
            }
            if (error == 0) error = SetSize(h, newSize);
            if (error == 0) return;

            SetSize(h, oldSize); // a failed grow may have moved the end part-way: put it back
            if (reserve) SetAllocation(h, oldSize); // and release the clusters reserved for it

            if (error == ERROR_ACCESS_DENIED)
                throw new MmapException(MmapError.AccessDenied,
                    Messages.OpenReadOnly(description), error, description);
            if (error == ERROR_USER_MAPPED_FILE)
                throw new MmapException(MmapError.InvalidArgument,
                    $"Cannot resize '{description}' from {oldSize} to {newSize} bytes: the file is mapped, by this or another process, " +
                    "and Windows cannot cut off mapped bytes. Free the maps of the file first.", error, description);
            MmapError code = error == ERROR_INVALID_PARAMETER && newSize > oldSize ? MmapError.DiskFull : Translate(error);
            throw OsFailure.Create(code, error, $"resize from {oldSize} to {newSize} bytes", description);
        }

        /// <summary>A Windows file has holes only once marked sparse (FSCTL_SET_SPARSE), which the engine never does;
        /// writes into the holes of a file someone else made sparse can still meet a full volume (an in-page error).</summary>
        public void ReserveHoles(NativeFile file, long offset, long length, string description) { }

        public string? PseudoFileSystem(NativeFile file, in FileStatus status) => null;

        public NativeView Map(in MapRequest request)
        {
            if (request.NoReserve)
                throw new MmapException(MmapError.NotSupported,
                    $"Cannot map {request.Description} with NoReserve: Windows commits the page file for an anonymous map's whole size " +
                    "when the map is made, and has no way to skip it. Leave NoReserve off, or map a smaller size.");
            if (IntPtr.Size == 4 && request.Size > uint.MaxValue)
                throw new MmapException(MmapError.OutOfMemory, $"Cannot map {request.Size} bytes of {request.Description} in a 32-bit process. Map a smaller window.");
            if (request.LargePageSize > 0) WindowsLargePages.EnableLockMemory(request.Description); // anonymous only (LargePageRules)
            bool anonymous = !request.File.IsOpen;
            bool exec = request.Execute;
            uint protect = PageProtection(request.Access, exec);
            uint viewAccess = request.Access == MapAccess.ReadWrite ? FILE_MAP_READ | FILE_MAP_WRITE
                : request.Access == MapAccess.CopyOnWrite ? FILE_MAP_COPY : FILE_MAP_READ;
            if (exec) viewAccess |= FILE_MAP_EXECUTE;
            // Anonymous memory is a page-file-backed section: it must be writable to be created at all. Its view is mapped
            // writable too and protected down to what was asked below, so that ChangeAccess can make it ReadWrite later
            // (a view never gains more than it was mapped with). Its whole size is committed here.
            if (anonymous)
            {
                protect = exec ? PAGE_EXECUTE_READWRITE : PAGE_READWRITE;
                viewAccess |= FILE_MAP_WRITE;
            }
            uint viewProtect = protect; // MapViewOfFile3 (placement) takes the view's protection in PAGE_* terms
            if (request.LargePageSize > 0)
            {
                protect |= WindowsLargePages.SEC_COMMIT | WindowsLargePages.SEC_LARGE_PAGES;
                viewAccess |= WindowsLargePages.FILE_MAP_LARGE_PAGES;
            }

            long offset = anonymous ? 0 : request.Offset;
            ulong sectionSize = (ulong)(offset + request.Size);
            SectionHandle section = request.File.IsSection ? DuplicateSection(request.File) : CreateFileMapping(anonymous ? INVALID_HANDLE_VALUE : request.File.Handle, IntPtr.Zero, protect,
                (uint)(sectionSize >> 32), (uint)sectionSize, null);
            int error = LastError;
            if (section.IsInvalid && error == ERROR_ACCESS_DENIED && exec && !anonymous)
            {
                section.Dispose();
                section = CreateExecutableSection(request, protect, sectionSize, ref error);
            }
            using (section)
            {
                if (section.IsInvalid)
                    throw MapError(error, request);

                IntPtr wanted = request.Address is ulong address ? new IntPtr((long)address) : IntPtr.Zero;
                IntPtr p;
                if (wanted == IntPtr.Zero && request.Placement != MapPlacement.Any)
                    p = WindowsPlacement.MapView(section.DangerousGetHandle(), (ulong)offset, viewProtect, request, out error);
                else if ((p = MapViewOfFileEx(section.DangerousGetHandle(), viewAccess, (uint)((ulong)offset >> 32), (uint)offset,
                    new UIntPtr((ulong)request.Size), wanted)) == IntPtr.Zero)
                    error = LastError;
                if (p == IntPtr.Zero)
                {
                    if (wanted != IntPtr.Zero && error == ERROR_INVALID_ADDRESS)
                        throw AddressInUse(request, error);
                    throw MapError(error, request);
                }
                // MapViewOfFileEx either honours the address or fails; checked anyway, as on POSIX.
                if (wanted != IntPtr.Zero && p != wanted)
                {
                    UnmapViewOfFile(p);
                    throw AddressInUse(request, ERROR_INVALID_ADDRESS);
                }
                if (anonymous && request.Access == MapAccess.Read &&
                    !VirtualProtect(p, new UIntPtr((ulong)request.Size), PageProtection(MapAccess.Read, exec), out _))
                {
                    error = LastError;
                    UnmapViewOfFile(p);
                    throw MapError(error, request);
                }
                if (request.Populate) Prefetch(p, request.Size);
                return new NativeView(p, request.Size, HandOver(section));
            }
        }

        public void Unmap(in NativeView view)
        {
            // Runs from a SafeHandle's ReleaseHandle, on the finalizer thread too: report nothing, throw nothing. Each
            // view (one, or a mirror's copies) is unmapped on its own; the section goes last.
            if (view.Address != IntPtr.Zero)
                for (long at = 0; at < view.Length; at += view.ViewSize)
                    ReleaseView(new IntPtr(view.Address.ToInt64() + at));
            if (view.Section != IntPtr.Zero && view.Section != INVALID_HANDLE_VALUE) CloseHandle(view.Section);
        }

        /// <summary>Unmaps a view, or frees the zero pages the fault handler put in its place after an in-page error
        /// (src/Mmap.Native/windows/mmap_fault.c): private memory allocated at exactly the view's address.</summary>
        private static void ReleaseView(IntPtr at)
        {
            if (UnmapViewOfFile(at)) return;
            if (VirtualQuery(at, out MEMORY_BASIC_INFORMATION info, new UIntPtr((uint)sizeof(MEMORY_BASIC_INFORMATION))) != UIntPtr.Zero &&
                info.Type == MEM_PRIVATE && info.AllocationBase == at)
                VirtualFree(at, UIntPtr.Zero, MEM_RELEASE);
        }

        /// <summary>A placeholder (VirtualAlloc2 MEM_RESERVE|MEM_RESERVE_PLACEHOLDER); split it with
        /// VirtualFree(MEM_RELEASE|MEM_PRESERVE_PLACEHOLDER), map each piece with MapViewOfFile3(MEM_REPLACE_PLACEHOLDER).</summary>
        public IntPtr ReserveAddressSpace(long size, MapPlacement placement, string description) => WindowsPlacement.ReservePlaceholder(size, placement, description);

        /// <summary>One placeholder or reservation; after a split, call it per piece.</summary>
        public void ReleaseAddressSpace(IntPtr address, long size) => VirtualFree(address, UIntPtr.Zero, MEM_RELEASE);

        public IReadOnlyList<(ulong Start, ulong End)> ProbeBelow(ulong limit, out long? map32BitBytes)
        {
            map32BitBytes = null; // MAP_32BIT is Linux's
            return WindowsPlacement.Probe(limit);
        }

        /// <summary>Never called: a view cannot be replaced in place here (<see cref="PlatformFacts.CanRetireInPlace"/>), so maps
        /// are unmapped at once and their safe calls use an <see cref="AccessGuard"/>.</summary>
        public void Retire(in NativeView view) => throw new PlatformNotSupportedException("Windows cannot replace a mapped view in place.");

        /// <summary>Not needed: Windows maps use an <see cref="AccessGuard"/>, which knows its users by their slots.</summary>
        public bool TryGetThreadStack(out ulong low, out ulong size)
        {
            low = size = 0;
            return false;
        }

        /// <summary>Windows has a prefetch and nothing else: the other advice does nothing.</summary>
        public void Advise(IntPtr address, long length, MapAdvice advice, IDescribed subject)
        {
            if (advice == MapAdvice.WillNeed && length > 0) Prefetch(address, length);
        }

        /// <summary>Windows has no advice for reads through a handle (and the engine makes none: see ReadAt).</summary>
        public void AdviseFile(NativeFile file, long fileOffset, long length, MapAdvice advice, IDescribed subject) { }

        /// <summary>The runtime's barrier on .NET Core; FlushProcessWriteBuffers itself on .NET Framework (Windows PowerShell 5.1).</summary>
        public void ProcessWideBarrier()
        {
            if (RuntimeProcessBarrier != null) RuntimeProcessBarrier();
            else FlushProcessWriteBuffers();
        }

        public void Flush(in NativeView view, NativeFile file, long start, long length, bool async, IDescribed subject)
        {
            if (length == 0) return;
            IntPtr at = new IntPtr(view.Address.ToInt64() + start);
            int error = FlushView(at, length);
            if (error != 0)
                throw OsFailure.Create(Translate(error), error, $"flush {length} bytes at map offset {start} of", subject.Description);
            // FlushViewOfFile only hands the pages to the file system; FlushFileBuffers waits until they are on the disk.
            if (async || !file.IsOpen || FlushFileBuffers(file.Handle)) return;
            error = LastError;
            // A handle without write access cannot back a shared writable map, so it has nothing to write back.
            if (error == ERROR_ACCESS_DENIED) return;
            throw OsFailure.Create(Translate(error), error, $"flush {length} bytes at map offset {start} of", subject.Description);
        }

        internal static MmapError Translate(int error)
        {
            switch (error)
            {
                case ERROR_FILE_NOT_FOUND: case ERROR_PATH_NOT_FOUND: case ERROR_DIRECTORY: case ERROR_INVALID_DRIVE:
                case ERROR_BAD_NETPATH: case ERROR_BAD_NET_NAME:
                    return MmapError.NoFile;
                case ERROR_ACCESS_DENIED: case ERROR_INVALID_HANDLE: case ERROR_SHARING_VIOLATION: case ERROR_LOCK_VIOLATION:
                case ERROR_WRITE_PROTECT: case ERROR_NETWORK_ACCESS_DENIED: case ERROR_PRIVILEGE_NOT_HELD:
                    return MmapError.AccessDenied;
                case ERROR_DISK_FULL: case ERROR_HANDLE_DISK_FULL: case ERROR_FILE_TOO_LARGE: case ERROR_DISK_QUOTA_EXCEEDED:
                    return MmapError.DiskFull;
                case ERROR_NOT_ENOUGH_MEMORY: case ERROR_OUTOFMEMORY: case ERROR_COMMITMENT_LIMIT: case ERROR_NO_SYSTEM_RESOURCES:
                case ERROR_INVALID_ADDRESS: case ERROR_ARITHMETIC_OVERFLOW:
                    return MmapError.OutOfMemory;
                case ERROR_INVALID_PARAMETER: case ERROR_MAPPED_ALIGNMENT: case ERROR_FILE_INVALID: case ERROR_USER_MAPPED_FILE:
                case ERROR_INVALID_NAME: case ERROR_BAD_PATHNAME: case ERROR_FILENAME_EXCED_RANGE: case ERROR_CANT_RESOLVE_FILENAME:
                    return MmapError.InvalidArgument;
                case ERROR_NOT_SUPPORTED: case ERROR_INVALID_FUNCTION: case ERROR_CALL_NOT_IMPLEMENTED:
                    return MmapError.NotSupported;
                default:
                    return MmapError.OsError;
            }
        }

        /// <summary>Sections with PAGE_EXECUTE_* need a handle opened with GENERIC_EXECUTE, which neither our opens nor a
        /// caller's FileStream ask for. A second handle to the same file with that right is enough: the section keeps the file.</summary>
        private static SectionHandle CreateExecutableSection(in MapRequest request, uint protect, ulong sectionSize, ref int error)
        {
            uint access = GENERIC_READ | GENERIC_EXECUTE | (request.Access == MapAccess.ReadWrite ? GENERIC_WRITE : 0);
            using (SafeFileHandle exec = ReOpenFile(request.File.Handle, access, ShareAll, 0))
            {
                if (exec.IsInvalid) return new SectionHandle(); // keep the first error: it names the real refusal
                SectionHandle section = CreateFileMapping(exec, IntPtr.Zero, protect, (uint)(sectionSize >> 32), (uint)sectionSize, null);
                if (section.IsInvalid) error = LastError;
                return section;
            }
        }

        /// <summary>FlushViewOfFile fails now and then with ERROR_LOCK_VIOLATION while the OS is itself writing those pages
        /// (a known NTFS quirk; .NET's MemoryMappedView retries too): retry with growing pauses before giving up.</summary>
        private static int FlushView(IntPtr at, long length)
        {
            for (int attempt = 0; ; attempt++)
            {
                if (FlushViewOfFile(at, new UIntPtr((ulong)length))) return 0;
                int error = LastError;
                if (error != ERROR_LOCK_VIOLATION || attempt == 10) return error;
                Thread.Sleep(1 << attempt); // 1 ms .. 0.5 s, about 1 s in all
            }
        }

        /// <summary>Sets the end of file without moving the file position, which a duplicated handle shares with the
        /// caller's FileStream (.NET Framework's FileStream fails if it finds the position moved). Returns 0 or the error.</summary>
        private static int SetSize(IntPtr h, long size)
        {
            if (!SetFilePointerEx(h, 0, out long position, FILE_CURRENT)) return LastError;
            int error = SetFilePointerEx(h, size, out _, FILE_BEGIN) && SetEndOfFile(h) ? 0 : LastError;
            SetFilePointerEx(h, position, out _, FILE_BEGIN);
            return error;
        }

        /// <summary>Whether a failed FileAllocationInfo only says the file system cannot reserve clusters ahead (FAT on old
        /// systems, redirectors, Wine's NtSetInformationFile: ERROR_CALL_NOT_IMPLEMENTED): SetEndOfFile alone still allocates.</summary>
        internal static bool CannotReserve(int error) =>
            error == ERROR_INVALID_FUNCTION || error == ERROR_NOT_SUPPORTED || error == ERROR_INVALID_PARAMETER || error == ERROR_CALL_NOT_IMPLEMENTED;

        /// <summary>FileAllocationInfo: the clusters reserved for the file. Returns 0 or the error.</summary>
        private static int SetAllocation(IntPtr h, long size) =>
            SetFileInformationByHandle(h, FileAllocationInfo, &size, sizeof(long)) ? 0 : LastError;

        private static MmapException StatError(string description)
        {
            int error = LastError;
            return OsFailure.Create(Translate(error), error, "read the size of", description);
        }

        private static MmapException MapError(int error, in MapRequest request)
        {
            if (request.LargePageSize > 0 && WindowsLargePages.Explain(error, request.Size, request.LargePageSize, request.Description) is MmapException large)
                return large;
            if (error == ERROR_NOT_ENOUGH_MEMORY || error == ERROR_OUTOFMEMORY || error == ERROR_COMMITMENT_LIMIT)
                return new MmapException(MmapError.OutOfMemory,
                    $"Cannot map {request.Size} bytes of {request.Description}: the address space or memory limit has no room for it. " +
                    OsFailure.Advice(MmapError.OutOfMemory), error, request.Description);
            return OsFailure.Create(Translate(error), error,
                $"map {request.Size} bytes at offset {request.Offset} of", request.Description);
        }

        private static MmapException AddressInUse(in MapRequest request, int error) =>
            new MmapException(MmapError.OutOfMemory,
                $"Cannot map {request.Description} at 0x{request.Address:X}: that address range is already in use. " +
                "Leave the address out to let the OS choose, or pick a free range.", error, request.Description);

        private static MmapException OpenError(int error, string path, bool write)
        {
            if (error == ERROR_FILE_NOT_FOUND || error == ERROR_PATH_NOT_FOUND || error == ERROR_DIRECTORY)
                return new MmapException(MmapError.NoFile,
                    Messages.NoSuchFile(path, creating: write), error, path);
            // Without FILE_FLAG_BACKUP_SEMANTICS, opening a directory is refused as ERROR_ACCESS_DENIED.
            if (error == ERROR_ACCESS_DENIED && Directory.Exists(path))
                return new MmapException(MmapError.InvalidArgument, Messages.IsDirectory(path, "only files can be mapped"), error, path);
            return OsFailure.Create(Translate(error), error, write ? "open for reading and writing" : "open for reading", path);
        }

        /// <summary>CreateFileW stops at MAX_PATH (260) unless the process is long-path aware, which Windows PowerShell 5.1
        /// is not; the \\?\ prefix lifts the limit. It also turns off normalization, so it is added only to full paths.</summary>
        private static string LongPathSafe(string path)
        {
            string p = path.Replace('/', '\\');
            if (p.Length < 260 || p.StartsWith(@"\\?\", StringComparison.Ordinal) || p.StartsWith(@"\\.\", StringComparison.Ordinal)
                || p.IndexOf(@"\.", StringComparison.Ordinal) >= 0) // "." and ".." segments need normalizing: leave those alone
                return path;
            if (p.Length >= 3 && char.IsLetter(p[0]) && p[1] == ':' && p[2] == '\\') return @"\\?\" + p;
            if (p.StartsWith(@"\\", StringComparison.Ordinal)) return @"\\?\UNC\" + p.Substring(2);
            return path;
        }

        /// <summary>One large page size (GetLargePageMinimum), taken from free memory: Windows keeps no pool to count.</summary>
        public LargePagePool[] LargePagePools() =>
            PageInfo.LargePageSize > 0 ? new[] { new LargePagePool(PageInfo.LargePageSize, null, null) } : new LargePagePool[0];

        /// <summary>A view on large pages (asked with SEC_LARGE_PAGES, always resident and locked) says so in its working-set
        /// entry; every other view is on base pages. Windows has no transparent huge pages.</summary>
        public (long PageSize, long HugeBytes) PageUse(IntPtr address, long length) =>
            (PageInfo.LargePageSize > 0 && WindowsLargePages.IsLargePage(address) ? PageInfo.LargePageSize : PageInfo.PageSize, 0);

        private static PageInfo ReadPageInfo()
        {
            GetSystemInfo(out SYSTEM_INFO info);
            return new PageInfo(info.PageSize, info.AllocationGranularity, (long)GetLargePageMinimum().ToUInt64());
        }
    }
}
