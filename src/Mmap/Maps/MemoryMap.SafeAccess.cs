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
            ReaderSlot slot = ReaderSlot.Mine;
            byte* p = Enter(slot, offset, destination.Length, write: false);
            try { new ReadOnlySpan<byte>(p, destination.Length).CopyTo(destination); }
            finally { Leave(slot); }
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
            ReaderSlot slot = ReaderSlot.Mine;
            byte* p = Enter(slot, offset, source.Length, write: true);
            try { source.CopyTo(new Span<byte>(p, source.Length)); }
            finally { Leave(slot); }
        }

        /// <summary>Reads an unmanaged value (any alignment) at <paramref name="offset"/>.</summary>
        public T Read<T>(long offset) where T : unmanaged
        {
            ReaderSlot slot = ReaderSlot.Mine;
            byte* p = Enter(slot, offset, sizeof(T), write: false);
            try { return Unsafe.ReadUnaligned<T>(p); }
            finally { Leave(slot); }
        }

        /// <summary>Writes an unmanaged value (any alignment) at <paramref name="offset"/>.</summary>
        public void Write<T>(long offset, T value) where T : unmanaged
        {
            ReaderSlot slot = ReaderSlot.Mine;
            byte* p = Enter(slot, offset, sizeof(T), write: true);
            try { Unsafe.WriteUnaligned(p, value); }
            finally { Leave(slot); }
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
            bool added = false;
            AddRef(ref added);
            try
            {
                var (start, count) = MapRules.PageRange(Size, offset, length, PageInfo.Current.PageSize, "flush");
                // msync over pages a truncation cut off "succeeds" while their bytes are gone: say so instead.
                if (_checksSize)
                    CheckFileStillCovers(start + count);
                if (_flushesToFile)
                {
                    (start, count) = FlushWindow(start, count);
                    Platform.OsLayer.Current.Flush(_handle.View, _handle.File, start, count, async, this);
                }
            }
            finally { if (added) _handle.DangerousRelease(); }
        }

        /// <summary>Checks the access and enters the map's <see cref="AccessGuard"/> on this thread's slot (so Dispose waits
        /// for us, with no locked instruction); the caller must <see cref="Leave"/>. Throws with the guard already left.
        /// The range and access are checked first: they need no guard, since Size and Access never change.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private byte* Enter(ReaderSlot slot, long offset, long count, bool write)
        {
            if (!MapRules.InRange(offset, count, Size)) ThrowOutOfRange(offset, count, write);
            if (write && Access == MapAccess.Read) ThrowReadOnly();
            if (!_guard.TryEnter(slot)) ThrowDisposed();
            if (_checksSize) CheckStillCoveredOrLeave(slot, offset + count);
            return DangerousGetPointer() + offset;
        }

        /// <summary>Leaves the guard; keeps the map (and so its handle's finalizer) alive until the access is done.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private void Leave(ReaderSlot slot)
        {
            AccessGuard.Leave(slot);
            GC.KeepAlive(this);
        }

        private void CheckStillCoveredOrLeave(ReaderSlot slot, long end)
        {
            try { CheckFileStillCovers(end); }
            catch
            {
                AccessGuard.Leave(slot);
                throw;
            }
        }

        private void ThrowDisposed() => throw Disposed();

        private void ThrowOutOfRange(long offset, long count, bool write) => throw MapRules.OutOfRange(offset, count, Size, write ? "write" : "read");

        private void ThrowReadOnly() =>
            throw new MmapException(MmapError.AccessDenied,
                $"The {Description} is read-only. Map it with ReadWrite access (or CopyOnWrite for private changes) to write.", 0, Path);

        /// <summary>The size the file or tag behind the map has now (one fstat): another process may have truncated or
        /// grown it since the map was made. Anonymous memory, which nobody else can resize, gives <see cref="Size"/>.</summary>
        public long GetBackingSize()
        {
            if (!_handle.File.IsOpen) return Size;
            bool added = false;
            AddRef(ref added);
            try { return BackingSize(); }
            finally { if (added) _handle.DangerousRelease(); }
        }

        /// <summary>The size of what the map's descriptor refers to now (one fstat). The caller keeps the map from being
        /// disposed meanwhile (a reference, a guard, or the guard of the object that owns the map).</summary>
        internal long BackingSize() => Platform.OsLayer.Current.SizeOf(_handle.File, this);

        /// <summary>Takes a reference on the mapping; a Dispose that got in first, even between the check and the
        /// reference, gives the engine's ObjectDisposedException (not SafeHandle's "Safe handle has been closed").</summary>
        private void AddRef(ref bool added)
        {
            ThrowIfDisposed();
            try { _handle.DangerousAddRef(ref added); }
            catch (ObjectDisposedException) { throw Disposed(); }
        }

        /// <summary>A page past the end of a truncated file raises SIGBUS/an in-page error, which .NET cannot
        /// catch; checking the current size first turns that crash into file_too_short.</summary>
        private void CheckFileStillCovers(long mapEnd)
        {
            long fileSize = BackingSize();
            long needed = BackingSizeNeeded(mapEnd);
            if (fileSize < needed)
                throw new MmapException(MmapError.FileTooShort,
                    $"'{Path ?? Tag}' is now {fileSize} bytes: another process truncated it below the {needed} bytes this access needs. " +
                    "Free the map and map the file again (or grow the file back first).", 0, Path ?? Tag);
        }
    }
}
