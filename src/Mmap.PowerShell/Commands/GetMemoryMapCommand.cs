using System;
using System.Collections.Generic;
using System.Management.Automation;
using Mmap.Commands.Policy;

namespace Mmap.Commands
{
    /// <summary>Get-MemoryMap: the live maps this session opened (New-MemoryMap, New-MirroredMap in this runspace), the
    /// maps Remove-Module would free. Maps of other runspaces (thread jobs, ForEach-Object -Parallel) and maps made
    /// from .NET code ([Mmap.MemoryMap]::MapFile) are not listed: their owner frees them.</summary>
    [Cmdlet(VerbsCommon.Get, "MemoryMap", DefaultParameterSetName = AllSet)]
    [OutputType(typeof(MemoryMap))]
    public sealed class GetMemoryMapCommand : PSCmdlet
    {
        /// <summary>The set without a filter (the default): every live map.</summary>
        private const string AllSet = "All";

        /// <summary>The set of -Id.</summary>
        private const string IdSet = "Id";

        /// <summary>The set of -Path.</summary>
        private const string PathSet = "Path";

        /// <summary>The set of -LiteralPath.</summary>
        private const string LiteralPathSet = "LiteralPath";

        /// <summary>The set of -Tag.</summary>
        private const string TagSet = "Tag";

        /// <summary>Only the maps with these ids; an id with no live map is an error. Binds the Id of piped objects, so
        /// maps (or any objects with an Id) flow in. -Path does not bind by property name here: a map has a Path too,
        /// and piping one would then be ambiguous (or, for a map without a file, an error).</summary>
        [Parameter(ParameterSetName = IdSet, Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(MapIdCompleter))]
        public long[] Id { get; set; } = Array.Empty<long>();

        /// <summary>Only file maps whose full path matches one of these (wildcards allowed).</summary>
        [Parameter(ParameterSetName = PathSet, Mandatory = true, Position = 0)]
        [ValidateNotNullOrEmpty]
        [SupportsWildcards]
        [ArgumentCompleter(typeof(MapPathCompleter))]
        public string[] Path { get; set; } = Array.Empty<string>();

        /// <summary>Only file maps of exactly these paths (no wildcards: report[2026].bin is that name). Binds the PSPath
        /// of piped files (Get-Item report.bin | Get-MemoryMap).</summary>
        [Parameter(ParameterSetName = LiteralPathSet, Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [Alias("PSPath", "LP")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(MapPathCompleter))]
        public string[] LiteralPath { get; set; } = Array.Empty<string>();

        /// <summary>Only maps of a tag (shared maps and mirrors of a tag) whose tag matches one of these (wildcards allowed).</summary>
        [Parameter(ParameterSetName = TagSet, Mandatory = true)]
        [ValidateNotNullOrEmpty]
        [SupportsWildcards]
        [ArgumentCompleter(typeof(TagCompleter))]
        public string[] Tag { get; set; } = Array.Empty<string>();

        /// <inheritdoc/>
        protected override void ProcessRecord()
        {
            IReadOnlyList<MemoryMap> live = CmdletSupport.CurrentSession.LiveMaps;
            switch (ParameterSetName)
            {
                case IdSet:
                    var errors = new List<ErrorRecord>();
                    WriteObject(MapSelection.ById(live, Id, errors), enumerateCollection: true);
                    foreach (var error in errors) WriteError(error);
                    break;
                case PathSet:
                    WriteObject(MapSelection.ByPath(live, Matchers(Path, this.PathMatcher)), enumerateCollection: true);
                    break;
                case LiteralPathSet:
                    WriteObject(MapSelection.ByPath(live, Matchers(LiteralPath, this.LiteralPathMatcher)), enumerateCollection: true);
                    break;
                case TagSet:
                    WriteObject(MapSelection.ByTag(live, Matchers(Tag, CmdletSupport.TagMatcher)), enumerateCollection: true);
                    break;
                default:
                    WriteObject(live, enumerateCollection: true);
                    break;
            }
        }

        /// <summary>A matcher per pattern; a bad pattern is a per-item error, and the others still filter.</summary>
        private List<Func<string, bool>> Matchers(IEnumerable<string> patterns, Func<string, Func<string, bool>> matcher)
        {
            var matchers = new List<Func<string, bool>>();
            foreach (string pattern in patterns)
                this.RunItem(pattern, () => matchers.Add(matcher(pattern)));
            return matchers;
        }
    }
}
