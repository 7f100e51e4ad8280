using System.Management.Automation;
using Mmap.Commands.Policy;

namespace Mmap.Commands
{
    /// <summary>Unlock-MemoryMap: lets the OS page out what Lock-MemoryMap held in RAM. Pages that were not locked are no
    /// error. Confirmable (Low impact) as Lock-MemoryMap is.</summary>
    [Cmdlet(VerbsCommon.Unlock, "MemoryMap", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
    [OutputType(typeof(MemoryMap))]
    public sealed class UnlockMemoryMapCommand : MapRangeCmdlet
    {
        /// <summary>Output the map after unlocking it.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        private protected override void Process(MemoryMap map)
        {
            long length = LengthIn(map, "unlock");
            if (!ShouldProcess(MapChanges.Target(map), MapChanges.PagesAction("Unlock", map, Offset, length))) return;
            map.Unlock(Offset, length);
            WriteVerbose(MapChanges.PagesDone("Unlocked", map, Offset, length));
            if (PassThru) WriteObject(map);
        }
    }
}
