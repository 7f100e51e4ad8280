namespace Mmap.Commands.Core
{
    /// <summary>What Set-FileSize is about to do to one file.</summary>
    internal enum FileSizeChangeKind
    {
        /// <summary>The file is missing and will be created.</summary>
        Create,
        /// <summary>The file grows (zeros at the end).</summary>
        Extend,
        /// <summary>The file shrinks: the bytes past the new size are lost.</summary>
        Truncate,
        /// <summary>The file already has that size.</summary>
        Unchanged,
    }

    /// <summary>Set-FileSize's decisions: the kind of change, its ShouldProcess wording, and when to ask before
    /// losing data.</summary>
    internal sealed class FileSizeChange
    {
        private FileSizeChange(string path, long? currentSize, long newSize, FileSizeChangeKind kind)
        {
            Path = path;
            CurrentSize = currentSize;
            NewSize = newSize;
            Kind = kind;
        }

        internal string Path { get; }

        /// <summary>Null when the file does not exist yet.</summary>
        internal long? CurrentSize { get; }

        internal long NewSize { get; }

        internal FileSizeChangeKind Kind { get; }

        /// <summary>Classifies a change from the file's current size (null: missing) to <paramref name="newSize"/>.</summary>
        internal static FileSizeChange Plan(string path, long? currentSize, long newSize)
        {
            FileSizeChangeKind kind =
                currentSize is null ? FileSizeChangeKind.Create :
                newSize > currentSize ? FileSizeChangeKind.Extend :
                newSize < currentSize ? FileSizeChangeKind.Truncate :
                FileSizeChangeKind.Unchanged;
            return new FileSizeChange(path, currentSize, newSize, kind);
        }

        /// <summary>Plans the change for the file at <paramref name="path"/> as it is now on disk. A directory is
        /// refused here, before -WhatIf could describe it as a file to create; so are a dangling link and a link loop,
        /// which FileInfo describes as the link itself (a few bytes to "truncate").</summary>
        internal static FileSizeChange ForFile(string path, long newSize)
        {
            MapRules.CheckPath(path); // FileInfo would throw a bare ArgumentException for "" or a NUL
            if (System.IO.Directory.Exists(path))
                throw new MmapException(MmapError.InvalidArgument, $"'{path}' is a directory; only files have a size to set.", 0, path);
            var info = new System.IO.FileInfo(path);
            if (info.Exists && (info.Attributes & System.IO.FileAttributes.ReparsePoint) != 0)
                return Plan(path, LinkTargetSize(path), newSize);
            return Plan(path, info.Exists ? info.Length : (long?)null, newSize);
        }

        /// <summary>The size of the file a link leads to, opened through the engine (so a loop is its clear
        /// invalid_argument); a link to nothing is no_file, since FileSizer never creates a file through a link.</summary>
        private static long LinkTargetSize(string path)
        {
            try { return FileSizer.GetSize(path); }
            catch (MmapException e) when (e.Error == MmapError.NoFile)
            {
                throw new MmapException(MmapError.NoFile,
                    $"'{path}' is a symbolic link to a file that does not exist, and Set-FileSize never creates a file through a link " +
                    "(it may have been planted). Create the target first, or remove the link.", e.NativeErrorCode, path, e);
            }
        }

        /// <summary>The ShouldProcess action ("What if: Performing the operation "..." on target "path"").</summary>
        internal string Action
        {
            get
            {
                switch (Kind)
                {
                    case FileSizeChangeKind.Create: return $"Create with {Describe(NewSize)}";
                    case FileSizeChangeKind.Extend: return $"Extend from {Describe(CurrentSize!.Value)} to {Describe(NewSize)}";
                    case FileSizeChangeKind.Truncate:
                        return $"Truncate from {Describe(CurrentSize!.Value)} to {Describe(NewSize)}, discarding the last {Describe(CurrentSize.Value - NewSize)}";
                    default: return $"Keep at {Describe(NewSize)}";
                }
            }
        }

        /// <summary>Whether ShouldProcess is asked at all: an unchanged size changes nothing.</summary>
        internal bool ChangesFile => Kind != FileSizeChangeKind.Unchanged;

        /// <summary>
        /// Truncation loses data, so it is confirmed (ShouldContinue) on top of ShouldProcess, as Remove-Item
        /// does for containers: unless -Force or an explicit -Confirm:$false says the caller already decided.
        /// </summary>
        internal bool NeedsTruncationQuestion(bool force, bool confirmExplicitlyOff) =>
            Kind == FileSizeChangeKind.Truncate && !force && !confirmExplicitlyOff;

        /// <summary>The ShouldContinue question for a truncation.</summary>
        internal string TruncationQuestion =>
            $"Truncating '{Path}' from {Describe(CurrentSize ?? 0)} to {Describe(NewSize)} discards its last {Describe((CurrentSize ?? 0) - NewSize)} for good. Continue?";

        private static string Describe(long bytes) => bytes < 1024 ? $"{bytes} bytes" : $"{MapRules.Human(bytes)} ({bytes} bytes)";
    }
}
