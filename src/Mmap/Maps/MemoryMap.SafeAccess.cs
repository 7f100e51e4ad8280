using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Threading;

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
            byte* p = Enter(offset, destination.Length, write: false, out ReaderSlot? slot);
            new ReadOnlySpan<byte>(p, destination.Length).CopyTo(destination);
            // Guarded maps are never disposed under a call (Dispose waits), so only a fault voids theirs.
            if (Volatile.Read(ref _fault->Faulted) != 0 || slot is null && Volatile.Read(ref _closed) != 0) VoidRead(destination, slot);
            Leave(slot);
        }

        /// <summary>A Read that a racing Dispose or a fault voided: its bytes may be inert memory's, the fault handler's zeros,
        /// or (through a descriptor whose number was reused) another file's. The caller gets none of them.</summary>
        [MethodImpl(MethodImplOptions.NoInlining)]
        private void VoidRead(Span<byte> destination, ReaderSlot? slot)
        {
            destination.Clear();
            if (slot != null) AccessGuard.Leave(slot);
            ThrowDisposedOrFaulted();
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
            byte* p = Enter(offset, source.Length, write: true, out ReaderSlot? slot);
            source.CopyTo(new Span<byte>(p, source.Length));
            Leave(slot);
        }

        /// <summary>Reads an unmanaged value (any alignment) at <paramref name="offset"/>.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public T Read<T>(long offset) where T : unmanaged
        {
            if (!_plainCalls) return ReadChecked<T>(offset);
            T value = Unsafe.ReadUnaligned<T>(EnterPlain(offset, sizeof(T), write: false));
            LeavePlain();
            return value;
        }

        /// <summary>Writes an unmanaged value (any alignment) at <paramref name="offset"/>.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Write<T>(long offset, T value) where T : unmanaged
        {
            if (!_plainCalls)
            {
                WriteChecked(offset, value);
                return;
            }
            Unsafe.WriteUnaligned(EnterPlain(offset, sizeof(T), write: true), value);
            LeavePlain();
        }

        /// <summary>Read&lt;T&gt; of a map with a guard or a size check, out of line so the plain path inlines small.</summary>
        [MethodImpl(MethodImplOptions.NoInlining)]
        private T ReadChecked<T>(long offset) where T : unmanaged
        {
            T value = Unsafe.ReadUnaligned<T>(Enter(offset, sizeof(T), write: false, out ReaderSlot? slot));
            Leave(slot);
            return value;
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        private void WriteChecked<T>(long offset, T value) where T : unmanaged
        {
            Unsafe.WriteUnaligned(Enter(offset, sizeof(T), write: true, out ReaderSlot? slot), value);
            Leave(slot);
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
                // Pages a fault replaced with zeros hold nothing of the file, and msync over pages a truncation cut off
                // "succeeds" while their bytes are gone: say so instead.
                ThrowIfFaulted();
                if (_checksSizeOnce)
                    CheckFileStillCovers(start + count);
                if (_flushesToFile)
                {
                    (start, count) = FlushWindow(start, count);
                    Platform.OsLayer.Current.Flush(_handle.View, _handle.File, start, count, async, this);
                }
            }
            finally { if (added) _handle.DangerousRelease(); }
        }

        /// <summary>Checks the access and makes sure the memory cannot be unmapped under it; the caller makes the access and
        /// then calls <see cref="Leave"/>, whose checks make a call that raced Dispose throw ObjectDisposedException. The
        /// range and access are checked first: they need no protection, since Size and Access never change. One of two
        /// schemes, chosen per map (<see cref="MapRules.RetiresInPlace"/>):
        /// <list type="bullet">
        /// <item>Retired in place (POSIX maps placed anywhere): a call checks the closed flag before the access (a map
        /// disposed earlier is refused untouched) and after it. A call on a thread other than the creating one first marks
        /// the map, once (<see cref="EnterRetired"/>). Dispose on the creating thread of an unmarked map unmaps at once: no call
        /// can be running. Otherwise it replaces the range with inert memory in one call and unmaps it when the map is
        /// collected (<see cref="RetiredRange"/>), so a racing access meets harmless memory and the check after it voids the
        /// result. Per call: two loads of a flag and a compare of the stack pointer; no store, no locked instruction, no
        /// thread-local lookup (one costs more than a cached read).</item>
        /// <item>Per-thread slot (Windows, where a view cannot be replaced in place; placed maps, whose addresses must come
        /// back at Dispose; 32-bit processes): the call enters the map's <see cref="AccessGuard"/> on its thread's slot, and
        /// Dispose waits until it leaves.</item>
        /// </list>
        /// <para>Between Enter and Leave the callers only copy bytes, which throws nothing a program can survive (a fault
        /// there ends the process), so they use no try/finally: that keeps Read&lt;T&gt; small enough to inline, and the loop
        /// around it as free to overlap cache misses as a raw pointer's.</para></summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private byte* Enter(long offset, long count, bool write, out ReaderSlot? slot)
        {
            if (!_plainCalls) return EnterChecked(offset, count, write, out slot);
            slot = null;
            return EnterPlain(offset, count, write);
        }

        /// <summary>Enter for a retired map without size check: the checks, then <see cref="EnterRetired"/>.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private byte* EnterPlain(long offset, long count, bool write)
        {
            CheckAccess(offset, count, write);
            EnterRetired();
            return DangerousGetPointer() + offset;
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private void CheckAccess(long offset, long count, bool write)
        {
            if (!MapRules.InRange(offset, count, Size)) ThrowOutOfRange(offset, count, write);
            if (write && Access == MapAccess.Read) ThrowReadOnly();
        }

        /// <summary>Enter for a map with a guard or a size check: out of line, so the plain path stays small.</summary>
        [MethodImpl(MethodImplOptions.NoInlining)]
        private byte* EnterChecked(long offset, long count, bool write, out ReaderSlot? slot)
        {
            CheckAccess(offset, count, write);
            slot = EnterEitherScheme();
            if (_checksSize) CheckStillCovered(offset + count, slot);
            return DangerousGetPointer() + offset;
        }

        /// <summary>The entry of a guarded map (its slot, which the caller leaves) or a retired-scheme one (null).</summary>
        private ReaderSlot? EnterEitherScheme()
        {
            if (_guard is null)
            {
                EnterRetired();
                return null;
            }
            var slot = ReaderSlot.Mine;
            if (!_guard.TryEnter(slot)) ThrowDisposed();
            if (Volatile.Read(ref _fault->Faulted) != 0)
            {
                AccessGuard.Leave(slot);
                ThrowFault();
            }
            return slot;
        }

        /// <summary>Read of a size-checked shared map: one pread from the map's descriptor instead of an fstat and a copy
        /// through the mapping. It reads the same page-cache pages, in the kernel, and a file cut short meanwhile gives a
        /// short read, not a fault, so no size check comes first. A Dispose racing it voids the result (ObjectDisposedException),
        /// as for a copy: by then the descriptor may be closed, or another file's.</summary>
        [MethodImpl(MethodImplOptions.NoInlining)]
        private void ReadThroughFile(long offset, Span<byte> destination)
        {
            CheckAccess(offset, destination.Length, write: false);
            ReaderSlot? slot = EnterEitherScheme();
            int got;
            try { got = Platform.OsLayer.Current.ReadAt(_handle.File, Offset + offset, destination, this); }
            catch (Exception) when (slot is null && Volatile.Read(ref _closed) != 0) { destination.Clear(); throw Disposed(); }
            catch (MmapException e) when (e.NativeErrorCode == Platform.Libc.EINVAL && !IsDisposed)
            {
                // The descriptor refuses pread here (O_DIRECT wants aligned buffers and offsets): copy through the mapping,
                // after the size check the pread stood in for.
                CheckStillCovered(offset + destination.Length, slot);
                new ReadOnlySpan<byte>(DangerousGetPointer() + offset, destination.Length).CopyTo(destination);
                got = destination.Length;
            }
            catch
            {
                if (slot != null) AccessGuard.Leave(slot);
                throw;
            }
            if (got < destination.Length) ThrowCutShort(offset, destination.Length, got, slot);
            if (slot is null && Volatile.Read(ref _closed) != 0) VoidRead(destination, slot); // the descriptor may have been another file's
            Leave(slot);
        }

        /// <summary>A read through the descriptor that met the end of the file: file_too_short, naming the size it has now.</summary>
        private void ThrowCutShort(long offset, int length, int got, ReaderSlot? slot)
        {
            CheckStillCovered(offset + length, slot); // throws, naming the new size, while the file stays short
            if (slot != null) AccessGuard.Leave(slot);
            throw new MmapException(MmapError.FileTooShort,
                $"'{Path ?? Tag}' was cut to {Offset + offset + got} bytes or fewer while it was read, and has grown again since. Read it again.", 0, Path ?? Tag);
        }

        /// <summary>The entry of a call on a retired-scheme map. A call on a thread other than the creating one marks the map,
        /// once, before its check of the closed flag; the interlocked store is the full fence that pairs with Dispose's, so
        /// Dispose either sees the mark (and retires the range) or the call sees the map closed (and touches nothing).</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private void EnterRetired()
        {
            if (!ThreadStack.IsOn(_ownerStackLow, _ownerStackSize) && Volatile.Read(ref _usedElsewhere) == 0) NoteUseElsewhere();
            // A map a fault met is refused before the access too: its memory from the fault on is the handler's zeros.
            if ((Volatile.Read(ref _closed) | (int)Volatile.Read(ref _fault->Faulted)) != 0) ThrowDisposedOrFaulted();
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        private void NoteUseElsewhere() => Interlocked.Exchange(ref _usedElsewhere, 1);

        /// <summary>Ends a safe call begun by <see cref="Enter"/>: leaves the slot, or throws if the map was disposed while the
        /// access ran (it may have met retired memory). Keeps the map, and so its retired range, alive until then.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private void Leave(ReaderSlot? slot)
        {
            if (slot is null)
            {
                LeavePlain();
                return;
            }
            AccessGuard.Leave(slot);
            if (Volatile.Read(ref _fault->Faulted) != 0) ThrowDisposedOrFaulted();
            GC.KeepAlive(this);
        }

        /// <summary>Leave for a retired map: a Dispose that landed during the access voids it (it may have met inert memory),
        /// and so does a fault (the access met zeros the fault handler put in).</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private void LeavePlain()
        {
            // x86 and x64 never let a load overtake an earlier one; other CPUs need the fence to order access and check.
            if (!s_loadsStayInOrder) Interlocked.MemoryBarrier();
            if ((Volatile.Read(ref _closed) | (int)Volatile.Read(ref _fault->Faulted)) != 0) ThrowDisposedOrFaulted();
            GC.KeepAlive(this);
        }

        private static readonly bool s_loadsStayInOrder =
            RuntimeInformation.ProcessArchitecture == Architecture.X64 || RuntimeInformation.ProcessArchitecture == Architecture.X86;

        /// <summary>The size check of a safe call. A failure leaves the slot; in a retired map it is ObjectDisposedException
        /// when the map was disposed meanwhile (its descriptor may be closed, or even reused by another file, by now).</summary>
        private void CheckStillCovered(long end, ReaderSlot? slot)
        {
            try { CheckFileStillCovers(end); }
            catch (Exception) when (slot is null && Volatile.Read(ref _closed) != 0) { throw Disposed(); }
            catch
            {
                if (slot != null) AccessGuard.Leave(slot);
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
