using System;

namespace Mmap.Commands.Policy
{
    /// <summary>What a New-MemoryMap or New-MirroredMap parameter set maps.</summary>
    internal enum MapSource
    {
        /// <summary>A file (-Path, -LiteralPath).</summary>
        File,
        /// <summary>Shared memory by name (-Tag).</summary>
        Tag,
        /// <summary>Private memory (-Anonymous).</summary>
        Anonymous,
    }

    /// <summary>New-MemoryMap's (and New-MirroredMap's) bound parameters, as plain values (null = not given).</summary>
    internal sealed class NewMapParameters
    {
        internal string ParameterSet { get; set; } = NewMapCmdlet.PathSet;
        internal MapAccess? Access { get; set; }
        internal bool Execute { get; set; }
        internal long? Size { get; set; }
        internal long? Offset { get; set; }
        internal ulong? Address { get; set; }
        internal bool Populate { get; set; }
        internal bool NoSizeCheck { get; set; }
        /// <summary>-PageSize; null: not given.</summary>
        internal long? PageSize { get; set; }
        /// <summary>-LargePages: the system's default large page size.</summary>
        internal bool LargePages { get; set; }
        internal bool NoReserve { get; set; }
        /// <summary>-MaxSize; null: not given.</summary>
        internal long? MaxSize { get; set; }
        internal MapPlacement Placement { get; set; }
        internal string? Tag { get; set; }
        internal SharedOpenMode TagMode { get; set; }
        /// <summary>-Permission as typed (see <see cref="TagPermission"/>); null: 0600.</summary>
        internal string? Permission { get; set; }
        internal bool Global { get; set; }
    }

    /// <summary>Which parameter set gives which <see cref="MapOptions"/>, and the open itself (kept by the session).</summary>
    internal static class NewMapPlanner
    {
        /// <summary>The source a parameter set of <see cref="NewMapCmdlet"/> maps (the cmdlets own the set names).</summary>
        internal static MapSource SourceOf(string parameterSet)
        {
            switch (parameterSet)
            {
                case NewMapCmdlet.PathSet:
                case NewMapCmdlet.LiteralPathSet:
                    return MapSource.File;
                case NewMapCmdlet.TagSet:
                    return MapSource.Tag;
                case NewMapCmdlet.AnonymousSet:
                    return MapSource.Anonymous;
            }
            throw new ArgumentOutOfRangeException(nameof(parameterSet), parameterSet, "Unknown New-MemoryMap parameter set.");
        }

        /// <summary>The kind of map a parameter set makes (a mirror's is <see cref="MapKind.Mirror"/> whatever its source).</summary>
        internal static MapKind KindOf(MapSource source) =>
            source == MapSource.File ? MapKind.File : source == MapSource.Tag ? MapKind.Shared : MapKind.Anonymous;

        /// <summary>
        /// The options for a request. -Access left out stays null: the engine gives each kind its default
        /// (<see cref="MapOptions.DefaultAccess"/>). Offset and the size check apply to files and tags (shared memory can
        /// be truncated by another process just like a file).
        /// </summary>
        internal static MapOptions ToOptions(NewMapParameters p)
        {
            var options = new MapOptions
            {
                Access = p.Access,
                Execute = p.Execute,
                Size = p.Size,
                Address = p.Address,
                Populate = p.Populate,
                Placement = p.Placement,
                NoReserve = p.NoReserve,
                MaxSize = p.MaxSize,
            };
            if (SourceOf(p.ParameterSet) != MapSource.Anonymous)
            {
                options.Offset = p.Offset ?? 0;
                options.SizeCheck = !p.NoSizeCheck;
            }
            else options.PageSize = PageSizeOf(p);
            return options;
        }

        /// <summary>-PageSize as given, or with -LargePages the default large page size; the engine checks the size itself.</summary>
        internal static long? PageSizeOf(NewMapParameters p)
        {
            if (!p.LargePages) return p.PageSize;
            if (p.PageSize != null)
                throw new MmapException(MmapError.InvalidArgument,
                    $"-LargePages asks for the default large page size ({ByteSize.ToText(PageInfo.Current.LargePageSize)}) and -PageSize for {ByteSize.ToText(p.PageSize.Value)}. Give one of them.");
            if (PageInfo.Current.LargePageSize <= 0)
                throw new MmapException(MmapError.NotSupported, "This system offers no large pages. Leave -LargePages out.");
            return PageInfo.Current.LargePageSize;
        }

        /// <summary>The tag settings of a Tag-set request (-Permission parsed, so a bad one fails before anything is asked).</summary>
        internal static TagOptions TagOptionsOf(NewMapParameters p) =>
            new TagOptions { Mode = p.TagMode, Permission = TagPermission.Parse(p.Permission), Global = p.Global };

        /// <summary>What opening the map does to its file or tag (a file set needs <paramref name="providerPath"/>),
        /// asked before the open; null when it only maps.</summary>
        internal static SourceChange? ChangeOf(NewMapParameters p, string? providerPath)
        {
            MapSource source = SourceOf(p.ParameterSet);
            return SourceChange.Plan(source, KindOf(source), ToOptions(p), source == MapSource.Tag ? TagOptionsOf(p) : null, p.Size, providerPath, p.Tag);
        }

        /// <summary>Opens one map (a file set needs <paramref name="providerPath"/>) and keeps it alive in
        /// <paramref name="session"/> until Remove-MemoryMap or module removal.</summary>
        internal static MemoryMap Open(NewMapParameters p, string? providerPath, ModuleSession session)
        {
            MapOptions options = ToOptions(p);
            MemoryMap map;
            switch (SourceOf(p.ParameterSet))
            {
                case MapSource.File:
                    map = MemoryMap.MapFile(providerPath ?? throw new ArgumentNullException(nameof(providerPath)), options);
                    break;
                case MapSource.Tag:
                    map = MemoryMap.MapShared(TagOf(p), options, TagOptionsOf(p));
                    break;
                default:
                    map = MemoryMap.MapAnonymous(options.Size ?? throw new ArgumentException("Anonymous maps need a size.", nameof(p)), options);
                    break;
            }
            session.Keep(map);
            return map;
        }

        /// <summary>The -Tag of a Tag-set request (the cmdlet makes it mandatory there).</summary>
        internal static string TagOf(NewMapParameters p) => p.Tag ?? throw new ArgumentException("The Tag set needs a tag.", nameof(p));
    }
}
