using System;
using System.Management.Automation;
using Mmap.Commands.Policy;

namespace Mmap.Commands
{
    /// <summary>Sync-MemoryMap: writes a map's changes back to its file (all or a range, sync or async). No ShouldProcess:
    /// a flush changes no byte anyone can read (other processes see a shared map's writes at once); it only makes
    /// them durable, and -WhatIf skipping it would leave data less safe, not unchanged.</summary>
    [Cmdlet(VerbsData.Sync, "MemoryMap")]
    [OutputType(typeof(MemoryMap))]
    public sealed class SyncMemoryMapCommand : MapRangeCmdlet
    {
        /// <summary>Start the write-back and return at once.</summary>
        [Parameter]
        public SwitchParameter Async { get; set; }

        /// <summary>Output the map after flushing it.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        private protected override void Process(MemoryMap map)
        {
            long bytes = LengthIn(map, "flush");
            InSteps(MapChanges.Flushing(map, bytes, Offset), bytes, (done, count) => map.Flush(Offset + done, count, Async));
            WriteVerbose(MapChanges.Flushed(map, Offset, bytes, Async));
            if (PassThru) WriteObject(map);
        }
    }
}
