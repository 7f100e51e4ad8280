using System;

namespace Mmap.Commands.Policy
{
    /// <summary>New-MirroredMap's decisions: the options (New-MemoryMap's; the engine gives mirrors ReadWrite by default)
    /// and the open itself, kept by the session.</summary>
    internal static class MirrorPlanner
    {
        /// <summary>The default of -Times: two copies, all a ring buffer needs.</summary>
        internal const int DefaultTimes = 2;

        /// <summary>New-MemoryMap's options for the same parameters; the block size is passed apart from them.</summary>
        internal static MapOptions ToOptions(NewMapParameters p)
        {
            MapOptions options = NewMapPlanner.ToOptions(p);
            options.Size = null;
            return options;
        }

        /// <summary>What mirroring does to its file or tag (a file set needs <paramref name="providerPath"/>): the
        /// block, -Size aligned up as the engine does it, must fit in it. Null when it only maps, or when the size
        /// cannot be aligned (the engine's error to report).</summary>
        internal static SourceChange? ChangeOf(NewMapParameters p, string? providerPath)
        {
            var pages = PageInfo.Current;
            long? block = p.Size is long size && size > 0 && size <= long.MaxValue - (pages.AllocationGranularity - 1) ? pages.AlignUp(size) : (long?)null;
            MapSource source = NewMapPlanner.SourceOf(p.ParameterSet);
            return SourceChange.Plan(source, MapKind.Mirror, ToOptions(p), source == MapSource.Tag ? NewMapPlanner.TagOptionsOf(p) : null, block, providerPath, p.Tag);
        }

        /// <summary>Maps <paramref name="times"/> copies of a block of -Size bytes from the set's source (a file set
        /// needs <paramref name="providerPath"/>) and keeps the mirror alive in <paramref name="session"/>.</summary>
        internal static MirroredMap Open(NewMapParameters p, string? providerPath, int times, ModuleSession session)
        {
            MapOptions options = ToOptions(p);
            long size = p.Size ?? throw new ArgumentException("A mirror needs a size.", nameof(p));
            MirroredMap mirror;
            switch (NewMapPlanner.SourceOf(p.ParameterSet))
            {
                case MapSource.File:
                    mirror = MirroredMap.MapFile(providerPath ?? throw new ArgumentNullException(nameof(providerPath)), size, times, options);
                    break;
                case MapSource.Tag:
                    mirror = MirroredMap.MapShared(NewMapPlanner.TagOf(p), size, times, options, NewMapPlanner.TagOptionsOf(p));
                    break;
                default:
                    mirror = MirroredMap.MapAnonymous(size, times, options);
                    break;
            }
            session.Keep(mirror);
            return mirror;
        }
    }
}
