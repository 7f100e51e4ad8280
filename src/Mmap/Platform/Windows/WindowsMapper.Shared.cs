using System;
using System.Collections.Generic;
using static Mmap.Platform.Kernel32;
using static Mmap.Platform.KernelBase;

namespace Mmap.Platform
{
    /// <summary>Windows: tagged shared memory as named sections (Local\ or Global\), and mirrors built from
    /// placeholders (VirtualAlloc2 + MapViewOfFile3, Windows 10 1803+).</summary>
    internal sealed unsafe partial class WindowsMapper
    {
        public NativeFile OpenShared(in SharedRequest request, out bool created)
        {
            created = false;
            string name = (request.Global ? @"Global\" : @"Local\") + request.Tag;
            if (!request.Create)
            {
                uint access = SECTION_QUERY | FILE_MAP_READ | (request.Write ? FILE_MAP_WRITE : 0);
                using (SectionHandle existing = OpenFileMapping(access, false, name))
                {
                    if (!existing.IsInvalid) return new NativeFile(HandOver(existing), isSection: true);
                    throw SharedOpenError(LastError, request.Tag, request.Write);
                }
            }
            // Permissions are not applied: the default security descriptor already limits the section to its
            // creator, SYSTEM and administrators (see TagOptions.Permission).
            ulong size = (ulong)request.CreateSize;
            using (SectionHandle section = CreateFileMapping(INVALID_HANDLE_VALUE, IntPtr.Zero, PAGE_READWRITE, (uint)(size >> 32), (uint)size, name))
            {
                int error = LastError;
                if (section.IsInvalid) throw SharedOpenError(error, request.Tag, request.Write);
                if (error == ERROR_ALREADY_EXISTS && request.Exclusive)
                    throw new MmapException(MmapError.AlreadyExists,
                        $"Shared memory tag '{request.Tag}' already exists. " + OsFailure.Advice(MmapError.AlreadyExists), error, request.Tag);
                created = error != ERROR_ALREADY_EXISTS;
                return new NativeFile(HandOver(section), isSection: true);
            }
        }

        public void ReserveShared(NativeFile file, long oldSize, long newSize, string description) =>
            throw new MmapException(MmapError.FileTooShort,
                $"'{description}' holds {oldSize} bytes and Windows cannot grow a section to {newSize}. Map at most {oldSize} bytes.", 0, description);

        /// <summary>A named section dies with its last handle, so there is no name to remove: a documented no-op once
        /// the tag is found (no_file when it is not).</summary>
        public void UnlinkShared(string tag)
        {
            foreach (string prefix in new[] { @"Local\", @"Global\" })
            {
                using (SectionHandle section = OpenFileMapping(SECTION_QUERY, false, prefix + tag))
                    if (!section.IsInvalid) return;
            }
            throw new MmapException(MmapError.NoFile, Messages.NoSuchTag(tag), ERROR_FILE_NOT_FOUND, tag);
        }

        public IReadOnlyList<string> ListShared() =>
            throw new MmapException(MmapError.NotSupported,
                "Windows keeps named sections in the object manager, which has no documented call to list them; open a tag by its name instead.");

        public IReadOnlyList<TagInfo> DescribeShared()
        {
            ListShared(); // not_supported, with the reason
            return Array.Empty<TagInfo>();
        }

        public NativeFile CreateMemorySegment(long size, string description, out bool sizeFixed)
        {
            sizeFixed = true; // a section keeps the size it is created with
            using (SectionHandle section = CreateFileMapping(INVALID_HANDLE_VALUE, IntPtr.Zero, PAGE_READWRITE, (uint)((ulong)size >> 32), (uint)size, null))
            {
                if (!section.IsInvalid) return new NativeFile(HandOver(section), isSection: true);
                int error = LastError;
                throw OsFailure.Create(Translate(error), error, $"create {size} bytes of page-file memory for", description);
            }
        }

        public NativeView MapMirror(in MirrorRequest request)
        {
            long total = request.TotalSize;
            if (IntPtr.Size == 4 && total > uint.MaxValue)
                throw new MmapException(MmapError.OutOfMemory, $"Cannot map {total} bytes of {request.Block.Description} in a 32-bit process. Mirror a smaller block.");
            bool write = request.Block.Access == MapAccess.ReadWrite;
            uint protect = request.Block.Execute ? (write ? PAGE_EXECUTE_READWRITE : PAGE_EXECUTE_READ) : (write ? PAGE_READWRITE : PAGE_READONLY);
            // A file's section is this map's own (handed over with the view); a tag's or segment's belongs to its NativeFile.
            using (SectionHandle? own = request.Block.File.IsSection ? null : OwnSection(request, protect))
            {
                IntPtr section = own?.DangerousGetHandle() ?? request.Block.File.Handle;
                IntPtr process = GetCurrentProcess();
                IntPtr wanted = request.Block.Address is ulong address ? new IntPtr((long)address) : IntPtr.Zero;
                IntPtr reservation;
                try
                {
                    reservation = request.IsPlaced
                        ? WindowsPlacement.ReservePlaceholder(total, request.Block.Placement, request.Block.Description)
                        : VirtualAlloc2(process, wanted, new UIntPtr((ulong)total), MEM_RESERVE | MEM_RESERVE_PLACEHOLDER, PAGE_NOACCESS, null, 0);
                }
                catch (EntryPointNotFoundException)
                {
                    throw new MmapException(MmapError.NotSupported,
                        "Mirrored maps need Windows 10 version 1803 or later (VirtualAlloc2 and MapViewOfFile3), which this Windows lacks.");
                }
                if (reservation == IntPtr.Zero)
                {
                    int error = LastError;
                    if (wanted != IntPtr.Zero && error == ERROR_INVALID_ADDRESS) throw AddressInUse(request.AsMapRequest(), error);
                    // Every argument is valid by now: ERROR_INVALID_PARAMETER here is a system without placeholders (Wine 8's
                    // allocate_virtual_memory refuses MEM_RESERVE_PLACEHOLDER), not a bad size or offset.
                    if (error == ERROR_INVALID_PARAMETER)
                        throw new MmapException(MmapError.NotSupported,
                            $"Cannot mirror {request.Block.Description}: this system refused a placeholder reservation (VirtualAlloc2 with " +
                            "MEM_RESERVE_PLACEHOLDER, OS error 87), which mirrors are built from (Windows 10 1803 and later have them; Wine 8 does not). " +
                            "Use a plain map and copy across the end.", error, request.Block.Description);
                    throw MapError(error, request.AsMapRequest());
                }

                // Split the placeholder into one per copy, then let each view replace its own placeholder.
                int mapped = 0;
                int failure = 0;
                for (int copy = 0; copy < request.Times - 1 && failure == 0; copy++)
                    if (!VirtualFree(At(reservation, copy, request.BlockSize), new UIntPtr((ulong)request.BlockSize), MEM_RELEASE | MEM_PRESERVE_PLACEHOLDER))
                        failure = LastError;
                while (failure == 0 && mapped < request.Times)
                {
                    IntPtr at = At(reservation, mapped, request.BlockSize);
                    if (MapViewOfFile3(section, process, at, (ulong)request.Block.Offset, new UIntPtr((ulong)request.BlockSize),
                            MEM_REPLACE_PLACEHOLDER, protect, null, 0) == at)
                        mapped++;
                    else
                        failure = LastError;
                }
                if (failure == 0)
                    return new NativeView(reservation, total, own == null ? IntPtr.Zero : HandOver(own), request.BlockSize);

                // Undo: views go one by one; every placeholder left starts at some copy's address (others fail harmlessly).
                for (int copy = 0; copy < request.Times; copy++)
                {
                    IntPtr at = At(reservation, copy, request.BlockSize);
                    if (copy < mapped) UnmapViewOfFile(at);
                    else VirtualFree(at, UIntPtr.Zero, MEM_RELEASE);
                }
                throw MapError(failure, request.AsMapRequest());
            }
        }

        /// <summary>A section of the mirrored block of a file, for this mirror alone.</summary>
        private static SectionHandle OwnSection(in MirrorRequest request, uint protect)
        {
            ulong sectionSize = (ulong)(request.Block.Offset + request.BlockSize);
            SectionHandle section = CreateFileMapping(request.Block.File.Handle, IntPtr.Zero, protect, (uint)(sectionSize >> 32), (uint)sectionSize, null);
            if (!section.IsInvalid) return section;
            int error = LastError;
            section.Dispose();
            throw MapError(error, request.AsMapRequest());
        }

        private static IntPtr At(IntPtr start, int copy, long blockSize) => new IntPtr(start.ToInt64() + copy * blockSize);

        /// <summary>The size of a named or anonymous section, as a regular "file" with no identity.</summary>
        private static FileStatus StatSection(NativeFile file, string description)
        {
            int status = NtDll.QuerySize(file.Handle, out long size);
            if (status != 0) throw SectionSizeError(status, description);
            return new FileStatus(FileKind.Regular, size, null); // a section has no file identity
        }

        private static MmapException SectionSizeError(int status, string description) =>
            new MmapException(MmapError.OsError, $"Cannot read the size of '{description}': NTSTATUS 0x{status:X8}. See the OS error for the cause.", status, description);

        /// <summary>Map needs a section it may close when the view goes: a duplicate of the tag's own handle.</summary>
        private static SectionHandle DuplicateSection(NativeFile file)
        {
            IntPtr self = GetCurrentProcess();
            DuplicateHandle(self, file.Handle, self, out SectionHandle copy, 0, false, DUPLICATE_SAME_ACCESS);
            return copy; // invalid on failure, with the last error set
        }

        /// <summary>A missing tag's advice follows the access asked for, as on POSIX: ReadWrite lacks only a size.</summary>
        private static MmapException SharedOpenError(int error, string tag, bool write)
        {
            if (error == ERROR_FILE_NOT_FOUND)
                return new MmapException(MmapError.NoFile,
                    Messages.NoSuchTag(tag, Messages.CreateTagAdvice(write)), error, tag);
            return OsFailure.Create(Translate(error), error, "open the shared memory tag", tag);
        }
    }
}
