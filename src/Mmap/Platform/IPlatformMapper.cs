using System;
using System.Collections.Generic;
using Microsoft.Win32.SafeHandles;

namespace Mmap.Platform
{
    /// <summary>
    /// The OS layer: one implementation per OS family (<see cref="PosixMapper"/>, <see cref="WindowsMapper"/>).
    /// It does what it is told and translates OS errors; every rule (sizes, offsets, what may grow) lives in
    /// the engine above it so the rules are the same on every OS and testable here. What the rules need to know
    /// of the OS (tag limits, what can grow, name comparison) is <see cref="Facts"/>; nothing above asks the OS itself.
    /// </summary>
    internal interface IPlatformMapper
    {
        PageInfo PageInfo { get; }

        /// <summary>The large page sizes the system offers now, with their pool counts where the OS keeps pools.</summary>
        LargePagePool[] LargePagePools();

        /// <summary>What the kernel backs [address, address+length) with: the page size of the mapping at
        /// <paramref name="address"/> (0: the kernel does not say) and the bytes of the range on transparent huge pages.</summary>
        (long PageSize, long HugeBytes) PageUse(IntPtr address, long length);

        /// <summary>The OS facts the rules above this layer depend on.</summary>
        PlatformFacts Facts { get; }

        /// <summary>Opens <paramref name="path"/> and stats it; with <paramref name="create"/> creates it when missing,
        /// never through a dangling symlink (O_CREAT|O_EXCL / CREATE_NEW). <see cref="OpenedFile.Created"/> tells the
        /// caller to delete it again if mapping fails; a failure here leaves no file it created.</summary>
        OpenedFile OpenFile(string path, bool write, bool create);

        /// <summary>An engine-owned duplicate of a caller's handle, so the caller may close theirs at any time.</summary>
        NativeFile Duplicate(SafeFileHandle handle, string description);

        void CloseFile(NativeFile file);

        FileStatus Stat(NativeFile file, string description);

        /// <summary>The size the file or segment has now (one fstat): the per-call truncation check, so it allocates nothing.</summary>
        long SizeOf(NativeFile file, IDescribed subject);

        /// <summary>Reads [<paramref name="fileOffset"/>, +destination.Length) of the file through its descriptor
        /// (pread / ReadFile at an offset); returns the bytes read, fewer only where the file ends first. A read past
        /// the end raises no fault, so it needs no size check first.</summary>
        int ReadAt(NativeFile file, long fileOffset, Span<byte> destination, IDescribed subject);

        /// <summary>Whether [<paramref name="fileOffset"/>, +1) of the file is a hole (no block allocated): how a fault is told to be
        /// a full file system. False where the OS or file system cannot say.</summary>
        bool InHole(NativeFile file, long fileOffset);

        /// <summary>Sets the file's size. Growing reserves the blocks unless <paramref name="sparse"/>, so a full
        /// disk fails here (disk_full) instead of at a later write; on failure the old size is restored.</summary>
        void Resize(NativeFile file, long oldSize, long newSize, bool sparse, string description);

        /// <summary>Allocates the holes of [<paramref name="offset"/>, offset+length) of a sparse file, never changing its
        /// size, so that writes through a shared ReadWrite map cannot meet a full disk later (a SIGBUS): disk_full now.
        /// Does nothing where the OS or file system cannot (macOS, Windows, Linux file systems without fallocate).</summary>
        void ReserveHoles(NativeFile file, long offset, long length, string description);

        /// <summary>The name of the pseudo file system (procfs, sysfs...) the file lies on, whose sizes are made up and
        /// which must never be sized; null for real files and on macOS and Windows. <paramref name="status"/> is the
        /// file's, from <see cref="Stat"/> or <see cref="OpenFile"/>.</summary>
        string? PseudoFileSystem(NativeFile file, in FileStatus status);

        NativeView Map(in MapRequest request);

        /// <summary>Passes <paramref name="advice"/> on [<paramref name="address"/>, address+length) to the OS; the address is
        /// page-aligned. Advice the OS has no equivalent of does nothing.</summary>
        void Advise(IntPtr address, long length, MapAdvice advice, IDescribed subject);

        /// <summary>The same advice for reads through the descriptor (<see cref="ReadAt"/>), which the mapping's advice
        /// does not steer: [<paramref name="fileOffset"/>, +length) of the file. Does nothing where the OS has no such advice.</summary>
        void AdviseFile(NativeFile file, long fileOffset, long length, MapAdvice advice, IDescribed subject);

        /// <summary>The bounds of the calling thread's stack, so a map can tell its creating thread's calls from others' by the
        /// stack pointer alone (<see cref="ThreadStack"/>); false when the OS will not say.</summary>
        bool TryGetThreadStack(out ulong low, out ulong size);

        /// <summary>A full memory barrier on every thread of the process at once (membarrier / FlushProcessWriteBuffers):
        /// what lets the safe calls' lifetime check (<see cref="AccessGuard"/>) use plain stores.</summary>
        void ProcessWideBarrier();

        void Unmap(in NativeView view);

        /// <summary>Gives the view's pages <paramref name="access"/> and execution rights (mprotect / VirtualProtect):
        /// access_denied when the descriptor or section does not allow them.</summary>
        void Protect(in NativeView view, MapAccess access, bool execute, IDescribed subject);

        /// <summary>Maps the part of the view's reservation from its end up to <paramref name="length"/> bytes with MAP_FIXED,
        /// as <paramref name="request"/> (the map's file and offset, the access it was mapped with, execution) says, with the
        /// protection of <paramref name="access"/> (the map's now): growth in place, which
        /// leaves the mapped part as it is. Only within <see cref="NativeView.Reserved"/>; not_supported where the OS has no
        /// reservations (Windows).</summary>
        void Extend(in NativeView view, long length, in MapRequest request, MapAccess access);

        /// <summary>Returns the view's pages past <paramref name="length"/> to its reservation (inaccessible, no memory): only
        /// for a view no access can be inside past that length.</summary>
        void Shrink(in NativeView view, long length);

        /// <summary>Moves the view's pages to a mapping of <paramref name="newSize"/> bytes, in place or elsewhere (Linux's
        /// mremap): the old range is gone at once, so only for a view no access can be inside. False, with the view as it was,
        /// where the OS cannot (then the caller maps anew).</summary>
        bool TryMove(in NativeView view, long newSize, out NativeView moved);

        /// <summary>Replaces the view with inert private memory at the same addresses in one call, so an access racing it
        /// touches harmless memory instead of faulting; <see cref="Unmap"/> frees the range later. If the OS refuses, the view
        /// stays as it is (still harmless to touch) until then. Called only where <see cref="PlatformFacts.CanRetireInPlace"/>,
        /// and there it never throws (it runs while a handle is released).</summary>
        void Retire(in NativeView view);

        /// <summary>Writes dirty pages of [<paramref name="start"/>, start+length) back to <paramref name="file"/> (sync also flushes the file's metadata where the OS needs a separate call);
        /// <paramref name="start"/> is already aligned to a page.</summary>
        void Flush(in NativeView view, NativeFile file, long start, long length, bool async, IDescribed subject);

        /// <summary><see cref="PlatformFacts.SharedSegmentsCanGrow"/>.</summary>
        bool SharedSegmentsCanGrow { get; }

        /// <summary>Opens (and, as the request allows, creates) the shared memory named by a validated tag. A segment
        /// this call creates gets the request's permissions exactly; on POSIX it starts empty (size 0), on Windows it
        /// has <see cref="SharedRequest.CreateSize"/> bytes. <paramref name="created"/> tells the caller to unlink it on failure.</summary>
        NativeFile OpenShared(in SharedRequest request, out bool created);

        /// <summary>Gives a segment <paramref name="newSize"/> bytes, reserving them where the OS can (a full /dev/shm
        /// fails here with disk_full, never as a SIGBUS later); on failure the old size is restored.</summary>
        void ReserveShared(NativeFile file, long oldSize, long newSize, string description);

        /// <summary>Removes a tag's name; maps already made stay valid. no_file when there is no such tag.</summary>
        void UnlinkShared(string tag);

        /// <summary>The tags that exist now, or not_supported where the OS cannot list them.</summary>
        IReadOnlyList<string> ListShared();

        /// <summary>Each tag of <see cref="ListShared"/> with its size, owner, mode and modification time; a tag unlinked
        /// meanwhile is left out.</summary>
        IReadOnlyList<TagInfo> DescribeShared();

        /// <summary>A nameless shareable memory object of <paramref name="size"/> bytes (memfd, an unlinked shm
        /// segment, a page-file section): the source of anonymous mirrors. <paramref name="sizeFixed"/> is true when no
        /// process can change its size any more (a sealed memfd, a macOS segment, a section), so maps of it need no size checks.</summary>
        NativeFile CreateMemorySegment(long size, string description, out bool sizeFixed);

        /// <summary>Maps [Offset, Offset+BlockSize) of the file Times times in a row, race-free: the whole range is
        /// reserved first and each view replaces part of the reservation, which is never released in between.</summary>
        NativeView MapMirror(in MirrorRequest request);

        /// <summary>Reserves <paramref name="size"/> bytes of inaccessible, uncommitted address space inside the window of
        /// <paramref name="placement"/> (see <see cref="AddressReservation"/>): out_of_mem with the figures when the window
        /// has no room, not_supported where the OS cannot place there.</summary>
        IntPtr ReserveAddressSpace(long size, MapPlacement placement, string description);

        /// <summary>Frees a whole reservation that <see cref="ReserveAddressSpace"/> made.</summary>
        void ReleaseAddressSpace(IntPtr address, long size);

        /// <summary>The regions below <paramref name="limit"/> this process could reserve, merged and ascending (every
        /// reservation freed again); <paramref name="map32BitBytes"/> is what MAP_32BIT alone yields, null where there is
        /// none. not_supported where the OS keeps the low addresses for itself (macOS). IReadOnlyList, not List: List in a
        /// signature here would make the mapper's first use load System.Collections.dll, a file opened behind the caller's
        /// back (it takes descriptor 0 from a process that closed its stdin).</summary>
        IReadOnlyList<(ulong Start, ulong End)> ProbeBelow(ulong limit, out long? map32BitBytes);
    }

    /// <summary>Selects the mapper for the running OS, once.</summary>
    internal static class OsLayer
    {
        internal static readonly IPlatformMapper Current = Create();

        private static IPlatformMapper Create()
        {
            if (HostPlatform.IsWindows)
                return new WindowsMapper();
            return new PosixMapper();
        }
    }

    /// <summary>An OS file descriptor or handle the engine owns.</summary>
    internal readonly struct NativeFile
    {
        internal NativeFile(IntPtr handle) => Handle = handle;

        internal IntPtr Handle { get; }

        /// <summary>-1 alone means "no file": 0 is a valid descriptor on POSIX (the next file a process opens once its
        /// stdin is closed), and Windows never hands out a handle of 0.</summary>
        internal bool IsOpen => Handle != new IntPtr(-1);

        /// <summary>The "no file" value used for anonymous memory.</summary>
        internal static NativeFile None => new NativeFile(new IntPtr(-1));

        /// <summary>A Windows section (file-mapping object) rather than a file handle: named and anonymous shared memory.</summary>
        internal NativeFile(IntPtr handle, bool isSection) : this(handle) => IsSection = isSection;

        /// <summary>True for a Windows section handle; always false on POSIX, where shared memory is a descriptor.</summary>
        internal bool IsSection { get; }
    }

    /// <summary>What a descriptor or handle refers to (Windows tells pipes and sockets apart from nothing: Other).</summary>
    internal enum FileKind { Regular, Directory, Device, Fifo, Socket, Other }

    /// <summary>Identifies a file independent of the path used to reach it (device + inode, or volume + index).</summary>
    internal readonly struct FileIdentity : IEquatable<FileIdentity>
    {
        internal FileIdentity(ulong device, ulong index) { Device = device; Index = index; }
        internal ulong Device { get; }
        internal ulong Index { get; }
        public bool Equals(FileIdentity other) => Device == other.Device && Index == other.Index;
        public override bool Equals(object? obj) => obj is FileIdentity f && Equals(f);
        public override int GetHashCode() => (Device, Index).GetHashCode();
    }

    /// <summary>A file <see cref="IPlatformMapper.OpenFile"/> opened: its descriptor, what fstat said of it, and
    /// whether the open created it.</summary>
    internal readonly struct OpenedFile
    {
        internal OpenedFile(NativeFile file, FileStatus status, bool created) { File = file; Status = status; Created = created; }
        internal NativeFile File { get; }
        internal FileStatus Status { get; }
        internal bool Created { get; }
    }

    internal readonly struct FileStatus
    {
        internal FileStatus(FileKind kind, long size, FileIdentity? identity) { Kind = kind; Size = size; Identity = identity; }
        internal FileKind Kind { get; }
        internal long Size { get; }
        /// <summary>Null where the OS gives none (Windows sections, pipes and consoles).</summary>
        internal FileIdentity? Identity { get; }
    }

    /// <summary>One validated mapping request for the OS layer.</summary>
    internal readonly struct MapRequest
    {
        internal MapRequest(NativeFile file, long offset, long size, MapAccess access, bool execute, ulong? address, bool populate, string description,
            MapPlacement placement = MapPlacement.Any, long largePageSize = 0, bool noReserve = false, long growRoom = 0)
        {
            File = file; Offset = offset; Size = size; Access = access; Execute = execute;
            Address = address; Populate = populate; Description = description;
            Placement = placement; LargePageSize = largePageSize; NoReserve = noReserve; GrowRoom = growRoom;
        }
        internal NativeFile File { get; }
        internal long Offset { get; }
        internal long Size { get; }
        internal MapAccess Access { get; }
        internal bool Execute { get; }
        internal ulong? Address { get; }
        internal bool Populate { get; }
        /// <summary>Names the file or memory in error messages.</summary>
        internal string Description { get; }
        /// <summary>Where the OS must place the map when <see cref="Address"/> is null (already checked against it when not).</summary>
        internal MapPlacement Placement { get; }
        /// <summary>Anonymous memory on explicit large pages of this size (checked against what the OS offers); 0: normal pages.</summary>
        internal long LargePageSize { get; }
        /// <summary>Anonymous memory mapped without reserving memory or swap (<see cref="MapOptions.NoReserve"/>).</summary>
        internal bool NoReserve { get; }
        /// <summary>Address space to reserve for the map, from its start, so it can grow in place (<see cref="MapOptions.MaxSize"/>);
        /// 0 or at most <see cref="Size"/>: none.</summary>
        internal long GrowRoom { get; }
    }

    /// <summary>A mapped range made of views of <see cref="ViewSize"/> bytes each, back to back: one for a plain map,
    /// one per copy for a mirror. <see cref="Section"/> is the Windows file-mapping handle (unused on POSIX).</summary>
    internal readonly struct NativeView
    {
        /// <summary>A plain map: one view of <paramref name="length"/> bytes.</summary>
        internal NativeView(IntPtr address, long length, IntPtr section) : this(address, length, section, length) { }

        /// <summary>A mirror: <paramref name="length"/> bytes made of views of <paramref name="viewSize"/> bytes each.</summary>
        internal NativeView(IntPtr address, long length, IntPtr section, long viewSize) : this(address, length, section, viewSize, length) { }

        /// <summary>A plain map of <paramref name="length"/> bytes at the start of <paramref name="reserved"/> bytes of address
        /// space held for it (the rest inaccessible until it grows into it).</summary>
        internal NativeView(IntPtr address, long length, IntPtr section, long viewSize, long reserved)
        {
            Address = address; Length = length; Section = section; ViewSize = viewSize; Reserved = Math.Max(reserved, length);
        }

        internal IntPtr Address { get; }
        /// <summary>The bytes mapped.</summary>
        internal long Length { get; }
        /// <summary>The address space the view holds: <see cref="Length"/>, or more where the map has room to grow in place.</summary>
        internal long Reserved { get; }
        internal bool HasGrowRoom => Reserved > Length;
        /// <summary>The same view with <paramref name="length"/> bytes of its reservation mapped.</summary>
        internal NativeView WithLength(long length) => new NativeView(Address, length, Section, length, Reserved);
        internal IntPtr Section { get; }

        /// <summary>The size of each view (the whole <see cref="Length"/> for a plain map, a block for a mirror).</summary>
        internal long ViewSize { get; }
    }
}
