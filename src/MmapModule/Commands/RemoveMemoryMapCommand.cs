using System;
using System.Collections.Generic;
using System.Management.Automation;
using Mmap.Commands.Core;

namespace Mmap.Commands
{
    /// <summary>Remove-MemoryMap: frees maps (unmaps the memory, closes what the engine opened); -Unlink also removes
    /// their tag's name.</summary>
    [Cmdlet(VerbsCommon.Remove, "MemoryMap", DefaultParameterSetName = RemoveMapSets.InputObject, SupportsShouldProcess = true)]
    [OutputType(typeof(void))]
    public sealed class RemoveMemoryMapCommand : PSCmdlet
    {
        private MapRemoval _removal = new MapRemoval(unlink: false);

        /// <summary>The maps to free (pipeline; mirrors are maps too). Freeing a map twice is harmless.</summary>
        [Parameter(ParameterSetName = RemoveMapSets.InputObject, Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNull]
        public MemoryMap[] InputObject { get; set; } = Array.Empty<MemoryMap>();

        /// <summary>The ids of the maps to free (Get-MemoryMap shows them).</summary>
        [Parameter(ParameterSetName = RemoveMapSets.Id, Mandatory = true)]
        public long[] Id { get; set; } = Array.Empty<long>();

        /// <summary>After freeing each map, remove the name of its tag (maps without a tag are an error and stay open).</summary>
        [Parameter]
        public SwitchParameter Unlink { get; set; }

        /// <inheritdoc/>
        protected override void BeginProcessing() => _removal = new MapRemoval(Unlink);

        /// <inheritdoc/>
        protected override void ProcessRecord()
        {
            IReadOnlyList<MemoryMap> maps = InputObject;
            if (ParameterSetName == RemoveMapSets.Id)
            {
                var errors = new List<CommandError>();
                maps = MapSelection.ById(MemoryMapRegistry.GetLiveMaps(), Id, errors);
                foreach (var error in errors) this.WriteCommandError(error);
            }
            foreach (var map in maps)
            {
                this.RunItem(map, () =>
                {
                    _removal.Check(map);
                    if (ShouldProcess(MapChanges.Target(map), _removal.Action(map)))
                        _removal.Remove(map);
                });
            }
        }
    }
}
