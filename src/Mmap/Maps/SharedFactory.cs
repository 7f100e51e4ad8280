using System;
using Mmap.Platform;

namespace Mmap
{
    /// <summary>
    /// Opens tagged shared memory and makes sure it holds what the caller needs, undoing every step on failure:
    /// a segment this call created is unlinked again, one it grew is put back to its old size.
    /// </summary>
    internal static class SharedFactory
    {
        private static IPlatformMapper Os => OsLayer.Current;

        internal static MemoryMap MapShared(string tag, MapOptions options)
        {
            Check(tag, options);
            using (var segment = SharedSegment.Open(tag, options, options.Size))
            {
                var view = Os.Map(new MapRequest(segment.File, options.Offset, segment.MapSize, options.Access, options.Execute,
                    options.Address, options.Populate, segment.Description, options.Placement));
                var map = MemoryMapRegistry.Register(
                    new MemoryMap(new MapHandle(view, segment.File), MapKind.Shared, options, segment.MapSize, null, segment.Identity, tag));
                segment.Keep();
                return map;
            }
        }

        /// <summary>Every rule a tagged request must pass before the OS sees it.</summary>
        internal static void Check(string tag, MapOptions options)
        {
            if (options is null) throw new ArgumentNullException(nameof(options));
            TagRules.CheckTag(tag, TagRules.Current);
            MapRules.CheckOptions(options, Os.PageInfo, fileBacked: true);
            TagRules.CheckSharedOptions(options, tag);
        }

        /// <summary>An opened (maybe created, maybe grown) segment; disposing it without <see cref="Keep"/> undoes everything.</summary>
        internal sealed class SharedSegment : IDisposable
        {
            private readonly string _tag;
            private bool _created, _kept;
            private long _grownFrom = -1, _grownTo = -1;

            private SharedSegment(string tag, NativeFile file, bool created)
            {
                _tag = tag;
                File = file;
                _created = created;
                Description = $"shared memory tag {tag}"; // OsFailure and MapRules quote it
            }

            internal NativeFile File { get; }
            internal string Description { get; }
            internal long MapSize { get; private set; }

            /// <summary>The segment as a file (Linux: /dev/shm/TAG), so FileSizer knows it is mapped; null on Windows.</summary>
            internal FileIdentity? Identity { get; private set; }

            /// <summary>Opens the tag per <paramref name="options"/> so [Offset, Offset+size) lies inside it
            /// (size null: the rest of the segment).</summary>
            internal static SharedSegment Open(string tag, MapOptions options, long? size)
            {
                bool create = TagRules.CheckSharedOptions(options, tag);
                long createSize = size is long s ? options.Offset + s : 0;
                var request = new SharedRequest(tag, options.Access == MapAccess.ReadWrite, create,
                    options.TagMode == SharedOpenMode.CreateNew, options.TagPermissions, options.GlobalTag, createSize);
                NativeFile file = Os.OpenShared(request, out bool created);
                var segment = new SharedSegment(tag, file, created);
                try
                {
                    FileStatus status = Os.Stat(file, segment.Description);
                    if (status.Kind != FileKind.Regular)
                        throw PlantedTag.Refuse(tag, status.Kind);
                    bool canGrow = options.Access == MapAccess.ReadWrite && (created || Os.SharedSegmentsCanGrow);
                    var plan = MapRules.PlanFileMap(status.Size, size, options.Offset, canGrow, segment.Description);
                    if (plan.FileSizeNeeded > status.Size)
                    {
                        Os.ReserveShared(file, status.Size, plan.FileSizeNeeded, segment.Description);
                        segment._grownFrom = status.Size;
                        segment._grownTo = plan.FileSizeNeeded;
                    }
                    // A segment someone else sized with ftruncate alone has holes: fill them now, or a write into one on a
                    // full /dev/shm would be a SIGBUS (what this call grew is reserved already).
                    if (options.Access == MapAccess.ReadWrite)
                        Os.ReserveHoles(file, options.Offset, Math.Min(options.Offset + plan.MapSize, status.Size) - options.Offset, segment.Description);
                    segment.MapSize = plan.MapSize;
                    segment.Identity = status.Identity;
                    return segment;
                }
                catch
                {
                    segment.Dispose();
                    throw;
                }
            }

            /// <summary>The segment now belongs to a map: nothing to undo, and the map closes the descriptor.</summary>
            internal void Keep() => _kept = true;

            public void Dispose()
            {
                if (_kept) return;
                _kept = true;
                if (_grownFrom >= 0 && !_created)
                    TryRun(() => Os.Resize(File, _grownTo, _grownFrom, sparse: true, Description));
                Os.CloseFile(File);
                if (_created)
                {
                    _created = false;
                    TryRun(() => Os.UnlinkShared(_tag));
                }
            }

            private static void TryRun(Action undo)
            {
                try { undo(); }
                catch (MmapException) { }
            }
        }
    }
}
