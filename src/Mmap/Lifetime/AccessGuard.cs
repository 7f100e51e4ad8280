using System.Runtime.CompilerServices;
using System.Threading;

namespace Mmap
{
    /// <summary>
    /// Keeps memory mapped while safe calls use it, without a locked instruction per call (SafeHandle's AddRef/Release
    /// are two, and a locked instruction also stops the CPU from overlapping the cache misses of nearby reads).
    /// <para>A call stores this guard in its thread's <see cref="ReaderSlot"/>, then reads <see cref="IsClosed"/>; it
    /// clears the slot when done. <see cref="Close"/> sets IsClosed, runs a process-wide memory barrier
    /// (membarrier, FlushProcessWriteBuffers: every thread's earlier stores become visible, as if each had
    /// run a full fence), then waits until no slot holds the guard. For every call, either its slot store came before the
    /// barrier, and Close sees it and waits, or its read of IsClosed came after, and it sees true and touches nothing. The
    /// caller frees the memory only after Close returns.</para>
    /// <para>The barrier costs interrupts to every CPU, so Close skips it when no thread but the closing one ever entered
    /// (the usual open-use-dispose on one thread): <see cref="TryEnter"/> notes the first user and whether there were more,
    /// each with a full fence, once.</para>
    /// </summary>
    internal sealed class AccessGuard
    {
        private static long s_lastId;

        /// <summary>What a slot holds while its thread is inside this guard; never 0.</summary>
        private readonly long _id = Interlocked.Increment(ref s_lastId);
        private int _closed;
        private ReaderSlot? _firstUser;
        private volatile bool _manyUsers;

        internal bool IsClosed => Volatile.Read(ref _closed) != 0;

        /// <summary>Enters the guard on <paramref name="slot"/> (this thread's); false, with the slot left clear, when it is
        /// closed. Pair a true result with <see cref="Leave"/>.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        internal bool TryEnter(ReaderSlot slot)
        {
            if (slot != _firstUser && !_manyUsers) NoteUser(slot);
            // The store, then the load: the JIT keeps volatile accesses in program order; the CPU may not, which is what
            // Close's process-wide barrier is for.
            Volatile.Write(ref slot.Inside, _id);
            if (Volatile.Read(ref _closed) == 0) return true;
            Volatile.Write(ref slot.Inside, 0);
            return false;
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        internal static void Leave(ReaderSlot slot) => Volatile.Write(ref slot.Inside, 0);

        /// <summary>Closes the guard and returns once no call is inside it on another thread; later calls see it closed.
        /// Idempotent. The closing thread must not be inside the guard itself (no safe call runs user code).</summary>
        internal void Close()
        {
            if (Interlocked.Exchange(ref _closed, 1) != 0) return; // a full fence before reading the users below
            Drain();
        }

        /// <summary>Returns once no call that entered before now is inside the guard on another thread; the guard stays open.
        /// A change of the map (<see cref="MapGate.BeginChange"/>) publishes its changing view first, so that the calls that
        /// enter later meet that view and wait, and then drains the ones already inside. The caller must have made a full
        /// fence since its last store that later calls must see.</summary>
        internal void Drain()
        {
            ReaderSlot? mine = ReaderSlot.MineIfAny;
            ReaderSlot? first = Volatile.Read(ref _firstUser);
            if (!_manyUsers && (first is null || first == mine)) return;
            Platform.OsLayer.Current.ProcessWideBarrier();
            foreach (ReaderSlot slot in ReaderSlot.All)
            {
                if (slot == mine) continue;
                var wait = new SpinWait();
                while (Volatile.Read(ref slot.Inside) == _id) wait.SpinOnce();
            }
        }

        /// <summary>Records a thread's first use; the interlocked operation is the full fence that orders the note before the
        /// caller's read of IsClosed, as Close's exchange orders its IsClosed before its read of the note.</summary>
        [MethodImpl(MethodImplOptions.NoInlining)]
        private void NoteUser(ReaderSlot slot)
        {
            if (Interlocked.CompareExchange(ref _firstUser, slot, null) is null) return;
            _manyUsers = true;
            Interlocked.MemoryBarrier();
        }
    }
}
