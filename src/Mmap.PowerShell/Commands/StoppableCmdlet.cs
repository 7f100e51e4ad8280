using System;
using System.Management.Automation;
using System.Threading;
using Mmap.Commands.Policy;

namespace Mmap.Commands
{
    /// <summary>
    /// A cmdlet whose calls can run for more than a second: it does such work in steps (<see cref="LongWork"/>), shows
    /// Write-Progress while it runs, and stops between two steps once PowerShell asks it to (Ctrl+C, a pipeline
    /// stopped by Select-Object -First, StopProcessing), within a second.
    /// </summary>
    public abstract class StoppableCmdlet : PSCmdlet
    {
        private readonly CancellationTokenSource _stop = new CancellationTokenSource();

        /// <inheritdoc/>
        protected override void StopProcessing() => _stop.Cancel();

        /// <summary>Cancelled once PowerShell asks the cmdlet to stop: passed down to engine calls that take a token (a
        /// search), which then throw OperationCanceledException within one of their steps.</summary>
        private protected CancellationToken StopToken => _stop.Token;

        /// <summary>Runs <paramref name="step"/> over <paramref name="length"/> bytes, one <see cref="LongWork"/> step at a
        /// time (it gets the bytes done before it and its own length), with progress under <paramref name="activity"/>.
        /// A stop throws <see cref="PipelineStoppedException"/> between steps: the caller undoes what it made.</summary>
        private protected void InSteps(string activity, long length, Action<long, int> step)
        {
            bool show = LongWork.ShowsProgress(length);
            foreach (var (done, count) in LongWork.Steps(length))
            {
                if (_stop.IsCancellationRequested) throw new PipelineStoppedException();
                if (show) WriteProgress(Progress(activity, done, length, ProgressRecordType.Processing));
                step(done, count);
            }
            if (show) WriteProgress(Progress(activity, length, length, ProgressRecordType.Completed));
        }

        /// <summary>A new record per call: hosts and the Progress stream keep the records they are given. Also what
        /// <see cref="CmdletProgress"/> shows for work the engine steps through itself (a search).</summary>
        internal ProgressRecord Progress(string activity, long done, long length, ProgressRecordType type) =>
            new ProgressRecord(ActivityId, activity, LongWork.Status(done, length))
            {
                PercentComplete = LongWork.Percent(done, length),
                RecordType = type,
            };

        /// <summary>One progress activity per cmdlet in a pipeline, so two of them show two bars.</summary>
        private int ActivityId { get; } = Interlocked.Increment(ref s_lastActivityId);

        private static int s_lastActivityId;
    }
}
