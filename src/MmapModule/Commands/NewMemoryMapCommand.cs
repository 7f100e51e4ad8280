using System;
using System.Management.Automation;
using Mmap.Commands.Core;

namespace Mmap.Commands
{
    /// <summary>New-MemoryMap: maps a file (by -Path or -LiteralPath) or anonymous memory.</summary>
    [Cmdlet(VerbsCommon.New, "MemoryMap", DefaultParameterSetName = NewMapSets.Path)]
    [OutputType(typeof(MemoryMap))]
    public sealed class NewMemoryMapCommand : PSCmdlet
    {
        /// <summary>The file to map; wildcards must match exactly one file. A plain path names a new file when -Access is ReadWrite.</summary>
        [Parameter(ParameterSetName = NewMapSets.Path, Mandatory = true, Position = 0, ValueFromPipeline = true)]
        [ValidateNotNullOrEmpty]
        [SupportsWildcards]
        public string[] Path { get; set; } = Array.Empty<string>();

        /// <summary>The file to map, taken literally; binds FileInfo objects (Get-ChildItem output) by their PSPath.</summary>
        [Parameter(ParameterSetName = NewMapSets.LiteralPath, Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [Alias("PSPath", "LP")]
        [ValidateNotNullOrEmpty]
        public string[] LiteralPath { get; set; } = Array.Empty<string>();

        /// <summary>Map zeroed private memory instead of a file.</summary>
        [Parameter(ParameterSetName = NewMapSets.Anonymous, Mandatory = true)]
        public SwitchParameter Anonymous { get; set; }

        /// <summary>Bytes to map: the rest of the file when left out; required for anonymous memory.</summary>
        [Parameter(ParameterSetName = NewMapSets.Path)]
        [Parameter(ParameterSetName = NewMapSets.LiteralPath)]
        [Parameter(ParameterSetName = NewMapSets.Anonymous, Mandatory = true)]
        [ValidateRange(1L, long.MaxValue)]
        public long Size { get; set; }

        /// <summary>Read (default for files), ReadWrite (default for anonymous memory) or CopyOnWrite.</summary>
        [Parameter]
        public MapAccess Access { get; set; }

        /// <summary>Also allow executing the mapped bytes.</summary>
        [Parameter]
        public SwitchParameter Execute { get; set; }

        /// <summary>Where in the file the map starts; a multiple of the allocation granularity (Get-PageSize).</summary>
        [Parameter(ParameterSetName = NewMapSets.Path)]
        [Parameter(ParameterSetName = NewMapSets.LiteralPath)]
        [ValidateRange(0L, long.MaxValue)]
        public long Offset { get; set; }

        /// <summary>The exact address to place the map at; never replaces an existing mapping.</summary>
        [Parameter]
        public ulong Address { get; set; }

        /// <summary>Fault every page in while mapping.</summary>
        [Parameter]
        public SwitchParameter Populate { get; set; }

        /// <summary>Skip the per-access check that the file was not truncated by someone else.</summary>
        [Parameter(ParameterSetName = NewMapSets.Path)]
        [Parameter(ParameterSetName = NewMapSets.LiteralPath)]
        public SwitchParameter NoSizeCheck { get; set; }

        /// <inheritdoc/>
        protected override void ProcessRecord()
        {
            var request = new NewMapParameters
            {
                ParameterSet = ParameterSetName,
                Access = this.IsBound(nameof(Access)) ? Access : (MapAccess?)null,
                Execute = Execute,
                Size = this.IsBound(nameof(Size)) ? Size : (long?)null,
                Offset = Offset,
                Address = this.IsBound(nameof(Address)) ? Address : (ulong?)null,
                Populate = Populate,
                NoSizeCheck = NoSizeCheck,
            };
            if (!NewMapPlanner.IsFileSet(ParameterSetName))
            {
                this.RunItem(null, () => WriteObject(NewMapPlanner.Open(request, null)));
                return;
            }
            bool literal = ParameterSetName == NewMapSets.LiteralPath;
            foreach (string input in literal ? LiteralPath : Path)
            {
                this.RunItem(input, () =>
                {
                    foreach (string path in this.ResolveFilePaths(input, literal, PathMultiplicity.ExactlyOne))
                        WriteObject(NewMapPlanner.Open(request, path));
                });
            }
        }
    }
}
