using System;
using System.Management.Automation;
using Mmap.Commands.Policy;

namespace Mmap.Commands
{
    /// <summary>New-MirroredMap: a block of a file, a tag or anonymous memory (the default) mapped -Times times in a
    /// row, so data running off the end of one copy continues at the start of the block (ring buffers). Creating or
    /// extending a file or tag is confirmable (Medium impact, as New-Item): -WhatIf creates nothing.</summary>
    [Cmdlet(VerbsCommon.New, "MirroredMap", DefaultParameterSetName = NewMapSets.Anonymous, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(MirroredMap))]
    public sealed class NewMirroredMapCommand : PSCmdlet
    {
        /// <summary>The file to mirror; wildcards must match exactly one file. A plain path names a new file.</summary>
        [Parameter(ParameterSetName = NewMapSets.Path, Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [SupportsWildcards]
        public string[] Path { get; set; } = Array.Empty<string>();

        /// <summary>The file to mirror, taken literally; binds FileInfo objects by their PSPath.</summary>
        [Parameter(ParameterSetName = NewMapSets.LiteralPath, Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [Alias("PSPath", "LP")]
        [ValidateNotNullOrEmpty]
        public string[] LiteralPath { get; set; } = Array.Empty<string>();

        /// <summary>The shared memory to mirror, by name, so another process can mirror the same memory.</summary>
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

        /// <summary>Mirror fresh zeroed memory private to this process: also what happens without -Path, -LiteralPath or -Tag.</summary>
        [Parameter(ParameterSetName = NewMapSets.Anonymous)]
        public SwitchParameter Anonymous { get; set; }

        /// <summary>Bytes in the block; aligned up to the allocation granularity.</summary>
        [Parameter(Mandatory = true)]
        [ValidateRange(1L, long.MaxValue)]
        public long Size { get; set; }

        /// <summary>How many copies of the block follow each other (at least 2).</summary>
        [Parameter]
        [ValidateRange(2, int.MaxValue)]
        public int Times { get; set; } = MirrorPlanner.DefaultTimes;

        /// <summary>ReadWrite (the default) or Read.</summary>
        [Parameter]
        public MapAccess Access { get; set; }

        /// <summary>Where in the file or tag the block starts; a multiple of the allocation granularity.</summary>
        [Parameter(ParameterSetName = NewMapSets.Path)]
        [Parameter(ParameterSetName = NewMapSets.LiteralPath)]
        [Parameter(ParameterSetName = NewMapSets.Tag)]
        [ValidateRange(0L, long.MaxValue)]
        public long Offset { get; set; }

        /// <summary>The exact address of copy 0 (a number, hex string or a map's Address); the whole range must be free (never replaces an existing mapping).</summary>
        [Parameter]
        [AddressTransformation]
        public ulong Address { get; set; }

        /// <summary>Where the whole range may lie: Any (default), Low (below 2 GiB), Low32 (below 4 GiB) or High (above 4 GiB).</summary>
        [Parameter]
        public MapPlacement Placement { get; set; }

        /// <inheritdoc/>
        protected override void ProcessRecord()
        {
            var request = new NewMapParameters
            {
                ParameterSet = ParameterSetName,
                Access = this.IsBound(nameof(Access)) ? Access : (MapAccess?)null,
                Size = Size,
                Offset = Offset,
                Address = this.IsBound(nameof(Address)) ? Address : (ulong?)null,
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
            this.OpenMap(MirrorPlanner.ChangeOf(request, path), () => MirrorPlanner.Open(request, path, Times, CmdletSupport.CurrentSession));
    }
}
