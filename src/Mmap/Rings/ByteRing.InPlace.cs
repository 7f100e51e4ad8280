using System;
using System.Runtime.InteropServices;
using System.Threading;

namespace Mmap
{
    public sealed unsafe partial class ByteRing
    {
        private Window _reservation; // the producer's
        private Window _peek;        // the consumer's

        /// <summary>Opens room for <paramref name="count"/> bytes at the head for the producer to write in place: one
        /// contiguous span, also where it runs past the end of the data block (the mirror repeats the block). Nothing is
        /// published until <see cref="Commit"/>; the consumer never sees the bytes before.</summary>
        /// <param name="count">Bytes to reserve, 0 to the capacity. A reservation of 0 bytes opens nothing.</param>
        /// <param name="space">The room, valid until Commit; empty when the result is false.</param>
        /// <returns>True when reserved; false when the ring is too full now (nothing opened then).</returns>
        /// <remarks>One reservation at a time, on the producer's side: TryWrite and a second reservation are refused until
        /// Commit (Commit(0) drops it). A Dispose meanwhile keeps the memory mapped until Commit, which then refuses with
        /// ObjectDisposedException. Keep the ring reachable while you write (calling Commit does).</remarks>
        /// <exception cref="MmapException">invalid_argument for a negative count, a count larger than the capacity, a
        /// reservation already open or a header another process scribbled on; file_too_short when another process cut a
        /// tagged ring's segment. Nothing is reserved then.</exception>
        /// <example>
        /// <code>
        /// if (ring.TryReserve(4 + payload.Length, out Span&lt;byte&gt; room))
        /// {
        ///     BinaryPrimitives.WriteInt32LittleEndian(room, payload.Length);
        ///     payload.CopyTo(room.Slice(4));
        ///     ring.Commit(room.Length);
        /// }
        /// </code>
        /// </example>
        public bool TryReserve(int count, out Span<byte> space)
        {
            if (count < 0)
                throw new MmapException(MmapError.InvalidArgument, $"Cannot reserve {count} bytes: give 0 to {Capacity} bytes.", 0, Tag);
            CheckFits(count);
            space = default;
            ReaderSlot slot = Enter();
            try
            {
                ThrowIfReserving();
                var (head, tail) = Counters();
                if (Capacity - (head - tail) < count) return false;
                if (count == 0) return true;
                _reservation.Open(head, count);
                space = new Span<byte>(_block + head % Capacity, count);
                return true;
            }
            finally { Leave(slot); }
        }

        /// <summary>Reserves as <see cref="TryReserve"/> does, waiting up to <paramref name="timeout"/> for room, as
        /// <see cref="Write"/> waits.</summary>
        /// <returns>False when the time ran out; nothing is reserved then.</returns>
        public bool Reserve(int count, TimeSpan timeout, out Span<byte> space)
        {
            var wait = new Waiter(timeout);
            while (!TryReserve(count, out space))
                if (!wait.Next()) return false;
            return true;
        }

        /// <summary>Publishes the first <paramref name="count"/> bytes of the open reservation to the consumer and ends
        /// it; the rest is dropped (0 drops all). Without a reservation only 0 is valid, and does nothing.</summary>
        /// <exception cref="MmapException">invalid_argument for a count below 0 or above the bytes reserved (the reservation
        /// stays open, nothing is published); file_too_short, invalid_argument for a scribbled header, or the data map's
        /// fault error (a peer cut the tag while you wrote): nothing is published and the reservation ends.</exception>
        /// <exception cref="ObjectDisposedException">The ring was disposed; the reservation ends, nothing is published, and
        /// the ring's memory is freed if no span is left open.</exception>
        public void Commit(int count) => End(ref _reservation, _head, count, "commit", "reserved", "TryReserve", "producer");

        /// <summary>Every byte written and not yet read, in place: one contiguous span from the tail, also where it runs past
        /// the end of the data block. The bytes stay until <see cref="Advance"/> consumes some; peeking again before that
        /// gives the same bytes and any that arrived since.</summary>
        /// <returns>The bytes (at most int.MaxValue of them); empty when the ring is empty (nothing opened then).</returns>
        /// <remarks>On the consumer's side TryRead is refused while a peek is open: Advance (Advance(0) consumes nothing)
        /// first. A Dispose meanwhile keeps the memory mapped until Advance, which then refuses with
        /// ObjectDisposedException. Keep the ring reachable while you read (calling Advance does). A peer that cuts a tagged
        /// ring's segment while you read makes the bytes zeros where fault recovery is active; Advance then throws that
        /// fault's error, so act on what you parsed only once Advance returned.</remarks>
        /// <exception cref="MmapException">invalid_argument or file_too_short as for <see cref="TryRead"/>.</exception>
        /// <example>
        /// <code>
        /// ReadOnlySpan&lt;byte&gt; data = ring.Peek();
        /// int used = 0;
        /// while (data.Length - used &gt;= 4 &amp;&amp; data.Length - used - 4 &gt;= BinaryPrimitives.ReadInt32LittleEndian(data.Slice(used)))
        ///     used += 4 + Handle(data.Slice(used + 4, BinaryPrimitives.ReadInt32LittleEndian(data.Slice(used))));
        /// ring.Advance(used);
        /// </code>
        /// </example>
        public ReadOnlySpan<byte> Peek()
        {
            ReaderSlot slot = Enter();
            try
            {
                var (head, tail) = Counters();
                int length = (int)Math.Min(head - tail, int.MaxValue);
                if (length == 0) return default;
                _peek.Open(tail, length);
                return new ReadOnlySpan<byte>(_block + tail % Capacity, length);
            }
            finally { Leave(slot); }
        }

        /// <summary>Peeks as <see cref="Peek()"/> does, waiting up to <paramref name="timeout"/> until at least
        /// <paramref name="atLeast"/> bytes are there (a whole record, say), as <see cref="Read"/> waits.</summary>
        /// <param name="atLeast">1 to the capacity.</param>
        /// <param name="timeout">How long to wait; <see cref="Timeout.InfiniteTimeSpan"/>: no limit.</param>
        /// <param name="data">What <see cref="Peek()"/> gave last: all there is, possibly fewer than asked when the time ran out.</param>
        /// <returns>False when the time ran out.</returns>
        public bool Peek(int atLeast, TimeSpan timeout, out ReadOnlySpan<byte> data)
        {
            if (atLeast < 1 || atLeast > Capacity)
                throw new MmapException(MmapError.InvalidArgument,
                    $"Cannot wait for {atLeast} bytes in a ring of {Capacity} bytes: give 1 to {Capacity}.", 0, Tag);
            var wait = new Waiter(timeout);
            while ((data = Peek()).Length < atLeast)
                if (!wait.Next()) return false;
            return true;
        }

        /// <summary>Consumes the first <paramref name="count"/> bytes of the last <see cref="Peek()"/>, giving their room back
        /// to the producer, and ends the peek. Without an open peek only 0 is valid, and does nothing.</summary>
        /// <exception cref="MmapException">invalid_argument for a count below 0 or above the bytes peeked (the peek stays
        /// open, nothing is consumed); file_too_short, invalid_argument for a scribbled header, or the data map's fault error
        /// (a peer cut the tag while you read: the bytes may have been zeros): nothing is consumed and the peek ends.</exception>
        /// <exception cref="ObjectDisposedException">The ring was disposed; the peek ends, nothing is consumed, and the
        /// ring's memory is freed if no span is left open.</exception>
        public void Advance(int count) => End(ref _peek, _tail, count, "advance", "peeked", "Peek", "consumer");

        /// <summary>Commit and Advance: checks the count (a bad one changes nothing), then, after the fault and header checks
        /// (the caller's accesses are done by now), publishes <paramref name="counter"/> moved by the count and ends the window.</summary>
        private void End(ref Window window, long* counter, int count, string verb, string opened, string opener, string side)
        {
            ReaderSlot slot = ReaderSlot.Mine;
            if (!_guard.TryEnter(slot)) throw EndAfterDispose(ref window);
            try
            {
                CheckEnd(count, ref window, verb, opened, opener);
                if (count == 0 && !window.IsOpen) return;
                long at;
                try
                {
                    var (head, tail) = Counters();
                    at = counter == _head ? head : tail;
                    if (at != window.At) throw Scribbled(head, tail, $"the {side}'s counter moved from {window.At} while it held a span open");
                }
                catch { window.Close(); throw; }
                Volatile.Write(ref *counter, at + count);
                window.Close();
            }
            finally { Leave(slot); }
        }

        private bool NoWindowOpen => !_reservation.IsOpen && !_peek.IsOpen;

        /// <summary>A bad count for Commit or Advance changes nothing: the window stays open for a correct one.</summary>
        private void CheckEnd(int count, ref Window window, string verb, string opened, string opener)
        {
            int length = window.IsOpen ? window.Length : 0;
            if (count < 0 || count > length)
                throw new MmapException(MmapError.InvalidArgument,
                    window.IsOpen
                        ? $"Cannot {verb} {count} bytes: {length} bytes are {opened}. Give 0 to {length}; nothing was changed."
                        : $"Cannot {verb} {count} bytes: none are {opened}. Call {opener} first; nothing was changed.", 0, Tag);
        }

        private void ThrowIfReserving()
        {
            if (_reservation.IsOpen)
                throw new MmapException(MmapError.InvalidArgument,
                    $"A reservation of {_reservation.Length} bytes is open: Commit it (Commit(0) drops it) before writing or reserving again. Nothing was changed.", 0, Tag);
        }

        private void ThrowIfPeeking()
        {
            if (_peek.IsOpen)
                throw new MmapException(MmapError.InvalidArgument,
                    $"A peek of {_peek.Length} bytes is open: Advance past what you used (Advance(0) consumes nothing) before reading with TryRead. Nothing was changed.", 0, Tag);
        }

        /// <summary>Ends a window after Dispose closed the guard, and frees the maps if Dispose found this window open and it
        /// was the last one. Dispose stores its flag, then reads the windows; this stores the window, then reads the flag;
        /// a full fence between on each side means at least one of them sees the other's store (FreeMaps runs once).</summary>
        private ObjectDisposedException EndAfterDispose(ref Window window)
        {
            window.Close();
            Interlocked.MemoryBarrier();
            if (Volatile.Read(ref _disposed) != 0 && NoWindowOpen) FreeMaps();
            return Disposed();
        }

        /// <summary>One side's open span: where it starts (the head or tail when opened) and its length. Written by that
        /// side only; <see cref="IsOpen"/> is read by Dispose on any thread. 64 bytes of padding on each side keep the
        /// producer's and the consumer's windows off each other's cache line.</summary>
        [StructLayout(LayoutKind.Explicit, Size = 144)]
        private struct Window
        {
            [FieldOffset(64)] private int _open;
            [FieldOffset(68)] internal int Length;
            [FieldOffset(72)] internal long At;

            internal bool IsOpen => Volatile.Read(ref _open) != 0;

            internal void Open(long at, int length)
            {
                At = at;
                Length = length;
                Volatile.Write(ref _open, 1);
            }

            internal void Close() => Volatile.Write(ref _open, 0);
        }
    }
}
