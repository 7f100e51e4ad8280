using System;
using System.Collections.Generic;
using System.IO;
using static Mmap.Platform.Libc;

namespace Mmap.Platform
{
    /// <summary>Linux and macOS: tagged shared memory (shm_open) and mirrors (a PROT_NONE reservation, then MAP_FIXED views).</summary>
    internal sealed unsafe partial class PosixMapper
    {
        public NativeFile OpenShared(in SharedRequest request, out bool created)
        {
            created = false;
            string tag = request.Tag;
            // shm_open adds close-on-exec itself. Linux: O_NONBLOCK, so a FIFO planted under the tag's name opens at once
            // (to be refused) instead of waiting for a writer; it changes nothing for a segment.
            int flags = (request.Write ? O_RDWR : O_RDONLY) | (IsMac ? 0 : O_NONBLOCK);
            fixed (byte* name = NulTerminatedUtf8("/" + tag))
            {
                // Twice at most: another process may create or unlink the tag between our two opens.
                for (int attempt = 0; attempt < 2; attempt++)
                {
                    int fd;
                    if (!request.Exclusive)
                    {
                        fd = PosixShm.Open(name, flags, 0);
                        if (fd >= 0) return Claim(fd, "open the shared memory tag", tag);
                        int errno = Errno;
                        if (errno != ENOENT || !request.Create) throw SharedOpenError(errno, tag, request.Write);
                    }
                    // O_EXCL: the segment is ours alone, so the mode set below is never applied to someone else's.
                    fd = PosixShm.Open(name, flags | O_CREAT | O_EXCL, request.Permissions);
                    if (fd >= 0)
                    {
                        Claim(fd, "create the shared memory tag", tag, () => UnlinkShared(tag));
                        MmapException? refused = GiveMode(fd, request.Permissions, tag);
                        if (refused != null)
                        {
                            close(fd);
                            PosixShm.Unlink(name);
                            throw refused;
                        }
                        created = true;
                        return new NativeFile(new IntPtr(fd));
                    }
                    int createErrno = Errno;
                    if (createErrno != EEXIST) throw SharedOpenError(createErrno, tag, request.Write);
                    if (request.Exclusive)
                        throw new MmapException(MmapError.AlreadyExists,
                            $"Shared memory tag '{tag}' already exists. " + OsFailure.Advice(MmapError.AlreadyExists), createErrno, tag);
                }
            }
            throw new MmapException(MmapError.OsError,
                $"Cannot open the shared memory tag '{tag}': other processes keep creating and unlinking it. Retry, or coordinate who creates it.", EEXIST, tag);
        }

        /// <summary>Makes a segment this process just created carry exactly <paramref name="mode"/>, which shm_open was given
        /// and the umask may have narrowed: fchmod where the backing takes it (Linux: a tmpfs file); elsewhere (macOS: XNU's
        /// fchmod refuses shm with EINVAL) the mode is read back, and a narrowed one is refused (null: all is well).</summary>
        private MmapException? GiveMode(int fd, int mode, string tag)
        {
            if (Facts.Of(Backing.PosixShm).ModeSettable)
            {
                if (fchmod(fd, mode) == 0) return null;
                int errno = Errno;
                return OsFailure.Create(Translate(errno), errno, "set the permissions of the shared memory tag", tag);
            }
            byte* st = stackalloc byte[StatBufferSize];
            int error = FStatInto(new NativeFile(new IntPtr(fd)), st);
            if (error != 0) return OsFailure.Create(Translate(error), error, "read the permissions of the shared memory tag", tag);
            return ModeKept(mode, StatMode(StatLayout.Current, st) & 0x1FF, tag);
        }

        /// <summary>null when the segment got the <paramref name="asked"/> mode, else invalid_argument naming the bits the
        /// umask took and the two ways out (the segment is removed again by the caller).</summary>
        internal static MmapException? ModeKept(int asked, int got, string tag)
        {
            if (got == asked) return null;
            string Octal(int m) => Convert.ToString(m, 8).PadLeft(3, '0');
            return new MmapException(MmapError.InvalidArgument,
                $"Cannot create the shared memory tag '{tag}' with permissions {Octal(asked)}: the process's umask turned them into {Octal(got)} " +
                $"(it removes {Octal(asked & ~got)}), and this OS cannot change a shared memory segment's permissions after it is created. " +
                $"Run with a umask that keeps {Octal(asked & ~got)} (umask 000 keeps every bit), or ask for {Octal(got)}.", 0, tag);
        }

        /// <summary>Linux: posix_fallocate, so a full /dev/shm fails now. macOS: shm has no fallocate, so ftruncate
        /// only; macOS backs shm with memory, not a size-limited file system, and cannot run out of it this way.</summary>
        public void ReserveShared(NativeFile file, long oldSize, long newSize, string description)
        {
            int fd = file.Handle.ToInt32();
            int error = IsMac ? (ftruncate(fd, newSize) == 0 ? 0 : Errno) : Allocate(fd, oldSize, newSize - oldSize);
            if (error == 0) return;
            ftruncate(fd, oldSize); // a failed reservation may have grown the segment part-way: put it back
            MmapError code = error == EINVAL || error == EFBIG ? MmapError.DiskFull : Translate(error);
            string advice = code == MmapError.DiskFull
                ? "Free space in /dev/shm (unlink tags nobody uses) or raise its size limit, then retry; an existing segment keeps its old size, a new one is removed again."
                : OsFailure.Advice(code);
            throw new MmapException(code,
                $"Cannot reserve {newSize} bytes ({ByteSize.ToText(newSize)}) for '{description}': {new System.ComponentModel.Win32Exception(error).Message} (OS error {error}). {advice}",
                error, description);
        }

        public void UnlinkShared(string tag)
        {
            fixed (byte* name = NulTerminatedUtf8("/" + tag))
            {
                if (PosixShm.Unlink(name) == 0) return;
                int errno = Errno;
                if (errno == ENOENT)
                    throw new MmapException(MmapError.NoFile, $"Shared memory tag '{tag}' does not exist (it may be unlinked already). Check the tag.", errno, tag);
                throw OsFailure.Create(Translate(errno), errno, "unlink the shared memory tag", tag);
            }
        }

        /// <summary>Linux names each segment by a file in /dev/shm (sem.* files there are named semaphores, not
        /// segments). macOS keeps POSIX shared memory names in the kernel with no call to list them.</summary>
        public IReadOnlyList<string> ListShared()
        {
            if (!Facts.CanListTags)
                throw new MmapException(MmapError.NotSupported, "macOS offers no way to list POSIX shared memory tags; open a tag by its name instead.");
            var tags = new List<string>();
            if (!Directory.Exists("/dev/shm")) return tags; // no tmpfs there: glibc's shm_open can have made nothing
            foreach (string entry in Directory.EnumerateFiles("/dev/shm"))
            {
                string name = Path.GetFileName(entry);
                if (!name.StartsWith(TagNameRules.SemaphorePrefix, StringComparison.Ordinal)) tags.Add(name);
            }
            tags.Sort(StringComparer.Ordinal);
            return tags;
        }

        /// <summary>Linux: fstat of each file in /dev/shm through an O_PATH descriptor, which opens a tag whatever its mode
        /// (and O_NOFOLLOW: a link planted there is described, never followed).</summary>
        public IReadOnlyList<TagInfo> DescribeShared()
        {
            var tags = new List<TagInfo>();
            var owners = new Dictionary<uint, string?>();
            StatLayout layout = StatLayout.Current;
            byte* st = stackalloc byte[StatBufferSize];
            foreach (string tag in ListShared())
            {
                int fd;
                fixed (byte* path = NulTerminatedUtf8("/dev/shm/" + tag))
                    fd = Open(path, O_PATH_LINUX | O_NOFOLLOW | O_CLOEXEC, 0);
                if (fd < 0)
                {
                    int errno = Errno;
                    if (errno == ENOENT) continue; // unlinked since it was listed
                    throw OsFailure.Create(Translate(errno), errno, "describe the shared memory tag", tag);
                }
                int failed = FStat(layout, fd, st) != 0 ? Errno : 0;
                close(fd);
                if (failed != 0) throw OsFailure.Create(Translate(failed), failed, "describe the shared memory tag", tag);
                uint uid = StatOwner(layout, st);
                if (!owners.TryGetValue(uid, out string? owner)) owners[uid] = owner = PosixUsers.NameOf(uid);
                DateTime modified = DateTimeOffset.FromUnixTimeSeconds(StatModifiedSeconds(layout, st)).UtcDateTime;
                tags.Add(new TagInfo(tag, StatSize(layout, st), uid, owner, StatMode(layout, st) & 0x1FF, modified));
            }
            return tags;
        }

        /// <summary>Linux: memfd_create, sealed against shrinking and growing once sized (another process of the user can
        /// still open it as /proc/PID/fd/N, and a cut would make the next access SIGBUS). macOS (and Linux without memfd):
        /// a segment with a random name, unlinked at once so no new open finds it; macOS cannot resize it after the first
        /// ftruncate, Linux can (through /proc), so there its maps check the size. Sized with ftruncate, so pages are
        /// allocated when first touched, like anonymous memory.</summary>
        public NativeFile CreateMemorySegment(long size, string description, out bool sizeFixed)
        {
            int fd;
            fixed (byte* memfdName = NulTerminatedUtf8("mmap-mirror"))
                fd = PosixShm.MemfdCreate(memfdName);
            bool memfd = fd >= 0;
            if (fd == -1) // memfd exists and failed (out of descriptors, say): a named segment would fail alike
                throw OpenFailure(Errno, "create the memory for", description);
            if (memfd) Claim(fd, "create the memory for", description);
            if (fd == PosixShm.MemfdUnavailable)
            {
                // 15 characters in all: within macOS's 31-byte name limit.
                string tag = "mmap-" + Guid.NewGuid().ToString("N").Substring(0, 10);
                var request = new SharedRequest(tag, write: true, create: true, exclusive: true, SharedMemory.OwnerOnly, global: false, size);
                NativeFile segment = OpenShared(request, out _);
                fixed (byte* name = NulTerminatedUtf8("/" + tag))
                    PosixShm.Unlink(name);
                fd = segment.Handle.ToInt32();
            }
            var file = new NativeFile(new IntPtr(fd));
            try { Resize(file, 0, size, sparse: true, description); }
            catch { CloseFile(file); throw; }
            // A kernel that refuses the seals leaves the memfd resizable: its maps then check the size instead.
            sizeFixed = memfd ? PosixShm.SealSize(fd) : IsMac;
            return file;
        }

        public NativeView MapMirror(in MirrorRequest request)
        {
            long total = request.TotalSize;
            if (IntPtr.Size == 4 && total > uint.MaxValue)
                throw new MmapException(MmapError.OutOfMemory, $"Cannot map {total} bytes of {request.Block.Description} in a 32-bit process. Mirror a smaller block.");
            ClaimMappings(request.Times, request.Block.Description);
            try { return MapMirrorClaimed(request, total); }
            catch
            {
                ReleaseMappings(request.Times);
                throw;
            }
        }

        private NativeView MapMirrorClaimed(in MirrorRequest request, long total)
        {
            // 1. Reserve the whole range: no access, no memory committed, never over an existing mapping.
            IntPtr reservation = request.IsPlaced
                ? PosixPlacement.Reserve(total, request.Block.Placement, request.Block.Description)
                : ReserveExactly(request, total);

            // 2. Replace each part of our own reservation with a view; MAP_FIXED only ever lands on pages we hold.
            int prot = PROT_READ | (request.Block.Access == MapAccess.ReadWrite ? PROT_WRITE : 0) | (request.Block.Execute ? PROT_EXEC : 0);
            int viewFlags = MAP_SHARED | MAP_FIXED | (request.Block.Populate ? MAP_POPULATE : 0);
            for (int copy = 0; copy < request.Times; copy++)
            {
                IntPtr at = new IntPtr(reservation.ToInt64() + copy * request.BlockSize);
                IntPtr view = mmap(at, new UIntPtr((ulong)request.BlockSize), prot, viewFlags, request.Block.File.Handle.ToInt32(), request.Block.Offset);
                if (view == at) continue;
                int errno = Errno;
                munmap(reservation, new UIntPtr((ulong)total)); // frees the views made so far and the rest of the reservation
                throw OsFailure.Create(errno == ENODEV ? MmapError.NotSupported : Translate(errno), errno,
                    $"map copy {copy + 1} of {request.Times} ({request.BlockSize} bytes at offset {request.Block.Offset}) of", request.Block.Description);
            }
            if (request.Block.Populate && MAP_POPULATE == 0)
                madvise(reservation, new UIntPtr((ulong)total), MADV_WILLNEED);
            return new NativeView(reservation, total, IntPtr.Zero, request.BlockSize);
        }

        /// <summary>Reserves the range at the asked address (or wherever the OS likes when none was asked).</summary>
        private static IntPtr ReserveExactly(in MirrorRequest request, long total)
        {
            int flags = MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE;
            IntPtr hint = IntPtr.Zero;
            if (request.Block.Address is ulong address)
            {
                hint = new IntPtr((long)address);
                flags |= MAP_FIXED_NOREPLACE;
            }
            IntPtr reservation = mmap(hint, new UIntPtr((ulong)total), PROT_NONE, flags, -1, 0);
            if (reservation == MAP_FAILED)
            {
                int errno = Errno;
                if (errno == EEXIST) throw AddressInUse(request.AsMapRequest());
                throw OsFailure.Create(Translate(errno), errno, $"reserve {total} bytes of address space for", request.Block.Description);
            }
            if (hint != IntPtr.Zero && reservation != hint)
            {
                munmap(reservation, new UIntPtr((ulong)total));
                throw AddressInUse(request.AsMapRequest());
            }
            return reservation;
        }

        private static MmapException SharedOpenError(int errno, string tag, bool write)
        {
            // shm_open opens with O_NOFOLLOW: ELOOP means the tag's name in /dev/shm is a symbolic link, never followed.
            if (errno == ELOOP)
                return new MmapException(MmapError.InvalidArgument,
                    $"Shared memory tag '{tag}' is a symbolic link in the shared-memory folder, which the engine never follows (someone may have planted it). " +
                    "Remove the link, or use another tag.", errno, tag);
            // Linux: opening a socket fails with ENXIO; glibc turns a directory's EISDIR into EINVAL (the tag is valid).
            if (!IsMac && errno == ENXIO)
                return PlantedTag.Refuse(tag, FileKind.Socket, errno);
            if (!IsMac && errno == EINVAL && Directory.Exists("/dev/shm/" + tag))
                return PlantedTag.Refuse(tag, FileKind.Directory, errno);
            if (errno == ENOENT)
                return new MmapException(MmapError.NoFile,
                    Messages.NoSuchTag(tag, Messages.CreateTagAdvice(write)),
                    errno, tag);
            return OpenFailure(errno, write ? "open for reading and writing the shared memory tag" : "open for reading the shared memory tag", tag);
        }
    }
}
