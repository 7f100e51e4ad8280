using System;
using System.Runtime.CompilerServices;

namespace Mmap
{
    public unsafe partial class MemoryMap
    {
        /// <summary>Read of a size-checked shared map (fault recovery off): one pread from the map's descriptor instead of an
        /// fstat and a copy through the mapping. It reads the same page-cache pages, in the kernel, and a file cut short
        /// meanwhile gives a short read, not a fault, so no size check comes first. A Dispose racing it voids the result
        /// (ObjectDisposedException), as for a copy: by then the descriptor may be closed, or another file's.</summary>
        [MethodImpl(MethodImplOptions.NoInlining)]
        private void ReadThroughFile(long offset, Span<byte> destination)
        {
            MapView view = _gate.Enter(out ReaderSlot? slot);
            if (!MapRules.InRange(offset, destination.Length, view.Limit)) throw Refusal(view, offset, destination.Length, write: false, slot);
            int got;
            try { got = Platform.OsLayer.Current.ReadAt(view.Handle.File, Offset + offset, destination, this); }
            catch (Exception) when (slot is null && _gate.Current.IsClosed) { destination.Clear(); throw Disposed(); }
            catch (MmapException e) when (e.NativeErrorCode == Platform.Libc.EINVAL && !IsDisposed)
            {
                // The descriptor refuses pread here (O_DIRECT wants aligned buffers and offsets): copy through the mapping,
                // after the size check the pread stood in for.
                CheckStillCovered(view, offset + destination.Length, slot);
                new ReadOnlySpan<byte>(view.Start + offset, destination.Length).CopyTo(destination);
                got = destination.Length;
            }
            catch
            {
                MapGate.Leave(slot);
                throw;
            }
            if (got < destination.Length) ThrowCutShort(view, offset, destination.Length, got, slot);
            if (!_gate.Stands(view, slot))
            {
                destination.Clear(); // the descriptor may have been another file's
                throw _gate.Current.IsClosed ? Disposed() : FaultError(view);
            }
        }

        /// <summary>A read through the descriptor that met the end of the file: file_too_short, naming the size it has now.</summary>
        private void ThrowCutShort(MapView view, long offset, int length, int got, ReaderSlot? slot)
        {
            CheckStillCovered(view, offset + length, slot); // throws, naming the new size, while the file stays short
            MapGate.Leave(slot);
            throw new MmapException(MmapError.FileTooShort,
                $"'{Path ?? Tag}' was cut to {Offset + offset + got} bytes or fewer while it was read, and has grown again since. Read it again.", 0, Path ?? Tag);
        }
    }
}
