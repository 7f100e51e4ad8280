using System;
using System.Collections.Generic;

namespace Mmap.Commands.Policy
{
    /// <summary>
    /// How the cmdlets cut a call that can run for more than a second (a big read, write, flush, populate or file
    /// growth) into steps: each step is short enough (a few hundred milliseconds even from a slow disk) that a stop
    /// (Ctrl+C, StopProcessing) is seen within a second, and progress is shown for work of more than one step.
    /// </summary>
    internal static class LongWork
    {
        /// <summary>Bytes per step: 16 MiB, about 0.2 s from a 100 MB/s disk and a few milliseconds from memory.</summary>
        internal const int StepBytes = 16 << 20;

        /// <summary>The steps of <paramref name="length"/> bytes: (bytes done before the step, bytes in it), in order.</summary>
        internal static IEnumerable<(long Done, int Length)> Steps(long length)
        {
            if (length < 0) throw new ArgumentOutOfRangeException(nameof(length), length, "A length is 0 or more bytes.");
            for (long done = 0; done < length; done += StepBytes)
                yield return (done, (int)Math.Min(StepBytes, length - done));
        }

        /// <summary>Whether work of <paramref name="length"/> bytes shows progress: more than one step.</summary>
        internal static bool ShowsProgress(long length) => length > StepBytes;

        /// <summary>The progress line: "256 MiB of 1 GiB".</summary>
        internal static string Status(long done, long length) => $"{ByteSize.ToText(done)} of {ByteSize.ToText(length)}";

        /// <summary>The percentage done, 0 to 100.</summary>
        internal static int Percent(long done, long length) => length == 0 ? 100 : (int)(done * 100 / length);
    }
}
