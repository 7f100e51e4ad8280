using System;
using System.Diagnostics;
using System.Management.Automation;

namespace Mmap.Commands
{
    /// <summary>Write-Progress for a long call of a cmdlet, fed by the engine's progress on the pipeline thread: nothing for
    /// a call that ends within a second (most do), then an update at most every 200 ms, and Completed at the end.</summary>
    internal sealed class CmdletProgress : IProgress<long>
    {
        private static readonly TimeSpan s_quiet = TimeSpan.FromSeconds(1), s_interval = TimeSpan.FromMilliseconds(200);
        private readonly Cmdlet _cmdlet;
        private readonly ProgressRecord _record;
        private readonly long _total;
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private TimeSpan? _shownAt; // null until the bar is first shown

        internal CmdletProgress(Cmdlet cmdlet, int activityId, string activity, long total)
        {
            _cmdlet = cmdlet;
            _total = total;
            _record = new ProgressRecord(activityId, activity, "Starting");
        }

        /// <inheritdoc/>
        public void Report(long value)
        {
            TimeSpan now = _clock.Elapsed;
            if (now < s_quiet || now - _shownAt < s_interval) return; // a null _shownAt compares false: the first update shows
            _shownAt = now;
            _record.PercentComplete = _total > 0 ? (int)Math.Min(100, value * 100 / _total) : 0;
            _record.StatusDescription = $"{ByteSize.ToText(value)} of {ByteSize.ToText(_total)}";
            _cmdlet.WriteProgress(_record);
        }

        /// <summary>Removes the bar, if it was shown.</summary>
        internal void Complete()
        {
            if (_shownAt is null) return;
            _record.RecordType = ProgressRecordType.Completed;
            _cmdlet.WriteProgress(_record);
        }
    }
}
