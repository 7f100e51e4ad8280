using System;
using System.Management.Automation;
using Mmap.Commands.Policy;

namespace Mmap.Commands
{
    /// <summary>What Lock-, Unlock- and Set-MemoryMap share: one confirmable change to a range of each map's pages, made
    /// in steps (a lock of gigabytes reads them all in: progress, and Ctrl+C within a second), said with -Verbose, and -PassThru.</summary>
    public abstract class MapRangeChangeCmdlet : MapRangeCmdlet
    {
        /// <summary>Output the map after the change.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        /// <summary>Checks the range (<paramref name="rangeAction"/> names the call in the error), asks ShouldProcess
        /// ("<paramref name="verb"/> 4 KiB at map offset 0"), makes the change step by step and reports it
        /// ("<paramref name="done"/> ..."). A failure or a stop part-way runs <paramref name="undo"/> (when given) over the
        /// steps already made, so the change is all or nothing.</summary>
        private protected void ChangeRange(MemoryMap map, string rangeAction, string verb, string done, Action<long, long> change,
            Action<long, long>? undo = null)
        {
            long length = LengthIn(map, rangeAction);
            string action = MapChanges.PagesAction(verb, map, Offset, length);
            if (!ShouldProcess(MapChanges.Target(map), action)) return;
            long made = 0;
            try
            {
                InSteps(action, length, (before, count) =>
                {
                    change(Offset + before, count);
                    made = before + count;
                });
            }
            catch (Exception e) when (undo != null && made > 0 && (e is PipelineStoppedException || ErrorTranslator.IsExpected(e)))
            {
                undo(Offset, made);
                throw;
            }
            WriteVerbose(MapChanges.PagesDone(done, map, Offset, length));
            if (PassThru) WriteObject(map);
        }
    }
}
