using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Mmap.Platform;

namespace Mmap
{
    /// <summary>Get and set file sizes (luapower <c>mmap.filesize</c>), refusing files this process has mapped.</summary>
    public static class FileSizer
    {
        /// <summary>The size of the file at <paramref name="path"/> in bytes.</summary>
        /// <exception cref="MmapException">no_file when it does not exist; invalid_argument for a directory, pipe, socket or device.</exception>
        public static long GetSize(string path) => WithExisting(path, (os, file, status, fullPath) =>
        {
            // A directory, FIFO or device has no file size to speak of (fstat gives 4096, 0 or 0).
            if (status.Kind != FileKind.Regular)
                throw NotAFile(fullPath, status.Kind);
            return status.Size;
        });

        /// <summary>The size of the existing file at <paramref name="path"/>, once it is known that
        /// <see cref="SetSize"/> may change it to any size: so a caller can plan (or ask about) a change that would only be refused.</summary>
        /// <exception cref="MmapException">no_file when it does not exist; invalid_argument for anything but a regular
        /// file, a procfs or sysfs file, or a file mapped in this process (naming every map).</exception>
        public static long GetSizeToSet(string path) => WithExisting(path, (os, file, status, fullPath) =>
        {
            CheckSizable(os, file, status, fullPath, newSize: 0);
            return status.Size;
        });

        /// <summary>The size of the existing file at <paramref name="path"/>, once it is known that
        /// <see cref="SetSize"/> may change it to <paramref name="newSize"/>: growing a mapped file is allowed, cutting
        /// under a map of this process is not.</summary>
        /// <exception cref="MmapException">no_file when it does not exist; invalid_argument for anything but a regular
        /// file, a procfs or sysfs file, or a size that would cut under maps of this process (naming every one).</exception>
        public static long GetSizeToSet(string path, long newSize) => WithExisting(path, (os, file, status, fullPath) =>
        {
            CheckSizable(os, file, status, fullPath, newSize);
            return status.Size;
        });

        /// <summary>The live maps of this process that a resize of the file at <paramref name="path"/> to
        /// <paramref name="newSize"/> would cut (see <see cref="SetSize"/>), oldest first; none for a missing file
        /// (or a link to one), which nothing maps.</summary>
        internal static IReadOnlyList<MemoryMap> MapsCutBy(string path, long newSize)
        {
            try { return WithExisting(path, (os, file, status, fullPath) => MapsCutBy(status, newSize)); }
            catch (MmapException e) when (e.Error == MmapError.NoFile) { return Array.Empty<MemoryMap>(); }
        }

        /// <summary>The rule: a map is cut when the file would end before the map's last byte (a mirror needs its whole
        /// block). Growing never cuts, nor does a shrink that stays past every map's end.</summary>
        private static IReadOnlyList<MemoryMap> MapsCutBy(FileStatus status, long newSize) =>
            newSize >= status.Size ? Array.Empty<MemoryMap>() : MemoryMapRegistry.FindAllByFile(status.Identity).Where(m => m.BackingEnd > newSize).ToList();

        /// <summary>Creates the file if missing, then extends it with zeros or truncates it (keeping the prefix).
        /// Growing reserves disk space unless <paramref name="sparse"/>; a full disk gives disk_full and leaves the
        /// file at its old size. A sparse file's holes are reserved when it is mapped ReadWrite on Linux (disk_full
        /// then); on macOS, on Windows and on Linux file systems without fallocate they cannot be, and a write through a
        /// map into a hole on a full disk kills the process (SIGBUS, an in-page error). A file mapped in this process may
        /// grow (its maps keep their size), but a size that would end it before a map's last byte is refused: shrinking
        /// it under a map would crash whoever reads the cut-off pages. (Windows refuses any shrink of a mapped file.)</summary>
        /// <returns>The new size.</returns>
        public static long SetSize(string path, long size, bool sparse = false)
        {
            MapRules.CheckPath(path);
            if (size < 0)
                throw new MmapException(MmapError.InvalidArgument, $"Size {size} is negative. Give a size of 0 or more bytes.", 0, path);
            string fullPath = Path.GetFullPath(path);
            var os = OsLayer.Current;
            using (var rollback = new Rollback())
            {
                var opened = os.OpenFile(fullPath, write: true, create: true);
                NativeFile file = opened.File;
                FileStatus status = opened.Status;
                if (opened.Created) rollback.Created(fullPath); // a failed call leaves no file it made
                try
                {
                    CheckSizable(os, file, status, fullPath, size);
                    if (size != status.Size)
                        os.Resize(file, status.Size, size, sparse, fullPath);
                }
                finally { os.CloseFile(file); } // before a delete: Windows deletes no open file
                rollback.Keep();
                return size;
            }
        }

        /// <summary>Opens the existing file at <paramref name="path"/> (following links) for <paramref name="read"/>.</summary>
        private static T WithExisting<T>(string path, System.Func<IPlatformMapper, NativeFile, FileStatus, string, T> read)
        {
            MapRules.CheckPath(path);
            string fullPath = Path.GetFullPath(path);
            var os = OsLayer.Current;
            var opened = os.OpenFile(fullPath, write: false, create: false);
            try { return read(os, opened.File, opened.Status, fullPath); }
            finally { os.CloseFile(opened.File); }
        }

        /// <summary>What SetSize refuses to size: anything but a regular file, procfs and sysfs files, and a mapped file
        /// to a size that cuts under its maps.</summary>
        private static void CheckSizable(IPlatformMapper os, NativeFile file, FileStatus status, string fullPath, long newSize)
        {
            if (status.Kind != FileKind.Regular)
                throw NotAFile(fullPath, status.Kind);
            // Never ftruncate or fallocate a procfs or sysfs file: glibc would emulate fallocate by writing into it.
            if (os.PseudoFileSystem(file, status) is string pseudo)
                throw MapRules.Unsizable(fullPath, pseudo, status.Size);
            IReadOnlyList<MemoryMap> cut = MapsCutBy(status, newSize);
            if (cut.Count > 0)
                throw new MmapException(MmapError.InvalidArgument,
                    $"'{fullPath}' is mapped by {string.Join(", ", cut.Select(m => $"map #{m.Id} ({m.Access}, {m.Size} bytes at 0x{m.Address.ToInt64():X})"))}, " +
                    $"which {(cut.Count == 1 ? "reaches" : "reach")} past {newSize} bytes. " +
                    $"Free {(cut.Count == 1 ? "that map" : "those maps")} first, set the size, then map the file again.", 0, fullPath);
        }

        private static MmapException NotAFile(string path, FileKind kind) =>
            new MmapException(MmapError.InvalidArgument,
                $"'{path}' is {(kind == FileKind.Directory ? "a directory" : kind == FileKind.Device ? "a device" : "not a regular file (a pipe or socket)")}; " +
                "only files have a size to get or set. Give the path of a file.", 0, path);
    }
}
