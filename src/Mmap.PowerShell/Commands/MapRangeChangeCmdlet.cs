using System;
using System.Management.Automation;
using Mmap.Commands.Policy;

namespace Mmap.Commands
{
    /// <summary>What Lock-, Unlock- and Set-MemoryMap share: one confirmable change to a range of each map's pages, said
    /// with -Verbose, and -PassThru.</summary>
    public abstract class MapRangeChangeCmdlet : MapRangeCmdlet
    {
        /// <summary>Output the map after the change.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        /// <summary>Checks the range (<paramref name="rangeAction"/> names the call in the error), asks ShouldProcess
        /// ("<paramref name="verb"/> 4 KiB at map offset 0"), makes the change and reports it ("<paramref name="done"/> ...").</summary>
        private protected void ChangeRange(MemoryMap map, string rangeAction, string verb, string done, Action<long, long> change)
        {
            long length = LengthIn(map, rangeAction);
            if (!ShouldProcess(MapChanges.Target(map), MapChanges.PagesAction(verb, map, Offset, length))) return;
            change(Offset, length);
            WriteVerbose(MapChanges.PagesDone(done, map, Offset, length));
            if (PassThru) WriteObject(map);
        }
    }
}
