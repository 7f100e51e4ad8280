using System;
using System.Runtime.CompilerServices;

namespace Mmap
{
    public unsafe partial class MemoryMap
    {
        /// <summary>
        /// The one range primitive of a map's safe calls: enter the gate, check [offset, offset+count) and the access
        /// against the view entered, run <paramref name="op"/> on it, and keep the result only if the access stands (the
        /// view's cell is still 0: no fault met it and the map was not closed meanwhile); otherwise the op is voided and the
        /// call throws ObjectDisposedException or the map's fault. A map retired in place with nothing else to check per
        /// call stays on the inlined path; every other call (a guarded or size-checked map, whose view has a
        /// <see cref="MapView.PlainLimit"/> of 0, a closed map, a bad range, a refused write) fails its range check and goes
        /// on out of line (<see cref="ApplyChecked"/>).
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private TOp Apply<TOp>(long offset, long count, TOp op) where TOp : struct, IRangeOp
        {
            MapView view = _gate.EnterPlain();
            // A write is refused untouched once a fault met the map (the pages before the faulting one are still the file's).
            bool inRange = count <= MapView.ValueBytes ? (ulong)offset < (ulong)view.PlainValueLimit : MapRules.InRange(offset, count, view.PlainLimit);
            if (!inRange || op.Writes && (!view.Writable || view.Faulted))
                return ApplyChecked(offset, count, op);
            op.Run(view.Start + offset, count);
            if (!MapGate.StandsPlain(view)) throw Voided(op, view);
            GC.KeepAlive(this); // the map, and so its retired range, lives until the check above
            return op;
        }

        /// <summary>The primitive for every call the inlined path does not take: a map with a guard or a per-call size check
        /// (where fault recovery is off), and every refusal. Out of line, so the inlined path stays small.</summary>
        [MethodImpl(MethodImplOptions.NoInlining)]
        private TOp ApplyChecked<TOp>(long offset, long count, TOp op) where TOp : struct, IRangeOp
        {
            MapView view = _gate.Enter(out ReaderSlot? slot);
            if (!MapRules.InRange(offset, count, view.Limit) || op.Writes && (!view.Writable || view.Faulted))
                throw Refusal(view, offset, count, op.Writes, slot);
            if (_checksSize) CheckStillCovered(view, offset + count, slot);
            op.Run(view.Start + offset, count);
            if (!_gate.Stands(view, slot)) throw Voided(op, view);
            GC.KeepAlive(this);
            return op;
        }

        /// <summary>Why the range check refused an access (the closed map first), after leaving the slot. The callers throw
        /// it: a throw is what tells the JIT the path never returns, so the loop around an access keeps its registers.</summary>
        [MethodImpl(MethodImplOptions.NoInlining)]
        private Exception Refusal(MapView view, long offset, long count, bool write, ReaderSlot? slot)
        {
            MapGate.Leave(slot);
            if (view.IsClosed) return Disposed();
            if (!MapRules.InRange(offset, count, view.Size)) return MapRules.OutOfRange(offset, count, view.Size, write ? "write" : "read");
            if (!view.Writable) return ReadOnly();
            return FaultError(view);
        }

        /// <summary>An access that does not stand: what it gave the caller is undone, and this says why.</summary>
        [MethodImpl(MethodImplOptions.NoInlining)]
        private Exception Voided<TOp>(TOp op, MapView view) where TOp : struct, IRangeOp
        {
            op.Void();
            if (view.IsClosed || _gate.Current.IsClosed) return Disposed();
            return FaultError(view);
        }

        /// <summary>The size check of a call where fault recovery is off. A failure leaves the slot; in a retired map it is
        /// ObjectDisposedException when the map was closed meanwhile (its descriptor may be closed, or even reused by
        /// another file, by now).</summary>
        private void CheckStillCovered(MapView view, long end, ReaderSlot? slot)
        {
            try { CheckFileStillCovers(view, end); }
            catch (Exception) when (slot is null && _gate.Current.IsClosed) { throw Disposed(); }
            catch
            {
                MapGate.Leave(slot);
                throw;
            }
        }

        private MmapException ReadOnly() =>
            new MmapException(MmapError.AccessDenied,
                $"The {Description} is read-only. Map it with ReadWrite access (or CopyOnWrite for private changes) to write.", 0, Path);
    }
}
