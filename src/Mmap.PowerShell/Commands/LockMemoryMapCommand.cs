using System.Management.Automation;

namespace Mmap.Commands
{
    /// <summary>Lock-MemoryMap: holds a map's pages in RAM (mlock / VirtualLock) until Unlock-MemoryMap or the map is
    /// freed. Confirmable (Low impact, as Write-MemoryMap): locked memory is taken from every other process on the machine.
    /// A lock the limit refuses, or a stop, part-way through a big range unlocks the steps it had locked.</summary>
    [Cmdlet(VerbsCommon.Lock, "MemoryMap", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
    [OutputType(typeof(MemoryMap))]
    public sealed class LockMemoryMapCommand : MapRangeChangeCmdlet
    {
        private protected override void Process(MemoryMap map) =>
            ChangeRange(map, "lock", "Lock in memory", "Locked", map.Lock, undo: map.Unlock);
    }
}
