using System;
using System.Management.Automation;
using Mmap.Commands.Policy;

namespace Mmap.Commands
{
    /// <summary>New-MemoryMap: maps a file (by -Path or -LiteralPath), shared memory by -Tag, or anonymous memory.
    /// Creating or extending a file or tag is confirmable (Medium impact, as New-Item): -WhatIf creates nothing.</summary>
    [Cmdlet(VerbsCommon.New, "MemoryMap", DefaultParameterSetName = NewMapSets.Path, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(MemoryMap))]
    public sealed class NewMemoryMapCommand : PSCmdlet
    {
        /// <summary>The file to map; wildcards must match exactly one file. A plain path names a new file when -Access is ReadWrite.</summary>
        [Parameter(ParameterSetName = NewMapSets.Path, Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [SupportsWildcards]
        public string[] Path { get; set; } = Array.Empty<string>();

        /// <summary>The file to map, taken literally; binds FileInfo objects (Get-ChildItem output) by their PSPath.</summary>
        [Parameter(ParameterSetName = NewMapSets.LiteralPath, Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [Alias("PSPath", "LP")]
        [ValidateNotNullOrEmpty]
        public string[] LiteralPath { get; set; } = Array.Empty<string>();

        /// <summary>The shared memory to map, by name: the same tag in two processes gives the same memory.</summary>
        [Parameter(ParameterSetName = NewMapSets.Tag, Mandatory = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(TagCompleter))]
        public string Tag { get; set; } = "";

        /// <summary>OpenOrCreate (default), OpenExisting (missing: no_file) or CreateNew (exists: already_exists).</summary>
        [Parameter(ParameterSetName = NewMapSets.Tag)]
        public SharedOpenMode TagMode { get; set; }

        /// <summary>Permissions of a tag this call creates: octal ('600', '0644') or letters ('rw-r--r--'); 600 by default.</summary>
        [Parameter(ParameterSetName = NewMapSets.Tag)]
        [ValidateNotNullOrEmpty]
        public string Permission { get; set; } = "";

        /// <summary>Windows: the tag lives in the Global\ namespace, visible across sessions.</summary>
        [Parameter(ParameterSetName = NewMapSets.Tag)]
        public SwitchParameter Global { get; set; }

        /// <summary>Map zeroed private memory instead of a file.</summary>
        [Parameter(ParameterSetName = NewMapSets.Anonymous, Mandatory = true)]
        public SwitchParameter Anonymous { get; set; }

        /// <summary>Bytes to map: the rest of the file or tag when left out; required for anonymous memory and new tags.</summary>
        [Parameter(ParameterSetName = NewMapSets.Path)]
        [Parameter(ParameterSetName = NewMapSets.LiteralPath)]
        [Parameter(ParameterSetName = NewMapSets.Tag)]
        [Parameter(ParameterSetName = NewMapSets.Anonymous, Mandatory = true)]
        [ValidateRange(1L, long.MaxValue)]
        public long Size { get; set; }

        /// <summary>Read (default for files), ReadWrite (default for tags and anonymous memory) or CopyOnWrite.</summary>
        [Parameter]
        public MapAccess Access { get; set; }

        /// <summary>Also allow executing the mapped bytes.</summary>
        [Parameter]
        public SwitchParameter Execute { get; set; }

        /// <summary>Where in the file or tag the map starts; a multiple of the allocation granularity (Get-PageSize).</summary>
        [Parameter(ParameterSetName = NewMapSets.Path)]
        [Parameter(ParameterSetName = NewMapSets.LiteralPath)]
        [Parameter(ParameterSetName = NewMapSets.Tag)]
        [ValidateRange(0L, long.MaxValue)]
        public long Offset { get; set; }

        /// <summary>The exact address to place the map at (a number, hex string or another map's Address); never replaces an existing mapping.</summary>
        [Parameter]
        [AddressTransformation]
        public ulong Address { get; set; }

        /// <summary>Where the map may lie: Any (default), Low (below 2 GiB), Low32 (below 4 GiB) or High (above 4 GiB).</summary>
        [Parameter]
        public MapPlacement Placement { get; set; }

        /// <summary>Fault every page in while mapping.</summary>
        [Parameter]
        public SwitchParameter Populate { get; set; }

        /// <summary>Skip the per-access check that the file or tag was not truncated by someone else.</summary>
        [Parameter(ParameterSetName = NewMapSets.Path)]
        [Parameter(ParameterSetName = NewMapSets.LiteralPath)]
        [Parameter(ParameterSetName = NewMapSets.Tag)]
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
                Placement = Placement,
                Tag = this.IsBound(nameof(Tag)) ? Tag : null,
                TagMode = TagMode,
                Permission = this.IsBound(nameof(Permission)) ? Permission : null,
                Global = Global,
            };
            if (!NewMapPlanner.IsFileSet(ParameterSetName))
            {
                this.RunItem(request.Tag, () => Open(request, null));
                return;
            }
            bool literal = ParameterSetName == NewMapSets.LiteralPath;
            foreach (string input in literal ? LiteralPath : Path)
            {
                this.RunItem(input, () =>
                {
                    foreach (string path in this.ResolveFilePaths(input, literal, PathMultiplicity.ExactlyOne))
                        Open(request, path);
                });
            }
        }

        private void Open(NewMapParameters request, string? path) =>
            this.OpenMap(NewMapPlanner.ChangeOf(request, path), () => NewMapPlanner.Open(request, path, CmdletSupport.CurrentSession));
    }
}
