namespace Mmap.Commands.Policy
{
    /// <summary>
    /// What opening a map does to its file or tag beyond mapping it: New-MemoryMap and New-MirroredMap ask with
    /// ShouldProcess before (so -WhatIf creates and grows nothing) and report <see cref="Done"/> after.
    /// </summary>
    internal sealed class SourceChange
    {
        private SourceChange(string target, string action, string? done, FileSizeChange? file = null)
        {
            Target = target;
            Action = action;
            Done = done;
            _file = file;
        }

        private readonly FileSizeChange? _file;

        /// <summary>Undoes the change once its map is freed (a stop during -Populate): a file the open created is
        /// deleted, a file it grew is cut back. A tag is left as it is: the OS does not say whether this open made it.</summary>
        internal void PutBack() => _file?.PutBack();

        /// <summary>The file's path or the tag, as ShouldProcess names it.</summary>
        internal string Target { get; }

        /// <summary>The ShouldProcess action.</summary>
        internal string Action { get; }

        /// <summary>The -Verbose line after the open; null when only the OS knows what happened (an existing tag).</summary>
        internal string? Done { get; }

        /// <summary>
        /// The change a map of <paramref name="kind"/> over [offset, offset + <paramref name="size"/>) with
        /// <paramref name="options"/> makes, or null for none. Only ReadWrite (given, or the kind's default) with a size
        /// creates or grows (the engine's rule for files and tags alike); anonymous memory is private, and an end past a
        /// 64-bit size is the engine's error to report. A tag source needs its <paramref name="tagOptions"/>.
        /// </summary>
        internal static SourceChange? Plan(MapSource source, MapKind kind, MapOptions options, TagOptions? tagOptions, long? size, string? path, string? tag)
        {
            if (source == MapSource.Anonymous || options.AccessFor(kind) != MapAccess.ReadWrite || size is null || options.Offset > long.MaxValue - size)
                return null;
            long end = options.Offset + size.Value;
            if (source == MapSource.Tag)
                return new SourceChange(MapWording.Tag(tag ?? throw new System.ArgumentNullException(nameof(tag))),
                    TagAction((tagOptions ?? throw new System.ArgumentNullException(nameof(tagOptions))).Mode, end), null);
            var file = FileSizeChange.ForMap(path ?? throw new System.ArgumentNullException(nameof(path)), end);
            return file is null ? null : new SourceChange(file.Path, file.Action, file.Done, file);
        }

        /// <summary>A tag's existence and size are the OS's to tell, so the question names what the mode allows.</summary>
        private static string TagAction(SharedOpenMode mode, long end)
        {
            string size = MapWording.Bytes(end);
            switch (mode)
            {
                case SharedOpenMode.CreateNew: return $"Create with {size}";
                case SharedOpenMode.OpenExisting: return $"Open, extending it to {size} if shorter";
                default: return $"Open, creating it or extending it to {size} as needed";
            }
        }
    }
}
