using System;
using System.IO;
using Microsoft.Win32.SafeHandles;
using Mmap.Platform;

namespace Mmap
{
    /// <summary>
    /// Turns a validated request into a <see cref="MemoryMap"/>, undoing every step on failure: a file the
    /// engine created is deleted again, a file it grew is put back to its old size, descriptors are closed.
    /// </summary>
    internal static class MapFactory
    {
        private static IPlatformMapper Os => OsLayer.Current;

        internal static MemoryMap MapPath(string path, MapOptions options)
        {
            MapRules.CheckPath(path);
            MapRules.CheckOptions(options, Os.PageInfo, fileBacked: true);
            string fullPath = System.IO.Path.GetFullPath(path);
            bool write = options.Access == MapAccess.ReadWrite;
            NativeFile file = Os.OpenFile(fullPath, write, create: write, out bool created);
            return MapOpenFile(file, fullPath, fullPath, options, created);
        }

        internal static MemoryMap MapHandle(SafeFileHandle handle, string description, string? path, MapOptions options)
        {
            if (handle.IsInvalid || handle.IsClosed)
                throw new MmapException(MmapError.InvalidArgument, $"The {description} is closed or invalid. Pass an open file handle.");
            MapRules.CheckOptions(options, Os.PageInfo, fileBacked: true);
            NativeFile file = Os.Duplicate(handle, description);
            return MapOpenFile(file, description, path, options, created: false);
        }

        internal static MemoryMap MapAnonymous(MapOptions options)
        {
            MapRules.CheckOptions(options, Os.PageInfo, fileBacked: false);
            long size = options.Size!.Value;
            var view = Os.Map(new MapRequest(NativeFile.None, 0, size, options.Access, options.Execute, options.Address, options.Populate,
                $"{MapRules.Human(size)} of anonymous memory", options.Placement));
            return Wrap(view, NativeFile.None, MapKind.Anonymous, options, size, null, null);
        }

        private static MemoryMap MapOpenFile(NativeFile file, string description, string? path, MapOptions options, bool created) =>
            PrepareFile(file, description, path, options, created, (plan, identity) =>
            {
                var view = Os.Map(new MapRequest(file, options.Offset, plan.MapSize, options.Access, options.Execute,
                    options.Address, options.Populate, $"'{description}'", options.Placement));
                return Wrap(view, file, MapKind.File, options, plan.MapSize, path, identity);
            });

        /// <summary>Stats, plans and grows an open file, then lets <paramref name="map"/> map it; on failure the
        /// file is put back to its size (or deleted if this call created it) and closed.</summary>
        internal static T PrepareFile<T>(NativeFile file, string description, string? path, MapOptions options, bool created,
            Func<MapRules.FilePlan, FileIdentity?, T> map)
        {
            long grownFrom = -1, grownTo = -1;
            try
            {
                FileStatus status = Os.Stat(file, description);
                CheckKind(status.Kind, description, options);
                bool write = options.Access == MapAccess.ReadWrite;
                string? pseudo = status.Kind == FileKind.Regular ? Os.PseudoFileSystem(file) : null;
                if (pseudo != null && !MapRules.Covers(status.Size, options.Size, options.Offset))
                    throw MapRules.Unsizable(description, pseudo, status.Size);
                bool canGrow = write && status.Kind == FileKind.Regular && pseudo == null;
                var plan = status.Kind == FileKind.Device
                    ? new MapRules.FilePlan(options.Size!.Value, status.Size) // devices report no size; the caller gives it
                    : MapRules.PlanFileMap(status.Size, options.Size, options.Offset, canGrow, description);
                PlacementRules.Check(options.Placement, options.Address, plan.MapSize); // the size is known only now
                if (plan.FileSizeNeeded > status.Size && status.Kind == FileKind.Regular)
                {
                    Os.Resize(file, status.Size, plan.FileSizeNeeded, sparse: false, description);
                    grownFrom = status.Size;
                    grownTo = plan.FileSizeNeeded;
                }
                // What the grow reserved has no holes; the part that was there before may (a sparse file).
                if (write && status.Kind == FileKind.Regular && pseudo == null)
                    Os.ReserveHoles(file, options.Offset, Math.Min(options.Offset + plan.MapSize, status.Size) - options.Offset, description);
                FileIdentity? identity = status.Kind == FileKind.Regular ? status.Identity : (FileIdentity?)null;
                return map(plan, identity);
            }
            catch
            {
                if (grownFrom >= 0 && !created)
                    TryRun(() => Os.Resize(file, grownTo, grownFrom, sparse: true, description));
                Os.CloseFile(file);
                if (created && path != null)
                    TryRun(() => File.Delete(path));
                throw;
            }
        }

        private static void CheckKind(FileKind kind, string description, MapOptions options)
        {
            if (kind == FileKind.Directory)
                throw new MmapException(MmapError.InvalidArgument, $"'{description}' is a directory; only files can be mapped. Give the path of a file.", 0, description);
            if (kind != FileKind.Regular && kind != FileKind.Device)
                throw new MmapException(MmapError.InvalidArgument,
                    $"'{description}' is not a regular file (a pipe, socket or similar), which cannot be mapped. Copy the data to a file first.", 0, description);
            if (kind == FileKind.Device && options.Size is null)
                throw new MmapException(MmapError.InvalidArgument,
                    $"'{description}' is a device, which reports no size. Give the size to map.", 0, description);
        }

        private static MemoryMap Wrap(NativeView view, NativeFile file, MapKind kind, MapOptions options, long size, string? path, FileIdentity? identity)
        {
            var handle = new MapHandle(view, file);
            return MemoryMapRegistry.Register(new MemoryMap(handle, kind, options, size, path, identity));
        }

        private static void TryRun(Action undo)
        {
            try { undo(); }
            catch (MmapException) { }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }
    }
}
