using System;
using System.Management.Automation;

namespace Mmap.Commands
{
    /// <summary>
    /// The -InputObject of the cmdlets that work on maps one by one (Read-, Write-, Sync-, Find-MemoryMap and
    /// Update-MemoryMapValue), and the loop
    /// that makes each map its own pipeline item: one map's error is reported and the next map still runs.
    /// Remove-MemoryMap declares its own: there -InputObject is positional, in a set beside -Id; Find-MemoryMap
    /// overrides it to make it positional after its pattern.
    /// </summary>
    public abstract class MapInputCmdlet : StoppableCmdlet
    {
        /// <summary>The maps to work on (pipeline; mirrors are maps too).</summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Map")] // a match of Find-MemoryMap (or any object with a Map) binds its map by property name
        [ValidateNotNull]
        public virtual MemoryMap[] InputObject { get; set; } = Array.Empty<MemoryMap>();

        /// <inheritdoc/>
        protected override void ProcessRecord()
        {
            foreach (var map in InputObject)
                this.RunItem(map, () => Process(map));
        }

        /// <summary>The cmdlet's work on one map; engine errors become a non-terminating error about the map.</summary>
        private protected abstract void Process(MemoryMap map);
    }
}
