using System;
using System.Collections.Generic;
using System.Management.Automation;
using Mmap.Commands.Policy;

namespace Mmap.Commands
{
    /// <summary>Remove-MemoryMap: frees maps (unmaps the memory, closes what the engine opened); -Unlink also removes
    /// their tag's name. Medium impact, as Remove-Item: freeing loses what only the map held.</summary>
    [Cmdlet(VerbsCommon.Remove, "MemoryMap", DefaultParameterSetName = InputObjectSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(void))]
    public sealed class RemoveMemoryMapCommand : PSCmdlet
    {
        /// <summary>The set of -InputObject: maps from the pipeline.</summary>
        private const string InputObjectSet = "InputObject";

        /// <summary>The set of -Id: maps of this session by id.</summary>
        private const string IdSet = "Id";

        private MapRemoval _removal = null!; // made in BeginProcessing, once -Unlink is bound

        /// <summary>The maps to free (pipeline; mirrors are maps too). Freeing a map twice is harmless.</summary>
        [Parameter(ParameterSetName = InputObjectSet, Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNull]
        public MemoryMap[] InputObject { get; set; } = Array.Empty<MemoryMap>();

        /// <summary>The ids of the maps to free: maps this session opened (Get-MemoryMap shows them).</summary>
        [Parameter(ParameterSetName = IdSet, Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(MapIdCompleter))]
        public long[] Id { get; set; } = Array.Empty<long>();

        /// <summary>After freeing each map, remove the name of its tag (maps without a tag are an error and stay open).</summary>
        [Parameter]
        public SwitchParameter Unlink { get; set; }

        /// <inheritdoc/>
        protected override void BeginProcessing() => _removal = new MapRemoval(Unlink, CmdletSupport.CurrentSession);

        /// <inheritdoc/>
        protected override void ProcessRecord()
        {
            IReadOnlyList<MemoryMap> maps = InputObject;
            if (ParameterSetName == IdSet)
            {
                var errors = new List<ErrorRecord>();
                maps = MapSelection.ById(CmdletSupport.CurrentSession.LiveMaps, Id, errors);
                foreach (var error in errors) WriteError(error);
            }
            foreach (var map in maps)
            {
                this.RunItem(map, () =>
                {
                    _removal.Check(map);
                    if (ShouldProcess(MapChanges.Target(map), _removal.Action(map)))
                        WriteVerbose(_removal.Remove(map));
                });
            }
        }
    }
}
