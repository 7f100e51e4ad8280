using System;
using Mmap.Platform;

namespace Mmap
{
    public unsafe partial class MemoryMap
    {
        /// <summary>
        /// Resizes the live map to <paramref name="size"/> bytes and returns whether its address moved (memmap2's remap,
        /// CPython's resize). Safe calls racing the resize see the old size or the new one, never a fault: they wait while
        /// it runs. A pointer, span or <see cref="AsRef{T}"/> taken before is not moved with the map; a lease or a pinned
        /// pointer keeps the old mapping until released (for anonymous and copy-on-write memory, a copy the map no longer shows).
        /// <list type="bullet">
        /// <item>A ReadWrite map of a file or tag grows its backing as <see cref="MapFile(string, MapOptions?)"/> would
        /// (disk_full, with the file left as it was, when the disk cannot hold it). A shrunk ReadWrite file map that reached
        /// the end of its file cuts the file to its new end, after its old view is gone (not on Windows, which cuts no
        /// mapped file: there the file keeps its size); a tag's memory keeps its size (other processes may map it), and a
        /// Windows tag cannot grow (file_too_short).</item>
        /// <item>A Read or copy-on-write map needs its file to be long enough (file_too_short otherwise).</item>
        /// <item>Anonymous and copy-on-write maps keep their bytes (up to the smaller size; growth is zeros or the file's).
        /// They hold pages only this map shows, so once other threads have used the map the resize needs
        /// <see cref="MapOptions.TrackCalls"/> (not_supported otherwise).</item>
        /// <item>Mirrors refuse, and so do maps placed at a chosen address (not_supported). A map on large pages takes whole
        /// large pages.</item>
        /// </list>
        /// A map made with room to grow (<see cref="MapOptions.MaxSize"/>) stays where it is up to that size, and its growth
        /// needs no wait for other threads. Beyond it, or without it, Linux moves the pages (mremap); elsewhere a resize maps
        /// the backing again and copies private bytes.
        /// </summary>
        /// <exception cref="MmapException">invalid_argument, not_supported, file_too_short, disk_full, out_of_mem; a map a fault
        /// met refuses with its fault.</exception>
        /// <exception cref="ObjectDisposedException">The map was freed.</exception>
        public bool Resize(long size)
        {
            ChangeRules.CheckResize(Kind, size, RulePageSize, _placedAtAddress, Description);
            long? cutFileAt = null;
            MapView old = Change((open, exclusive) => size == open.Size ? open : Resized(open, size, exclusive, out cutFileAt));
            if (cutFileAt is long end) CutFile(old.Handle.File, end);
            return _gate.Current.Start != old.Start;
        }

        /// <summary>The view of the resized map. <paramref name="cutFileAt"/> is where the file is to end once the old view is
        /// gone (a shrunk ReadWrite file map that reached the file's end), or null.</summary>
        private MapView Resized(MapView open, long size, bool exclusive, out long? cutFileAt)
        {
            bool privatePages = Kind == MapKind.Anonymous || _mappedAccess == MapAccess.CopyOnWrite;
            bool inPlace = _hasGrowRoom && size <= open.Handle.View.Reserved;
            // Growth in place only adds pages: a call inside the old view meets what it met before.
            if (privatePages && !exclusive && !(inPlace && size > open.Size)) throw UsedElsewhere("resize");
            NativeFile file = open.Handle.File;
            long backing = file.IsOpen && FileIdentity.HasValue ? OsLayer.Current.SizeOf(file, this) : -1; // -1: a device, no size
            long? grownFrom = backing >= 0 ? GrowBacking(file, backing, size) : null;
            // A tag whose size the OS does not tell (a Windows section) cannot grow either: ReserveShared says so.
            if (backing < 0 && Kind == MapKind.Shared && size > open.Size) OsLayer.Current.ReserveShared(file, Offset + open.Size, Offset + size, Description);
            // Windows cuts no file that a section maps, and the map's new view is one: there the file keeps its size.
            cutFileAt = Kind == MapKind.File && _mappedAccess == MapAccess.ReadWrite && exclusive && size < open.Size && backing == Offset + open.Size
                && OsLayer.Current.Facts.BackingCanShrinkUnderMap ? Offset + size : (long?)null;
            // A lease or pointer on the old mapping would meet the cut as a fault; private pages it holds past the new end
            // would come back, not zeros, when the map grows again in place.
            if ((cutFileAt.HasValue || inPlace && privatePages && size < open.Size) && open.Handle.IsPinned) throw Pinned("shrink");
            try
            {
                if (inPlace) return ResizedInPlace(open, size, exclusive);
                // Only where nothing else can be inside the old range, not even a pin: mremap takes it away at once.
                if (exclusive && !open.Handle.IsPinned && !open.Handle.View.HasGrowRoom && _placement == MapPlacement.Any && OsLayer.Current.TryMove(open.Handle.View, size, out NativeView moved))
                {
                    open.Handle.MappingMoved = true;
                    return ViewOf(moved, open);
                }
                return ViewOf(Remapped(open, size, privatePages), open);
            }
            catch
            {
                if (grownFrom is long before) OsLayer.Current.Resize(file, Offset + size, before, sparse: true, Description);
                throw;
            }
        }

        /// <summary>The view of a map resized within its room to grow (<see cref="MapOptions.MaxSize"/>): growth maps the
        /// pages it needs past those mapped; a shrink returns the pages past the new end to the room when nothing can be
        /// inside them (else a shared map keeps them mapped: they show the file's bytes to whatever still reads them).</summary>
        private MapView ResizedInPlace(MapView open, long size, bool exclusive)
        {
            MapHandle handle = open.Handle;
            if (size > handle.View.Length)
            {
                OsLayer.Current.Extend(handle.View, size, new MapRequest(handle.File, Offset, size, _mappedAccess, open.Execute, null,
                    populate: false, Description, noReserve: _noReserve), open.Access);
                handle.MappedLength(size);
            }
            else if (exclusive && !handle.IsPinned)
            {
                OsLayer.Current.Shrink(handle.View, size);
                handle.MappedLength(size);
            }
            return new MapView(handle, size, open.Access, open.Execute, _plain);
        }

        /// <summary>Makes the backing reach Offset + <paramref name="size"/>: a ReadWrite map grows its file or tag as creation
        /// would (the size to put back on failure, or null when it was long enough); other maps need it long enough already.</summary>
        private long? GrowBacking(NativeFile file, long backing, long size)
        {
            var plan = MapRules.PlanFileMap(backing, size, Offset, _mappedAccess == MapAccess.ReadWrite, Description);
            if (plan.FileSizeNeeded <= backing) return null;
            if (Kind == MapKind.Shared) OsLayer.Current.ReserveShared(file, backing, plan.FileSizeNeeded, Description);
            else OsLayer.Current.Resize(file, backing, plan.FileSizeNeeded, sparse: false, Description);
            return backing;
        }

        /// <summary>A new mapping of <paramref name="size"/> bytes of the backing, with the open view's protection; private
        /// pages carry the old bytes.</summary>
        private NativeView Remapped(MapView open, long size, bool privatePages)
        {
            var next = RetiredRange.Map(new MapRequest(open.Handle.File, Offset, size, _mappedAccess, open.Execute, null, populate: false,
                Description, _placement, _largePageSize, _noReserve));
            try
            {
                if (privatePages) Buffer.MemoryCopy(open.Start, (void*)next.Address, size, Math.Min(size, open.Size));
                if (open.Faulted) throw FaultError(open); // the copy met a fault: its bytes are not the map's
                if (open.Access != _mappedAccess) OsLayer.Current.Protect(next, open.Access, open.Execute, this);
                return next;
            }
            catch
            {
                OsLayer.Current.Unmap(next);
                throw;
            }
        }

        private MmapException Pinned(string action) =>
            new MmapException(MmapError.NotSupported,
                $"Cannot {action} the {Description} now: a lease or pointer still holds its mapping, and cutting the file under it " +
                "would take its pages away. Release the leases and pointers (Dispose, ReleasePointer) first.", 0, Path);

        /// <summary>Cuts the file of a shrunk map to its new end, now that no view of this map reaches past it.</summary>
        private void CutFile(NativeFile file, long end)
        {
            long now = OsLayer.Current.SizeOf(file, this);
            if (now <= end) return;
            try { OsLayer.Current.Resize(file, now, end, sparse: true, Description); }
            catch (MmapException e)
            {
                throw new MmapException(e.Error,
                    $"The {Description} now maps {Size} bytes, but its file keeps its {now} bytes: {e.Message} " +
                    "Set the file's size once nothing maps its end (Set-FileSize).", e.NativeErrorCode, Path, e);
            }
        }
    }
}
