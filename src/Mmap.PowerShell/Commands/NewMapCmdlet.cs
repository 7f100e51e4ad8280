using System;
using System.Management.Automation;
using Mmap.Commands.Policy;

namespace Mmap.Commands
{
    /// <summary>
    /// What New-MemoryMap and New-MirroredMap share, as SecretManagement's SecretCmdlet does for its cmdlets: the
    /// sources (a file by -Path or -LiteralPath, a tag; -Anonymous binds differently in each), the tag and placement
    /// options, and the loop that opens one map per source. Each cmdlet adds what it alone has and opens its kind of map.
    /// </summary>
    public abstract class NewMapCmdlet : FileCmdlet
    {
        /// <summary>The set of -Tag: shared memory by name.</summary>
        internal const string TagSet = "Tag";

        /// <summary>The set of -Anonymous: private memory.</summary>
        internal const string AnonymousSet = "Anonymous";

        /// <summary>The shared memory to map or mirror, by name: the same tag in two processes gives the same memory.</summary>
        [Parameter(ParameterSetName = TagSet, Mandatory = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(TagCompleter))]
        public string Tag { get; set; } = "";

        /// <summary>OpenOrCreate (default), OpenExisting (missing: no_file) or CreateNew (exists: already_exists).</summary>
        [Parameter(ParameterSetName = TagSet)]
        public SharedOpenMode TagMode { get; set; }

        /// <summary>Permissions of a tag this call creates: octal ('600', '0644') or letters ('rw-r--r--'); 600 by default.</summary>
        [Parameter(ParameterSetName = TagSet)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(PermissionCompleter))]
        public string Permission { get; set; } = "";

        /// <summary>Windows: the tag lives in the Global\ namespace, visible across sessions.</summary>
        [Parameter(ParameterSetName = TagSet)]
        public SwitchParameter Global { get; set; }

        /// <summary>Read, ReadWrite or CopyOnWrite; each cmdlet's help says its default.</summary>
        [Parameter]
        public MapAccess Access { get; set; }

        /// <summary>Where in the file or tag the map (a mirror's block) starts; a multiple of the allocation granularity (Get-PageSize).</summary>
        [Parameter(ParameterSetName = PathSet)]
        [Parameter(ParameterSetName = LiteralPathSet)]
        [Parameter(ParameterSetName = TagSet)]
        [ValidateRange(0L, long.MaxValue)]
        public long Offset { get; set; }

        /// <summary>The exact address to place the map (a mirror's copy 0) at: a number, hex string or another map's
        /// Address. The whole range must be free: an existing mapping is never replaced.</summary>
        [Parameter]
        [AddressTransformation]
        public ulong Address { get; set; }

        /// <summary>Where the whole map may lie: Any (default), Low (below 2 GiB), Low32 (below 4 GiB) or High (above 4 GiB).</summary>
        [Parameter]
        public MapPlacement Placement { get; set; }

        /// <inheritdoc/>
        protected override void ProcessRecord()
        {
            NewMapParameters request = Bind();
            if (NamesFiles)
                ForEachFile(PathMultiplicity.ExactlyOne, path => OpenOne(request, path));
            else
                this.RunItem(request.Tag, () => OpenOne(request, null));
        }

        /// <summary>Opens one source: asks first when the open creates or grows its file or tag (under -WhatIf or a
        /// "no" nothing is opened), then reports and outputs what it opened.</summary>
        private void OpenOne(NewMapParameters request, string? path)
        {
            SourceChange? change = ChangeOf(request, path);
            if (change != null && !ShouldProcess(change.Target, change.Action)) return;
            MemoryMap opened = Open(request, path);
            try { Prepare(opened); }
            catch (Exception e) when (e is PipelineStoppedException || ErrorTranslator.IsExpected(e))
            {
                CmdletSupport.CurrentSession.Free(opened); // nothing half-made: the map goes, its file is put back
                change?.PutBack();
                throw;
            }
            if (change?.Done != null) WriteVerbose(change.Done);
            WriteVerbose(MapChanges.Mapped(opened));
            WriteObject(opened);
        }

        /// <summary>Work on a map just opened, before it is output (New-MemoryMap -Populate); a stop or an error frees it.</summary>
        private protected virtual void Prepare(MemoryMap map) { }

        /// <summary>The bound parameters as the planners take them (null: not given). A cmdlet adds its own to these.</summary>
        private protected virtual NewMapParameters Bind() => new NewMapParameters
        {
            ParameterSet = ParameterSetName,
            Access = this.IsBound(nameof(Access)) ? Access : (MapAccess?)null,
            Offset = Offset,
            Address = this.IsBound(nameof(Address)) ? Address : (ulong?)null,
            Placement = Placement,
            Tag = this.IsBound(nameof(Tag)) ? Tag : null,
            TagMode = TagMode,
            Permission = this.IsBound(nameof(Permission)) ? Permission : null,
            Global = Global,
        };

        /// <summary>What opening <paramref name="request"/> does to its file or tag (a file set gives its provider
        /// <paramref name="path"/>), asked before the open; null when it only maps.</summary>
        private protected abstract SourceChange? ChangeOf(NewMapParameters request, string? path);

        /// <summary>Opens the map of <paramref name="request"/> (a file set gives its provider <paramref name="path"/>),
        /// kept by this runspace's session.</summary>
        private protected abstract MemoryMap Open(NewMapParameters request, string? path);
    }
}
