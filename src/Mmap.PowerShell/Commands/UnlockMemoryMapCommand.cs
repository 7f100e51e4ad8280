using System.Management.Automation;

namespace Mmap.Commands
{
    /// <summary>Unlock-MemoryMap: lets the OS page out what Lock-MemoryMap held in RAM. Pages that were not locked are no
    /// error. Confirmable (Low impact) as Lock-MemoryMap is.</summary>
    [Cmdlet(VerbsCommon.Unlock, "MemoryMap", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
    [OutputType(typeof(MemoryMap))]
    public sealed class UnlockMemoryMapCommand : MapRangeChangeCmdlet
    {
        private protected override void Process(MemoryMap map) =>
            ChangeRange(map, "unlock", "Unlock", "Unlocked", map.Unlock);
    }
}
