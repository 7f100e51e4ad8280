using System.Management.Automation;

namespace Mmap.Commands
{
    /// <summary>Set-MemoryMap: changes how the OS treats a live map; today its -Advice (madvise / PrefetchVirtualMemory).
    /// Set is where a PowerShell user looks to change a setting of an object they hold (Set-Item, Set-Service), and the
    /// later changes of a live map (its size, its access) belong beside it. Advice never changes the map's bytes, so it
    /// asks only with -Confirm (Low impact); -WhatIf gives no advice.</summary>
    [Cmdlet(VerbsCommon.Set, "MemoryMap", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
    [OutputType(typeof(MemoryMap))]
    public sealed class SetMemoryMapCommand : MapRangeChangeCmdlet
    {
        /// <summary>How the range will be used: Normal, Random, Sequential or WillNeed.</summary>
        [Parameter(Mandatory = true)]
        public MapAdvice Advice { get; set; }

        private protected override void Process(MemoryMap map) =>
            ChangeRange(map, "advise on", $"Advise {Advice} for", $"Advised {Advice} for", (offset, length) => map.Advise(Advice, offset, length));
    }
}
