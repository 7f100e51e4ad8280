using System.Management.Automation;
using Mmap.Commands.Policy;

namespace Mmap.Commands
{
    /// <summary>Set-MemoryMap: changes a setting of a live map. -Advice tells the OS how a range will be used (madvise /
    /// PrefetchVirtualMemory); -Access and -Execute change the whole map's protection (MemoryMap.ChangeAccess). Set is where
    /// a PowerShell user looks to change a setting of an object they hold (Set-Item, Set-Service); the size has its own
    /// verb (Resize-MemoryMap). Neither changes the map's bytes, so it asks only with -Confirm (Low impact); -WhatIf
    /// changes nothing.</summary>
    [Cmdlet(VerbsCommon.Set, "MemoryMap", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low, DefaultParameterSetName = AdviceSet)]
    [OutputType(typeof(MemoryMap))]
    public sealed class SetMemoryMapCommand : MapRangeChangeCmdlet
    {
        private const string AdviceSet = "Advice", AccessSet = "Access";

        /// <summary>How the range will be used: Normal, Random, Sequential, WillNeed or HugePage.</summary>
        [Parameter(Mandatory = true, ParameterSetName = AdviceSet)]
        public MapAdvice Advice { get; set; }

        /// <summary>The map's new access: Read, or back to the access it was made with.</summary>
        [Parameter(ParameterSetName = AccessSet)]
        public MapAccess Access { get; set; }

        /// <summary>Whether the map's bytes may be executed; left out, it stays as it is.</summary>
        [Parameter(ParameterSetName = AccessSet)]
        public SwitchParameter Execute { get; set; }

        /// <inheritdoc/>
        protected override void BeginProcessing()
        {
            if (ParameterSetName != AccessSet) return;
            string? wrong = !this.IsBound(nameof(Access)) && !this.IsBound(nameof(Execute)) ? "Give -Access, -Execute or both."
                : this.IsBound(nameof(Offset)) || this.IsBound(nameof(Length)) ? "-Access and -Execute change the whole map: leave -Offset and -Length out."
                : null;
            if (wrong != null)
                ThrowTerminatingError(ErrorTranslator.Translate(new MmapException(MmapError.InvalidArgument, wrong), null));
        }

        private protected override void Process(MemoryMap map)
        {
            if (ParameterSetName == AdviceSet)
            {
                ChangeRange(map, "advise on", $"Advise {Advice} for", $"Advised {Advice} for", (offset, length) => map.Advise(Advice, offset, length));
                return;
            }
            MapAccess access = this.IsBound(nameof(Access)) ? Access : map.Access;
            bool execute = this.IsBound(nameof(Execute)) ? Execute.IsPresent : map.Execute;
            if (!ShouldProcess(MapChanges.Target(map), MapChanges.AccessAction(map, access, execute))) return;
            map.ChangeAccess(access, execute);
            WriteVerbose(MapChanges.AccessChanged(map));
            if (PassThru) WriteObject(map);
        }
    }
}
