using System;
using System.Runtime.CompilerServices;
using System.Threading;

namespace Mmap
{
    /// <summary>
    /// A checked range of a map held for a loop (<see cref="MemoryMap.Acquire"/>): every access is bounds-checked against
    /// the lease and nothing else, since the map's lifetime, access and file size were settled when it was acquired.
    /// Offsets count from the lease's start. A ref struct: it lives on one thread's stack and cannot outlive the method
    /// that holds it. Dispose it (a <c>using</c> statement) to let the map unmap; after Dispose every access throws
    /// <see cref="ObjectDisposedException"/>.
    /// </summary>
    public unsafe ref partial struct MapLease
    {
        private MemoryMap? _map;
        /// <summary>The view the lease pinned: the memory it reaches until it ends.</summary>
        private readonly MapView _view;
        private readonly byte* _start;
        /// <summary>The view's fault cell, checked after every access: a fault meanwhile voids it.</summary>
        private readonly FaultCell* _fault;
        /// <summary>Which lease of the map this is: ending it twice (through a copy) ends it once.</summary>
        private readonly long _token;
        private long _length;

        internal MapLease(MemoryMap map, MapView view, long offset, long length, bool writable, long token)
        {
            _token = token;
            _map = map;
            _view = view;
            _start = view.Start + offset;
            _fault = view.Fault;
            _length = length;
            Offset = offset;
            IsWritable = writable;
        }

        /// <summary>Where the lease starts in its map.</summary>
        public long Offset { get; }

        /// <summary>The bytes the lease covers; 0 once disposed.</summary>
        public long Length => _length;

        /// <summary>Whether the lease was acquired for writing.</summary>
        public bool IsWritable { get; }

        /// <summary>Reads an unmanaged value (any alignment) at lease offset <paramref name="offset"/>.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public T Read<T>(long offset) where T : unmanaged
        {
            var op = new ReadValue<T>();
            op = Apply(offset, sizeof(T), op);
            return op.Value;
        }

        /// <summary>Writes an unmanaged value (any alignment) at lease offset <paramref name="offset"/>.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Write<T>(long offset, T value) where T : unmanaged
        {
            var op = new WriteValue<T>(value);
            op = Apply(offset, sizeof(T), op);
        }

        /// <summary>Copies bytes at lease offset <paramref name="offset"/> into <paramref name="destination"/>.</summary>
        public void Read(long offset, Span<byte> destination)
        {
            fixed (byte* to = destination)
            {
                var op = new CopyOut(to, destination.Length);
                op = Apply(offset, destination.Length, op);
            }
        }

        /// <summary>Copies <paramref name="source"/> to lease offset <paramref name="offset"/>.</summary>
        public void Write(long offset, ReadOnlySpan<byte> source)
        {
            fixed (byte* from = source)
            {
                var op = new CopyIn(from, source.Length);
                op = Apply(offset, source.Length, op);
            }
        }

        /// <summary>The lease's range primitive: the map's lifetime and access were settled when it was acquired, so an
        /// access checks its bounds (and, to write, the lease's access and that no fault met the map), runs, and stands
        /// unless a fault met the map meanwhile, as <see cref="MemoryMap"/>'s does with the same operations.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private TOp Apply<TOp>(long offset, long count, TOp op) where TOp : struct, IRangeOp
        {
            if (!MapRules.InRange(offset, count, _length) || op.Writes && (!IsWritable || Faulted))
                throw Refusal(offset, count, op.Writes);
            op.Run(_start + offset, count);
            if (Faulted) throw Voided(op);
            return op;
        }

        /// <summary>The bytes [offset, offset+length) of the lease, read-only.</summary>
        /// <remarks>Safety: the span is valid only while the lease is; do not keep it past Dispose.</remarks>
        public ReadOnlySpan<byte> GetReadOnlySpan(long offset, int length) => GetSpanUnchecked(offset, length, "view");

        /// <summary>The bytes [offset, offset+length) of a writable lease.</summary>
        /// <remarks>Safety: the span is valid only while the lease is; do not keep it past Dispose.</remarks>
        public Span<byte> GetSpan(long offset, int length)
        {
            if (!IsWritable) ThrowReadOnly();
            return GetSpanUnchecked(offset, length, "view");
        }

        /// <summary>Ends the lease: the map may unmap from now on. A second Dispose of the same lease does nothing.</summary>
        public void Dispose()
        {
            MemoryMap? map = _map;
            if (map is null) return;
            _map = null;
            _length = 0; // every later access fails its bounds check, and the throw says the lease ended
            map.EndLease(_view, _token);
        }

        /// <summary>A span of the lease, bounds-checked; the caller has checked write access where it matters.</summary>
        private Span<byte> GetSpanUnchecked(long offset, int length, string action)
        {
            if (!MapRules.InRange(offset, length, _length)) ThrowOutside(offset, length, action);
            return new Span<byte>(_start + offset, length);
        }

        private void ThrowOutside(long offset, long count, string action)
        {
            if (_map is null) throw Ended();
            throw MapRules.OutsideLease(offset, count, Offset, _length, action);
        }

        /// <summary>Whether a fault met the map. Only the fault bit: the map's Dispose closes its cell too, and a lease goes
        /// on until it ends.</summary>
        private bool Faulted
        {
            [MethodImpl(MethodImplOptions.AggressiveInlining)]
            get => (Volatile.Read(ref _fault->Faulted) & FaultCell.FaultBit) != 0;
        }

        /// <summary>Why the lease's checks refused an access: an ended lease, a range outside it, a write to a read-only
        /// lease, or a write after a fault. The callers throw it (see <see cref="MemoryMap"/>'s Refusal).</summary>
        [MethodImpl(MethodImplOptions.NoInlining)]
        private Exception Refusal(long offset, long count, bool write)
        {
            if (_map is null) return Ended();
            if (!MapRules.InRange(offset, count, _length)) return MapRules.OutsideLease(offset, count, Offset, _length, write ? "write" : "read");
            if (!IsWritable) return ReadOnlyLease();
            return _map.FaultError(_view);
        }

        /// <summary>An access a fault met: what it read is the fault handler's zeros (or a write went nowhere).</summary>
        [MethodImpl(MethodImplOptions.NoInlining)]
        private Exception Voided<TOp>(TOp op) where TOp : struct, IRangeOp
        {
            op.Void();
            if (_map is null) return Ended();
            return _map.FaultError(_view);
        }

        private void ThrowReadOnly() => throw ReadOnlyLease();

        private Exception ReadOnlyLease() =>
            _map is null
                ? Ended()
                : new MmapException(MmapError.AccessDenied,
                    $"The lease of the {_map.Description} was acquired read-only. Acquire it with write: true to write.", 0, _map.Path);

        private static ObjectDisposedException Ended() =>
            new ObjectDisposedException(nameof(MapLease), "The lease was disposed. Acquire a new one from the map to go on.");
    }
}
