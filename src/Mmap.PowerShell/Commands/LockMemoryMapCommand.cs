using System.Management.Automation;
using Mmap.Commands.Policy;

namespace Mmap.Commands
{
    /// <summary>Lock-MemoryMap: holds a map's pages in RAM (mlock / VirtualLock) until Unlock-MemoryMap or the map is
    /// freed. Confirmable (Low impact, as Write-MemoryMap): locked memory is taken from every other process on the machine.</summary>
    [Cmdlet(VerbsCommon.Lock, "MemoryMap", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
    [OutputType(typeof(MemoryMap))]
    public sealed class LockMemoryMapCommand : MapRangeCmdlet
    {
        /// <summary>Output the map after locking it.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        private protected override void Process(MemoryMap map)
        {
            long length = LengthIn(map, "lock");
            if (!ShouldProcess(MapChanges.Target(map), MapChanges.PagesAction("Lock in memory", map, Offset, length))) return;
            map.Lock(Offset, length);
            WriteVerbose(MapChanges.PagesDone("Locked", map, Offset, length));
            if (PassThru) WriteObject(map);
        }
    }
}
