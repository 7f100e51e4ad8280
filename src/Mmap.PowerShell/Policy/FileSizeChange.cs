using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;

namespace Mmap.Commands.Policy
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

    /// <summary>Set-FileSize's decisions (also New-MemoryMap's when mapping creates or extends a file): the kind of
    /// change, its ShouldProcess and -Verbose wording, and when to ask before losing data.</summary>
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
        /// which FileInfo describes as the link itself (a few bytes to "truncate"), and whatever SetSize refuses.</summary>
        internal static FileSizeChange ForFile(string path, long newSize, ModuleSession session)
        {
            MapRules.CheckPath(path); // FileInfo would throw a bare ArgumentException for "" or a NUL
            if (System.IO.Directory.Exists(path))
                throw new MmapException(MmapError.InvalidArgument, CmdletMessages.DirectoryHasNoSize(path), 0, path);
            var info = new System.IO.FileInfo(path);
            if (!info.Exists) return Plan(path, null, newSize);
            // An existing file is checked as SetSize will check it (cut under a map, procfs...), so -WhatIf and the
            // truncation question never describe a change that would only be refused.
            IReadOnlyList<MemoryMap> cut = FileSizer.MapsCutBy(path, newSize);
            if (cut.Count > 0)
                throw new MmapException(MmapError.InvalidArgument,
                    CmdletMessages.CutsUnderMaps(path, newSize, cut.Select(m => MapWording.Owned(m, session, ModuleSessions.Holding(m.Id))).ToList()), 0, path);
            bool link = (info.Attributes & System.IO.FileAttributes.ReparsePoint) != 0;
            return Plan(path, link ? LinkTargetSize(path, newSize) : FileSizer.GetSizeToSet(path, newSize), newSize);
        }

        /// <summary>The size of the file a link leads to, opened through the engine (so a loop is its clear
        /// invalid_argument); a link to nothing is no_file, since FileSizer never creates a file through a link.</summary>
        private static long LinkTargetSize(string path, long newSize)
        {
            try { return FileSizer.GetSizeToSet(path, newSize); }
            catch (MmapException e) when (e.Error == MmapError.NoFile)
            {
                throw new MmapException(MmapError.NoFile, CmdletMessages.DanglingLink(path), e.NativeErrorCode, path, e);
            }
        }

        /// <summary>
        /// New-MemoryMap's and New-MirroredMap's question: what mapping ReadWrite up to <paramref name="end"/> bytes
        /// does to the file at <paramref name="path"/> (create or extend it), or null when it leaves the file as it is.
        /// A directory is left to the engine, which refuses to map it.
        /// </summary>
        internal static FileSizeChange? ForMap(string path, long end)
        {
            MapRules.CheckPath(path);
            if (System.IO.Directory.Exists(path)) return null;
            var info = new System.IO.FileInfo(path);
            var change = Plan(path, info.Exists ? info.Length : (long?)null, end);
            return change.Kind == FileSizeChangeKind.Create || change.Kind == FileSizeChangeKind.Extend ? change : null;
        }

        /// <summary>Whether the change is a growth that reserves disk space (not -Sparse): the one that can take long
        /// (a file system without fast fallocate writes every block), so Set-FileSize makes it in steps.</summary>
        internal bool GrowsInSteps(bool sparse) => !sparse && (Kind == FileSizeChangeKind.Create || Kind == FileSizeChangeKind.Extend);

        /// <summary>Bytes the file grows by.</summary>
        internal long Growth => NewSize - (CurrentSize ?? 0);

        /// <summary>The progress activity of a growth in steps.</summary>
        internal string Activity => $"{(Kind == FileSizeChangeKind.Create ? "Creating" : "Extending")} '{Path}' {Sizes}, reserving its disk space";

        /// <summary>Puts the file back as it was before a growth that stopped or failed half-way: a file it created is
        /// deleted, a file it extended is cut back to its old size (past every map, which it had before).</summary>
        internal void PutBack()
        {
            if (Kind == FileSizeChangeKind.Create) System.IO.File.Delete(Path);
            else if (Kind == FileSizeChangeKind.Extend) FileSizer.SetSize(Path, CurrentSize!.Value);
        }

        /// <summary>The ShouldProcess action ("What if: Performing the operation "..." on target "path"").</summary>
        internal string Action => $"{Verb(done: false)} {Sizes}" +
            (Kind == FileSizeChangeKind.Truncate ? $", discarding the last {MapWording.Bytes(CurrentSize!.Value - NewSize)}" : "");

        /// <summary>The -Verbose line once the change is made.</summary>
        internal string Done => $"{Verb(done: true)} '{Path}' {Sizes}";

        /// <summary>Whether ShouldProcess is asked at all: an unchanged size changes nothing.</summary>
        internal bool ChangesFile => Kind != FileSizeChangeKind.Unchanged;

        /// <summary>
        /// Truncation loses data, so it is confirmed (ShouldContinue) on top of ShouldProcess, as Remove-Item does
        /// for containers. Only -Force skips the question: -Confirm:$false answers ShouldProcess alone.
        /// </summary>
        internal bool NeedsTruncationQuestion(bool force) => Kind == FileSizeChangeKind.Truncate && !force;

        /// <summary>The ShouldContinue question for a truncation.</summary>
        internal string TruncationQuestion => CmdletMessages.TruncationQuestion(Path, CurrentSize ?? 0, NewSize);

        /// <summary>The error when the truncation question cannot be asked (a non-interactive host): the file is left as it is.</summary>
        internal ErrorRecord ConfirmationRequired(string reason) =>
            new ErrorRecord(
                new System.InvalidOperationException(CmdletMessages.TruncationNeedsConfirmation(Path, CurrentSize ?? 0, NewSize, reason)),
                ErrorTranslator.ConfirmationRequiredId, ErrorCategory.InvalidOperation, Path);

        private string Verb(bool done)
        {
            switch (Kind)
            {
                case FileSizeChangeKind.Create: return done ? "Created" : "Create";
                case FileSizeChangeKind.Extend: return done ? "Extended" : "Extend";
                case FileSizeChangeKind.Truncate: return done ? "Truncated" : "Truncate";
                default: return done ? "Kept" : "Keep";
            }
        }

        private string Sizes =>
            Kind == FileSizeChangeKind.Create ? $"with {MapWording.Bytes(NewSize)}" :
            Kind == FileSizeChangeKind.Unchanged ? $"at {MapWording.Bytes(NewSize)}" :
            $"from {MapWording.Bytes(CurrentSize!.Value)} to {MapWording.Bytes(NewSize)}";
    }
}
