using System;

namespace Mmap.Commands.Core
{
    /// <summary>New-MemoryMap's bound parameters, as plain values (null = not given).</summary>
    internal sealed class NewMapParameters
    {
        internal string ParameterSet { get; set; } = NewMapSets.Path;
        internal MapAccess? Access { get; set; }
        internal bool Execute { get; set; }
        internal long? Size { get; set; }
        internal long? Offset { get; set; }
        internal ulong? Address { get; set; }
        internal bool Populate { get; set; }
        internal bool NoSizeCheck { get; set; }
    }

    /// <summary>Which parameter set gives which <see cref="MapOptions"/>, and the open itself (kept by the session).</summary>
    internal static class NewMapPlanner
    {
        /// <summary>True for the sets that map a file.</summary>
        internal static bool IsFileSet(string parameterSet)
        {
            switch (parameterSet)
            {
                case NewMapSets.Path:
                case NewMapSets.LiteralPath:
                    return true;
                case NewMapSets.Anonymous:
                    return false;
            }
            throw new ArgumentOutOfRangeException(nameof(parameterSet), parameterSet, "Unknown New-MemoryMap parameter set.");
        }

        /// <summary>
        /// The options for a request. Files default to Read access (luapower's default: mapping never changes a
        /// file unless asked); anonymous memory defaults to ReadWrite, since read-only zeros are of no use.
        /// Offset and the file-size check apply to files only.
        /// </summary>
        internal static MapOptions ToOptions(NewMapParameters p)
        {
            bool file = IsFileSet(p.ParameterSet);
            var options = new MapOptions
            {
                Access = p.Access ?? (file ? MapAccess.Read : MapAccess.ReadWrite),
                Execute = p.Execute,
                Size = p.Size,
                Address = p.Address,
                Populate = p.Populate,
            };
            if (file)
            {
                options.Offset = p.Offset ?? 0;
                options.CheckFileSize = !p.NoSizeCheck;
            }
            return options;
        }

        /// <summary>Opens one map (a file set needs <paramref name="providerPath"/>) and keeps it alive in the
        /// module session until Remove-MemoryMap or module removal.</summary>
        internal static MemoryMap Open(NewMapParameters p, string? providerPath)
        {
            MapOptions options = ToOptions(p);
            MemoryMap map;
            if (IsFileSet(p.ParameterSet))
                map = MemoryMap.MapFile(providerPath ?? throw new ArgumentNullException(nameof(providerPath)), options);
            else
                map = MemoryMap.MapAnonymous(options.Size ?? throw new ArgumentException("Anonymous maps need a size.", nameof(p)), options);
            ModuleSession.Keep(map);
            return map;
        }
    }
}
