using System;
using Mmap.Platform;

namespace Mmap
{
    /// <summary>
    /// Opens tagged shared memory and makes sure it holds what the caller needs. Every step is registered with a
    /// <see cref="Rollback"/>: a segment this call created is unlinked again, one it grew is put back to its old size.
    /// </summary>
    internal static class SharedFactory
    {
        private static IPlatformMapper Os => OsLayer.Current;

        internal static MemoryMap MapShared(string tag, MapOptions options, TagOptions tagOptions)
        {
            TagRules.CheckTag(tag, TagRules.Current);
            var o = MapRules.Resolve(options, MapKind.Shared, Os.PageInfo);
            using (var rollback = new Rollback())
            {
                var segment = OpenSegment(rollback, tag, o, tagOptions, o.Size);
                var view = RetiredRange.Map(new MapRequest(segment.File, o.Offset, segment.MapSize, o.ResolvedAccess, o.Execute,
                    o.Address, o.Populate, segment.Description, o.Placement,
                    growRoom: ChangeRules.GrowRoom(o, segment.MapSize, segment.Description)));
                return MemoryMapRegistry.Register(
                    new MemoryMap(rollback.HandOver(view, segment.File), MapKind.Shared, o, segment.MapSize, null, segment.Identity, tag));
            }
        }

        /// <summary>An opened (maybe created, maybe grown) segment, owned by the rollback until a map takes it.</summary>
        internal readonly struct Segment
        {
            internal Segment(NativeFile file, string description, long mapSize, FileIdentity? identity)
            {
                File = file; Description = description; MapSize = mapSize; Identity = identity;
            }

            internal NativeFile File { get; }
            internal string Description { get; }
            internal long MapSize { get; }

            /// <summary>The segment as a file (Linux: /dev/shm/TAG), so FileSizer knows it is mapped; null on Windows.</summary>
            internal FileIdentity? Identity { get; }
        }

        /// <summary>Opens the tag so [Offset, Offset+size) lies inside it (size null: the rest of the segment). The tag's
        /// own settings are checked first, so a bad one is refused before any OS call.</summary>
        internal static Segment OpenSegment(Rollback rollback, string tag, MapOptions o, TagOptions tagOptions, long? size)
        {
            bool write = o.ResolvedAccess == MapAccess.ReadWrite;
            bool create = TagRules.CheckSharedOptions(o, tagOptions, tag);
            long createSize = size is long s ? o.Offset + s : 0;
            var request = new SharedRequest(tag, write, create, tagOptions.Mode == SharedOpenMode.CreateNew, tagOptions.Permission, tagOptions.Global, createSize);
            string description = $"shared memory tag {tag}"; // OsFailure and MapRules quote it
            NativeFile file = Os.OpenShared(request, out bool created);
            if (created)
                rollback.Add(() => Os.UnlinkShared(tag));
            rollback.Own(file);
            FileStatus status = Os.Stat(file, description);
            if (status.Kind != FileKind.Regular)
                throw PlantedTag.Refuse(tag, status.Kind);
            bool canGrow = write && (created || Os.SharedSegmentsCanGrow);
            var plan = MapRules.PlanFileMap(status.Size, size, o.Offset, canGrow, description);
            if (plan.FileSizeNeeded > status.Size)
            {
                Os.ReserveShared(file, status.Size, plan.FileSizeNeeded, description);
                rollback.Grown(file, status.Size, plan.FileSizeNeeded, description);
            }
            // A segment someone else sized with ftruncate alone has holes: fill them now, or a write into one on a
            // full /dev/shm would be a SIGBUS (what this call grew is reserved already).
            if (write)
                Os.ReserveHoles(file, o.Offset, Math.Min(o.Offset + plan.MapSize, status.Size) - o.Offset, description);
            return new Segment(file, description, plan.MapSize, status.Identity);
        }
    }
}
