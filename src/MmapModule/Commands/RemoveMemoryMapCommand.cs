using System;
using System.Collections.Generic;
using System.Management.Automation;
using Mmap.Commands.Core;

namespace Mmap.Commands
{
    /// <summary>Remove-MemoryMap: frees maps (unmaps the memory, closes what the engine opened).</summary>
    [Cmdlet(VerbsCommon.Remove, "MemoryMap", DefaultParameterSetName = RemoveMapSets.InputObject, SupportsShouldProcess = true)]
    [OutputType(typeof(void))]
    public sealed class RemoveMemoryMapCommand : PSCmdlet
    {
        /// <summary>The maps to free (pipeline). Freeing a map twice is harmless.</summary>
        [Parameter(ParameterSetName = RemoveMapSets.InputObject, Mandatory = true, Position = 0, ValueFromPipeline = true)]
        [ValidateNotNull]
        public MemoryMap[] InputObject { get; set; } = Array.Empty<MemoryMap>();

        /// <summary>The ids of the maps to free (Get-MemoryMap shows them).</summary>
        [Parameter(ParameterSetName = RemoveMapSets.Id, Mandatory = true)]
        public long[] Id { get; set; } = Array.Empty<long>();

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
                if (ShouldProcess(MapChanges.Target(map), MapChanges.FreeAction(map)))
                    ModuleSession.Free(map);
            }
        }
    }
}
