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
        private readonly StoppableCmdlet _cmdlet;
        private readonly string _activity;
        private readonly long _total;
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private TimeSpan? _shownAt; // null until the bar is first shown

        internal CmdletProgress(StoppableCmdlet cmdlet, string activity, long total)
        {
            _cmdlet = cmdlet;
            _total = total;
            _activity = activity;
        }

        /// <inheritdoc/>
        public void Report(long value)
        {
            TimeSpan now = _clock.Elapsed;
            if (now < s_quiet || now - _shownAt < s_interval) return; // a null _shownAt compares false: the first update shows
            _shownAt = now;
            _cmdlet.WriteProgress(_cmdlet.Progress(_activity, value, _total, ProgressRecordType.Processing));
        }

        /// <summary>Removes the bar, if it was shown.</summary>
        internal void Complete()
        {
            if (_shownAt is null) return;
            _cmdlet.WriteProgress(_cmdlet.Progress(_activity, _total, _total, ProgressRecordType.Completed));
        }
    }
}
