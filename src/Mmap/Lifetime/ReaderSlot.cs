using System;
using System.Collections.Generic;
using System.Threading;

namespace Mmap
{
    /// <summary>
    /// One per thread that has made a safe call: which <see cref="AccessGuard"/> (if any) the thread is inside now. Only
    /// its own thread writes it, with plain stores; a disposer reads every slot after a process-wide barrier
    /// (<see cref="AccessGuard.Close"/>), so entering and leaving a guard take no locked instruction.
    /// <para>The slot of a thread that ended goes back to a free list (its thread-static owner is finalized once the
    /// thread is gone), so a process that starts many short threads keeps as many slots as it has threads at once.</para>
    /// </summary>
    internal sealed class ReaderSlot
    {
        /// <summary>The id of the guard this slot's thread is inside, or 0. Written by that thread only. An id, not a
        /// reference: storing a reference into the heap costs a GC write barrier call on every safe call.</summary>
        internal long Inside;

        [ThreadStatic] private static ReaderSlot? t_mine;
        [ThreadStatic] private static SlotReturn? t_return;

        private static readonly object s_lock = new object();
        private static readonly List<ReaderSlot> s_free = new List<ReaderSlot>();
        private static ReaderSlot[] s_all = new ReaderSlot[0];

        private ReaderSlot() { }

        /// <summary>This thread's slot, claimed at its first safe call.</summary>
        internal static ReaderSlot Mine => t_mine ?? Claim();

        /// <summary>This thread's slot, or null if it never made a safe call.</summary>
        internal static ReaderSlot? MineIfAny => t_mine;

        /// <summary>Every slot ever claimed (those of ended threads sit free with nothing inside).</summary>
        internal static ReaderSlot[] All => Volatile.Read(ref s_all);

        private static ReaderSlot Claim()
        {
            lock (s_lock)
            {
                ReaderSlot slot;
                if (s_free.Count > 0)
                {
                    slot = s_free[s_free.Count - 1];
                    s_free.RemoveAt(s_free.Count - 1);
                }
                else
                {
                    slot = new ReaderSlot();
                    var all = new ReaderSlot[s_all.Length + 1];
                    Array.Copy(s_all, all, s_all.Length);
                    all[s_all.Length] = slot;
                    Volatile.Write(ref s_all, all);
                }
                t_return = new SlotReturn(slot);
                return t_mine = slot;
            }
        }

        /// <summary>Reachable only from its thread's statics, so it is finalized after the thread ends and frees the slot.</summary>
        private sealed class SlotReturn
        {
            private readonly ReaderSlot _slot;

            internal SlotReturn(ReaderSlot slot) => _slot = slot;

            ~SlotReturn()
            {
                _slot.Inside = 0; // a thread cannot end inside a safe call, but a free slot must never hold a guard
                lock (s_lock) s_free.Add(_slot);
            }
        }
    }
}
