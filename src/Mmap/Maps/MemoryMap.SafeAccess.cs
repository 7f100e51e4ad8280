using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Mmap
{
    public unsafe partial class MemoryMap
    {
        /// <summary>Copies bytes at <paramref name="offset"/> into <paramref name="destination"/>.</summary>
        public void Read(long offset, Span<byte> destination)
        {
            if (_readsThroughFile)
            {
                ReadThroughFile(offset, destination);
                return;
            }
            fixed (byte* to = destination)
            {
                var op = new CopyOut(to, destination.Length);
                op = Apply(offset, destination.Length, op);
            }
        }

        /// <summary>Reads <paramref name="count"/> bytes at <paramref name="offset"/> into a new array.</summary>
        public byte[] ReadBytes(long offset, int count)
        {
            // Checked before allocating: a count larger than the map must not allocate (or fail to allocate) first.
            MapRules.CheckRange(offset, count, Size, "read");
            var result = new byte[count];
            Read(offset, result);
            return result;
        }

        /// <summary>Copies <paramref name="source"/> into the map at <paramref name="offset"/>.</summary>
        public void Write(long offset, ReadOnlySpan<byte> source)
        {
            fixed (byte* from = source)
            {
                var op = new CopyIn(from, source.Length);
                op = Apply(offset, source.Length, op);
            }
        }

        /// <summary>Reads an unmanaged value (any alignment) at <paramref name="offset"/>.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public T Read<T>(long offset) where T : unmanaged
        {
            var op = new ReadValue<T>();
            op = Apply(offset, sizeof(T), op);
            return op.Value;
        }

        /// <summary>Writes an unmanaged value (any alignment) at <paramref name="offset"/>.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Write<T>(long offset, T value) where T : unmanaged
        {
            var op = new WriteValue<T>(value);
            op = Apply(offset, sizeof(T), op);
        }

        /// <summary>Copies values at <paramref name="offset"/> into <paramref name="destination"/>.</summary>
        public void Read<T>(long offset, Span<T> destination) where T : unmanaged => Read(offset, MemoryMarshal.AsBytes(destination));

        /// <summary>Copies <paramref name="source"/> values into the map at <paramref name="offset"/>.</summary>
        public void Write<T>(long offset, ReadOnlySpan<T> source) where T : unmanaged => Write(offset, MemoryMarshal.AsBytes(source));

        /// <summary>Writes changes back to the file and waits until they are there (or, with
        /// <paramref name="async"/>, starts the write-back and returns at once).</summary>
        public void Flush(bool async = false) => Flush(0, Size, async);

        /// <summary>Flushes [<paramref name="offset"/>, offset+length); an unaligned start is aligned left to its page.</summary>
        /// <exception cref="MmapException">file_too_short when another process truncated the file (or tag) below the
        /// range (with <see cref="MapOptions.SizeCheck"/>): the bytes cut off are gone and cannot be flushed.</exception>
        public void Flush(long offset, long length, bool async = false)
        {
            MapView view = Pin();
            try
            {
                var (start, count) = MapRules.PageRange(view.Size, offset, length, RulePageSize, "flush");
                // Pages a fault replaced with zeros hold nothing of the file, and msync over pages a truncation cut off
                // "succeeds" while their bytes are gone: say so instead.
                if (view.Faulted) ThrowFault(view);
                if (_checksSizeOnce)
                    CheckFileStillCovers(view, start + count);
                if (_flushesToFile)
                {
                    (start, count) = FlushWindow(start, count);
                    Platform.OsLayer.Current.Flush(view.Handle.View, view.Handle.File, start, count, async, this);
                }
            }
            finally { MapGate.Unpin(view); }
        }

        /// <summary>The size the file or tag behind the map has now (one fstat): another process may have truncated or
        /// grown it since the map was made. Anonymous memory, which nobody else can resize, gives <see cref="Size"/>.</summary>
        public long GetBackingSize()
        {
            MapView view = Pin();
            try { return view.Handle.File.IsOpen ? BackingSize(view) : view.Size; }
            finally { MapGate.Unpin(view); }
        }

        /// <summary>The size of what the map's descriptor refers to now (one fstat). The caller keeps the map from being
        /// disposed meanwhile (a pin, a guard, or the guard of the object that owns the map).</summary>
        internal long BackingSize() => BackingSize(_gate.Current);

        private long BackingSize(MapView view) => Platform.OsLayer.Current.SizeOf(view.Handle.File, this);

        /// <summary>Pins the published view for a call that holds the memory longer than one access (a system call on the
        /// range, a lease, a pointer); pair it with <see cref="MapGate.Unpin"/>. A Dispose that got in first, even between
        /// the check and the reference, gives the engine's ObjectDisposedException (not SafeHandle's "Safe handle has been
        /// closed").</summary>
        private MapView Pin()
        {
            if (!_gate.TryPin(out MapView view)) throw Disposed();
            return view;
        }

        /// <summary>A page past the end of a truncated file raises SIGBUS/an in-page error, which .NET cannot
        /// catch where fault recovery is off; checking the current size first turns that crash into file_too_short.</summary>
        private void CheckFileStillCovers(MapView view, long mapEnd)
        {
            long fileSize = BackingSize(view);
            long needed = BackingSizeNeeded(mapEnd);
            if (fileSize < needed)
                throw new MmapException(MmapError.FileTooShort,
                    $"'{Path ?? Tag}' is now {fileSize} bytes: another process truncated it below the {needed} bytes this access needs. " +
                    "Free the map and map the file again (or grow the file back first).", 0, Path ?? Tag);
        }
    }
}
