using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Threading;

namespace Mmap
{
    /// <summary>
    /// A map's one lifetime gate: it publishes the map's <see cref="MapView"/> through one field and decides when the
    /// memory behind a view may go. Four verbs:
    /// <list type="bullet">
    /// <item><b>Enter/Stands</b>, around every safe access: a call reads the view on entering and asks afterwards whether
    /// the access stands (the view is still the published one and no fault met it); if not, the access is void.</item>
    /// <item><b>Pin/Unpin</b>, around what holds the memory longer than one access (a lease, a pointer, a system call on the
    /// range): a reference on the view's handle, so it is unmapped only after the last unpin.</item>
    /// <item><b>Close</b> (Dispose): publishes the closed view, so new calls are refused, then lets the memory go once no
    /// call can be inside it.</item>
    /// <item><b>BeginChange/EndChange</b> (a resize, a protection change): publishes a changing view, which calls that
    /// meet it wait on, says whether the change has the map to itself (no call can be inside the old view), and
    /// publishes the view the change made.</item>
    /// </list>
    /// How a call is kept from unmapped memory is one of two schemes, chosen per map (<see cref="MapRules.RetiresInPlace"/>):
    /// <list type="bullet">
    /// <item>Retired in place (POSIX maps placed anywhere): nothing per call but two loads of the view field and a compare
    /// of the stack pointer (no store, no locked instruction, no thread-local lookup, which costs more than a cached read).
    /// A call on a thread other than the creating one first marks the map, once (<see cref="EnterPlain"/>). Close on the
    /// creating thread of an unmarked map unmaps at once: no call can be running. Otherwise the handle's release replaces
    /// the range with inert memory in one call and unmaps it when the map is collected (<see cref="RetiredRange"/>): a
    /// racing access meets harmless memory, and its check after the access voids it.</item>
    /// <item>Per-thread slot (Windows, where a view cannot be replaced in place; placed maps, whose addresses must come
    /// back at Dispose; 32-bit processes; writable shared maps, whose writers Dispose waits for): the call enters the
    /// map's <see cref="AccessGuard"/> on its thread's slot, and Close waits until it leaves.</item>
    /// </list>
    /// <para>Between entering and the check the callers run only a <see cref="IRangeOp"/> (a copy, a load, a locked
    /// instruction, a scan), which throws nothing a program can survive, so they use no try/finally: that keeps a
    /// <c>Read&lt;T&gt;</c> small enough to inline, and a loop around it as free to overlap cache misses as a raw
    /// pointer's.</para>
    /// </summary>
    internal unsafe struct MapGate
    {
        private MapView _view;
        /// <summary>Null in the retired scheme; the per-thread guard otherwise.</summary>
        private readonly AccessGuard? _guard;
        /// <summary>The creating thread's stack (<see cref="ThreadStack"/>) and whether a call ever ran on another thread.</summary>
        private readonly ulong _ownerStackLow, _ownerStackSize;
        private int _usedElsewhere;

        /// <summary>A gate publishing <paramref name="view"/>; <paramref name="retiresInPlace"/> chooses the scheme.</summary>
        internal MapGate(MapView view, bool retiresInPlace)
        {
            _view = view;
            _guard = retiresInPlace ? null : new AccessGuard();
            _ownerStackLow = _ownerStackSize = 0;
            if (retiresInPlace) (_ownerStackLow, _ownerStackSize) = ThreadStack.Current();
            _usedElsewhere = 0;
        }

        /// <summary>The view published now (the closed one after Close).</summary>
        internal MapView Current => Volatile.Read(ref _view);

        /// <summary>Entry of a call in the retired scheme, and of the inlined path of every map (whose view's
        /// <see cref="MapView.PlainLimit"/> sends the calls of other maps on to <see cref="Enter"/>): the view to use. A call on a thread other than the creating one
        /// marks the map, once, before it reads the view; the interlocked store is the full fence that pairs with Close's,
        /// so Close either sees the mark (and retires the range) or the call sees the closed view (and touches nothing).</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        internal MapView EnterPlain()
        {
            if (!ThreadStack.IsOn(_ownerStackLow, _ownerStackSize) && Volatile.Read(ref _usedElsewhere) == 0) NoteUseElsewhere();
            return Volatile.Read(ref _view);
        }

        /// <summary>After an access entered by <see cref="EnterPlain"/>: whether it stands, from one load of the view's cell.
        /// Not when the map was closed meanwhile (Close marks the cell before the range can turn inert) or a fault met the
        /// view (the access met the fault handler's zeros).</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        internal static bool StandsPlain(MapView view)
        {
            // x86 and x64 never let a load overtake an earlier one; other CPUs need the fence to order access and check.
            if (!s_loadsStayInOrder) Interlocked.MemoryBarrier();
            return Volatile.Read(ref view.Fault->Faulted) == 0;
        }

        /// <summary>Entry of a call in either scheme: the view to use, and the slot to give <see cref="Stands"/> or
        /// <see cref="Leave"/> (null in the retired scheme). A closed guard gives the closed view and no slot.</summary>
        internal MapView Enter(out ReaderSlot? slot)
        {
            while (true)
            {
                MapView view;
                if (_guard is null)
                {
                    slot = null;
                    view = EnterPlain();
                }
                else
                {
                    slot = ReaderSlot.Mine;
                    if (!_guard.TryEnter(slot)) slot = null; // closed: the view read next is the closed one
                    view = Volatile.Read(ref _view);
                }
                if (!view.IsChanging) return view;
                Leave(slot); // a change drains the guard: it must not wait for this call
                AwaitChange(view);
            }
        }

        /// <summary>After an access entered by <see cref="Enter"/>: leaves the slot and says whether the access stands. A
        /// guarded view is never unmapped under a call (Close waits), so only a fault voids its access.</summary>
        internal bool Stands(MapView view, ReaderSlot? slot)
        {
            if (slot is null) return StandsPlain(view);
            AccessGuard.Leave(slot);
            return !view.Faulted;
        }

        /// <summary>Leaves without an access (a refusal after <see cref="Enter"/>).</summary>
        internal static void Leave(ReaderSlot? slot)
        {
            if (slot != null) AccessGuard.Leave(slot);
        }

        /// <summary>Pins the published view's mapping until <see cref="Unpin"/>; false once the map is closed (even when
        /// Close came between the check and the reference).</summary>
        internal bool TryPin(out MapView view)
        {
            while (true)
            {
                while ((view = Volatile.Read(ref _view)).IsChanging) AwaitChange(view);
                if (view.IsClosed) return false;
                bool added = false;
                try { view.Handle.DangerousAddRef(ref added); }
                catch (System.ObjectDisposedException) { return false; }
                if (!added) return false;
                // The count, then the view again: a change either sees the pin (and leaves the mapping where it is) or was
                // published first, and the pin goes to the view it made.
                Interlocked.Increment(ref view.Handle.Pins);
                if (ReferenceEquals(Volatile.Read(ref _view), view)) return true;
                Unpin(view);
            }
        }

        /// <summary>Drops one pin of <paramref name="view"/>.</summary>
        internal static void Unpin(MapView view)
        {
            Interlocked.Decrement(ref view.Handle.Pins);
            view.Handle.DangerousRelease();
        }

        /// <summary>Publishes the closed view and returns the open one it replaced (null when already closed). New calls
        /// are refused from here on; a guard waits for calls inside it; the retired scheme notes whether a call may still
        /// be racing, so that the handle's release retires the range instead of unmapping it. The caller then disposes the
        /// handle, which unmaps once the last pin is gone.</summary>
        internal MapView? Close()
        {
            MapView open;
            do
            {
                while ((open = Volatile.Read(ref _view)).IsChanging) AwaitChange(open);
                if (open.IsClosed) return null;
            }
            while (!ReferenceEquals(Interlocked.CompareExchange(ref _view, open.Closed(), open), open)); // also the fence before reading _usedElsewhere
            if (_guard != null) _guard.Close();
            else open.Handle.RetireOnRelease = Volatile.Read(ref _usedElsewhere) != 0 || !ThreadStack.IsOn(_ownerStackLow, _ownerStackSize);
            MarkClosed(open.Fault); // before the handle's release can retire the range: see StandsPlain
            return open;
        }

        /// <summary>Starts a change of the map: publishes a changing view in place of the open one and returns the open one
        /// (null once the map is closed), with the changing view to hand to <see cref="EndChange"/> and whether the change
        /// has the map to itself. Calls, pins and Close that meet the changing view wait until EndChange. With a guard the
        /// change always has the map to itself: it drains the calls already inside. In the retired scheme it has only when
        /// no call ever ran on another thread and this is the creating thread (Close's test for unmapping at once);
        /// otherwise a call may still be inside the open view, whose memory the change must then leave as it is.</summary>
        internal MapView? BeginChange(out MapView changing, out bool exclusive)
        {
            MapView open;
            while (true)
            {
                open = Volatile.Read(ref _view);
                if (open.IsClosed)
                {
                    changing = open;
                    exclusive = false;
                    return null;
                }
                if (open.IsChanging)
                {
                    AwaitChange(open);
                    continue;
                }
                changing = open.Changing();
                Monitor.Enter(changing); // held before anyone can meet it
                if (ReferenceEquals(Interlocked.CompareExchange(ref _view, changing, open), open)) break; // the fence before the reads below
                Monitor.Exit(changing);
            }
            if (_guard != null)
            {
                _guard.Drain();
                exclusive = true;
            }
            else exclusive = Volatile.Read(ref _usedElsewhere) == 0 && ThreadStack.IsOn(_ownerStackLow, _ownerStackSize);
            return open;
        }

        /// <summary>Ends a change: publishes <paramref name="result"/> (the open view again when the change made nothing) and
        /// lets the waiting calls on.</summary>
        internal void EndChange(MapView changing, MapView result)
        {
            Volatile.Write(ref _view, result);
            Monitor.Exit(changing);
        }

        /// <summary>Waits until the change that published <paramref name="changing"/> ends (it holds the view's lock).</summary>
        [MethodImpl(MethodImplOptions.NoInlining)]
        private static void AwaitChange(MapView changing)
        {
            lock (changing) { }
        }

        /// <summary>Sets the closed bit, keeping a fault bit the handler set.</summary>
        private static void MarkClosed(FaultCell* cell)
        {
            ref int word = ref *(int*)&cell->Faulted; // netstandard2.0 has no unsigned Interlocked
            int seen;
            do seen = Volatile.Read(ref word);
            while (Interlocked.CompareExchange(ref word, seen | (int)FaultCell.ClosedBit, seen) != seen);
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        private void NoteUseElsewhere() => Interlocked.Exchange(ref _usedElsewhere, 1);

        private static readonly bool s_loadsStayInOrder =
            RuntimeInformation.ProcessArchitecture == Architecture.X64 || RuntimeInformation.ProcessArchitecture == Architecture.X86;
    }
}
