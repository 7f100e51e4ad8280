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
        private readonly byte* _start;
        /// <summary>The map's fault cell, checked after every access: a fault meanwhile voids it.</summary>
        private readonly FaultCell* _fault;
        /// <summary>Which lease of the map this is: ending it twice (through a copy) ends it once.</summary>
        private readonly long _token;
        private long _length;

        internal MapLease(MemoryMap map, byte* start, long offset, long length, bool writable, long token)
        {
            _token = token;
            _map = map;
            _start = start;
            _fault = map.FaultCell;
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
            if (offset < 0 || offset > _length - sizeof(T)) ThrowOutside(offset, sizeof(T), "read");
            T value = Unsafe.ReadUnaligned<T>(_start + offset);
            CheckFault();
            return value;
        }

        /// <summary>Writes an unmanaged value (any alignment) at lease offset <paramref name="offset"/>.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Write<T>(long offset, T value) where T : unmanaged
        {
            if (!IsWritable) ThrowReadOnly();
            if (offset < 0 || offset > _length - sizeof(T)) ThrowOutside(offset, sizeof(T), "write");
            Unsafe.WriteUnaligned(_start + offset, value);
            CheckFault();
        }

        /// <summary>Copies bytes at lease offset <paramref name="offset"/> into <paramref name="destination"/>.</summary>
        public void Read(long offset, Span<byte> destination)
        {
            GetSpanUnchecked(offset, destination.Length, "read").CopyTo(destination);
            CheckFault();
        }

        /// <summary>Copies <paramref name="source"/> to lease offset <paramref name="offset"/>.</summary>
        public void Write(long offset, ReadOnlySpan<byte> source)
        {
            if (!IsWritable) ThrowReadOnly();
            source.CopyTo(GetSpanUnchecked(offset, source.Length, "write"));
            CheckFault();
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
            map.EndLease(_token);
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

        /// <summary>After an access: a fault met the map meanwhile (it read zeros or wrote nowhere), so the access is void.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private void CheckFault()
        {
            if (Volatile.Read(ref _fault->Faulted) != 0) ThrowFaulted();
        }

        private void ThrowFaulted()
        {
            if (_map is null) throw Ended();
            _map.ThrowFault();
        }

        private void ThrowReadOnly()
        {
            if (_map is null) throw Ended();
            throw new MmapException(MmapError.AccessDenied,
                $"The lease of the {_map.Description} was acquired read-only. Acquire it with write: true to write.", 0, _map.Path);
        }

        private static ObjectDisposedException Ended() =>
            new ObjectDisposedException(nameof(MapLease), "The lease was disposed. Acquire a new one from the map to go on.");
    }
}
