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

        /// <summary>
        /// The options for a request. Files default to Read access (luapower's default: mapping never changes a
        /// file unless asked); anonymous memory and tags default to ReadWrite: read-only zeros are of no use, and a
        /// tag is for exchanging data (only ReadWrite can create it). Offset and the size check apply to files and
        /// tags (shared memory can be truncated by another process just like a file); the tag options to tags only.
        /// </summary>
        internal static MapOptions ToOptions(NewMapParameters p)
        {
            MapSource source = SourceOf(p.ParameterSet);
            var options = new MapOptions
            {
                Access = p.Access ?? (source == MapSource.File ? MapAccess.Read : MapAccess.ReadWrite),
                Execute = p.Execute,
                Size = p.Size,
                Address = p.Address,
                Populate = p.Populate,
                Placement = p.Placement,
            };
            if (source != MapSource.Anonymous)
            {
                options.Offset = p.Offset ?? 0;
                options.CheckFileSize = !p.NoSizeCheck;
            }
            if (source == MapSource.Tag)
            {
                options.TagMode = p.TagMode;
                options.TagPermissions = TagPermission.Parse(p.Permission);
                options.GlobalTag = p.Global;
            }
            return options;
        }

        /// <summary>What opening the map does to its file or tag (a file set needs <paramref name="providerPath"/>),
        /// asked before the open; null when it only maps.</summary>
        internal static SourceChange? ChangeOf(NewMapParameters p, string? providerPath) =>
            SourceChange.Plan(SourceOf(p.ParameterSet), ToOptions(p), p.Size, providerPath, p.Tag);

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
                    map = MemoryMap.MapShared(TagOf(p), options);
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
