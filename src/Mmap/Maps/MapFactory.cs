using System;
using Microsoft.Win32.SafeHandles;
using Mmap.Platform;

namespace Mmap
{
    /// <summary>
    /// Turns a validated request for a file or anonymous memory into a <see cref="MemoryMap"/>. Every step is
    /// registered with a <see cref="Rollback"/>: on failure a file the engine created is deleted again, a file it grew
    /// is put back to its old size, descriptors are closed.
    /// </summary>
    internal static class MapFactory
    {
        private static IPlatformMapper Os => OsLayer.Current;

        internal static MemoryMap MapPath(string path, MapOptions options)
        {
            MapRules.CheckPath(path);
            var o = MapRules.Resolve(options, MapKind.File, Os.PageInfo);
            string fullPath = System.IO.Path.GetFullPath(path);
            using (var rollback = new Rollback())
            {
                var opened = OpenFile(rollback, fullPath, o.ResolvedAccess == MapAccess.ReadWrite);
                return MapOpenFile(rollback, opened.File, opened.Status, fullPath, fullPath, o);
            }
        }

        internal static MemoryMap MapDuplicate(SafeFileHandle handle, string description, string? path, MapOptions options)
        {
            if (handle.IsInvalid || handle.IsClosed)
                throw new MmapException(MmapError.InvalidArgument, $"The {description} is closed or invalid. Pass an open file handle.");
            var o = MapRules.Resolve(options, MapKind.File, Os.PageInfo);
            using (var rollback = new Rollback())
            {
                NativeFile file = rollback.Own(Os.Duplicate(handle, description));
                return MapOpenFile(rollback, file, Os.Stat(file, description), description, path, o);
            }
        }

        internal static MemoryMap MapAnonymous(MapOptions options)
        {
            var o = MapRules.Resolve(options, MapKind.Anonymous, Os.PageInfo);
            long largePage = o.PageSize ?? 0;
            long size = largePage > 0 ? LargePageRules.WholePages(o.Size!.Value, largePage) : o.Size!.Value;
            string description = $"{ByteSize.ToText(size)} of anonymous memory" + (largePage > 0 ? $" on {ByteSize.ToText(largePage)} pages" : "");
            var view = RetiredRange.Map(new MapRequest(NativeFile.None, 0, size, o.ResolvedAccess, o.Execute, o.Address, o.Populate,
                description, o.Placement, largePage, o.NoReserve, ChangeRules.GrowRoom(o, size, description)));
            var map = new MemoryMap(new MapHandle(view, NativeFile.None), MapKind.Anonymous, o, size, null, null);
            map.MadeWithPageSize(largePage);
            return MemoryMapRegistry.Register(map);
        }

        /// <summary>Opens and stats the file to map, creating it when ReadWrite access may (the rollback deletes it
        /// again and closes the descriptor if a later step fails).</summary>
        internal static OpenedFile OpenFile(Rollback rollback, string fullPath, bool write)
        {
            var opened = Os.OpenFile(fullPath, write, create: write);
            if (opened.Created) rollback.Created(fullPath);
            rollback.Own(opened.File);
            return opened;
        }

        private static MemoryMap MapOpenFile(Rollback rollback, NativeFile file, FileStatus status, string description, string? path, MapOptions o)
        {
            var (plan, identity) = PrepareFile(rollback, file, status, description, o);
            var view = RetiredRange.Map(new MapRequest(file, o.Offset, plan.MapSize, o.ResolvedAccess, o.Execute, o.Address, o.Populate, $"'{description}'",
                o.Placement, growRoom: ChangeRules.GrowRoom(o, plan.MapSize, $"'{description}'")));
            return MemoryMapRegistry.Register(new MemoryMap(rollback.HandOver(view, file), MapKind.File, o, plan.MapSize, path, identity));
        }

        /// <summary>Plans an open file from its <paramref name="status"/> and grows it to what the map needs (registered
        /// with the rollback); the identity is null for devices, which have none the engine tracks.</summary>
        internal static (MapRules.FilePlan Plan, FileIdentity? Identity) PrepareFile(Rollback rollback, NativeFile file, FileStatus status, string description, MapOptions o)
        {
            CheckKind(status.Kind, description, o);
            bool write = o.ResolvedAccess == MapAccess.ReadWrite;
            string? pseudo = status.Kind == FileKind.Regular ? Os.PseudoFileSystem(file, status) : null;
            if (pseudo != null && !MapRules.Covers(status.Size, o.Size, o.Offset))
                throw MapRules.Unsizable(description, pseudo, status.Size);
            bool canGrow = write && status.Kind == FileKind.Regular && pseudo == null;
            var plan = status.Kind == FileKind.Device
                ? new MapRules.FilePlan(o.Size!.Value, status.Size) // devices report no size; the caller gives it
                : MapRules.PlanFileMap(status.Size, o.Size, o.Offset, canGrow, description);
            PlacementRules.Check(o.Placement, o.Address, plan.MapSize); // the size is known only now
            if (plan.FileSizeNeeded > status.Size && status.Kind == FileKind.Regular)
            {
                Os.Resize(file, status.Size, plan.FileSizeNeeded, sparse: false, description);
                rollback.Grown(file, status.Size, plan.FileSizeNeeded, description);
            }
            // What the grow reserved has no holes; the part that was there before may (a sparse file).
            if (canGrow)
                Os.ReserveHoles(file, o.Offset, Math.Min(o.Offset + plan.MapSize, status.Size) - o.Offset, description);
            return (plan, status.Kind == FileKind.Regular ? status.Identity : (FileIdentity?)null);
        }

        private static void CheckKind(FileKind kind, string description, MapOptions o)
        {
            if (kind == FileKind.Directory)
                throw new MmapException(MmapError.InvalidArgument, Messages.IsDirectory(description, "only files can be mapped"), 0, description);
            if (kind != FileKind.Regular && kind != FileKind.Device)
                throw new MmapException(MmapError.InvalidArgument,
                    $"'{description}' is not a regular file (a pipe, socket or similar), which cannot be mapped. Copy the data to a file first.", 0, description);
            if (kind == FileKind.Device && o.Size is null)
                throw new MmapException(MmapError.InvalidArgument,
                    $"'{description}' is a device, which reports no size. Give the size to map.", 0, description);
        }
    }
}
