using System;
using System.Threading;

namespace Mmap
{
    public unsafe partial class MemoryMap
    {
        /// <summary>The offset in the map of the first occurrence of <paramref name="pattern"/> in the whole map, or -1.</summary>
        /// <inheritdoc cref="IndexOf(ReadOnlySpan{byte}, long, long, CancellationToken, IProgress{long})"/>
        public long IndexOf(ReadOnlySpan<byte> pattern, CancellationToken cancellationToken = default) =>
            IndexOf(pattern, 0, Size, cancellationToken);

        /// <summary>
        /// The offset in the map of the first occurrence of <paramref name="pattern"/> that lies wholly inside
        /// [<paramref name="offset"/>, offset+count), or -1 when there is none. The range is searched in steps of 4 MiB
        /// (each overlapping the next by the pattern's length less one, so no match is missed), each step a safe call of
        /// its own: a Dispose, a truncation (with <see cref="MapOptions.SizeCheck"/>) or a cancellation between two steps
        /// ends the search with its error, and offsets past 2 and 4 GiB are searched like any other. Each step is
        /// <c>MemoryExtensions.IndexOf</c> over a span of the mapping: vectorized on .NET Core and .NET 5+ (the
        /// runtime's own implementation), and on .NET Framework with System.Memory's Vector&lt;T&gt; scan for the
        /// pattern's first byte.
        /// </summary>
        /// <param name="pattern">The bytes to find: 1 byte to 1 GiB.</param>
        /// <param name="offset">Where the searched range starts in the map.</param>
        /// <param name="count">The bytes the range covers.</param>
        /// <param name="cancellationToken">Checked before every step: a cancelled search throws
        /// <see cref="OperationCanceledException"/> within one step (about a millisecond on a warm map).</param>
        /// <param name="progress">Told, after each step without a match, how many bytes of the range are searched so far
        /// (on the calling thread).</param>
        /// <exception cref="MmapException">invalid_argument for an empty pattern or a range outside the map; file_too_short
        /// when another process truncated the file below the step being searched.</exception>
        /// <exception cref="ObjectDisposedException">The map was freed before or during the search.</exception>
        /// <example>
        /// <code>
        /// long at = map.IndexOf("END-OF-HEADER"u8);
        /// if (at &gt;= 0) map.Write(at, "end-of-header"u8);
        /// </code>
        /// </example>
        public long IndexOf(ReadOnlySpan<byte> pattern, long offset, long count, CancellationToken cancellationToken = default, IProgress<long>? progress = null)
        {
            SearchRules.CheckSearch(pattern.Length, offset, count, Size);
            long end = offset + count;
            for (long at = offset; end - at >= pattern.Length; at += SearchRules.StepBytes)
            {
                cancellationToken.ThrowIfCancellationRequested();
                int window = (int)Math.Min((long)SearchRules.StepBytes + pattern.Length - 1, end - at);
                int found = SearchStep(at, window, pattern, last: false);
                if (found >= 0) return at + found;
                progress?.Report(Math.Min(at + SearchRules.StepBytes, end) - offset);
            }
            return -1;
        }

        /// <summary>The offset in the map of the last occurrence of <paramref name="pattern"/> in the whole map, or -1.</summary>
        /// <inheritdoc cref="LastIndexOf(ReadOnlySpan{byte}, long, long, CancellationToken, IProgress{long})"/>
        public long LastIndexOf(ReadOnlySpan<byte> pattern, CancellationToken cancellationToken = default) =>
            LastIndexOf(pattern, 0, Size, cancellationToken);

        /// <summary>
        /// The offset in the map of the last occurrence of <paramref name="pattern"/> that lies wholly inside
        /// [<paramref name="offset"/>, offset+count), or -1. Searches from the end of the range back, in the steps
        /// <see cref="IndexOf(ReadOnlySpan{byte}, long, long, CancellationToken, IProgress{long})"/> uses, with its errors,
        /// cancellation and progress (bytes searched so far, counted from the end).
        /// </summary>
        /// <example>
        /// <code>
        /// long lastRecord = map.LastIndexOf("\nREC "u8);   // where the last record of a log starts, less one
        /// </code>
        /// </example>
        public long LastIndexOf(ReadOnlySpan<byte> pattern, long offset, long count, CancellationToken cancellationToken = default, IProgress<long>? progress = null)
        {
            SearchRules.CheckSearch(pattern.Length, offset, count, Size);
            long end = offset + count;
            for (long stop = end; stop - offset >= pattern.Length; stop -= SearchRules.StepBytes)
            {
                cancellationToken.ThrowIfCancellationRequested();
                long start = Math.Max(offset, stop - SearchRules.StepBytes - (pattern.Length - 1));
                int found = SearchStep(start, (int)(stop - start), pattern, last: true);
                if (found >= 0) return start + found;
                progress?.Report(end - Math.Max(offset, stop - SearchRules.StepBytes));
            }
            return -1;
        }

        /// <summary>One step of a search: one safe call over [offset, offset+length). The range was checked by the caller.</summary>
        private int SearchStep(long offset, int length, ReadOnlySpan<byte> pattern, bool last)
        {
            fixed (byte* p = pattern)
            {
                var op = new FindStep(p, pattern.Length, last);
                op = Apply(offset, length, op);
                return op.Found;
            }
        }
    }
}
