using System;
using System.Threading;
using Mmap.Platform;

namespace Mmap
{
    /// <summary>
    /// The address range of a disposed map, held as inert memory (<see cref="IPlatformMapper.Retire"/>) until no thread
    /// can still be inside a safe call on it: the map's handle references this object, a call holds the map until its
    /// last check, so once the map is collected nothing can touch the range and the finalizer unmaps it and gives back the
    /// map's fault cell, which those calls check. The file, the descriptor and the memory's contents are freed at Dispose;
    /// only the addresses and the cell wait.
    /// <para>An address space with no room left may be full of such ranges: <see cref="Map"/> then collects and tries once
    /// more, so a map disposed a moment ago never blocks a new one at its addresses.</para>
    /// </summary>
    internal sealed unsafe class RetiredRange
    {
        private static int s_pending;
        private static long s_pendingBytes;
        private readonly NativeView _view;
        private readonly FaultCell* _cell;

        internal RetiredRange(in NativeView view, FaultCell* cell)
        {
            _view = view;
            _cell = cell;
            Interlocked.Increment(ref s_pending);
            Interlocked.Add(ref s_pendingBytes, view.Length);
        }

        ~RetiredRange()
        {
            OsLayer.Current.Unmap(_view);
            FaultTable.ReturnCell(_cell);
            Interlocked.Add(ref s_pendingBytes, -_view.Length);
            Interlocked.Decrement(ref s_pending);
        }

        /// <summary>Ranges retired and not yet unmapped.</summary>
        internal static int Pending => Volatile.Read(ref s_pending);

        /// <summary>Maps through the OS layer; out_of_mem with retired ranges waiting frees them first and tries again.</summary>
        internal static NativeView Map(in MapRequest request)
        {
            try { return OsLayer.Current.Map(request); }
            catch (MmapException e) when (e.Error == MmapError.OutOfMemory && FreeUnreferenced())
            {
                try { return OsLayer.Current.Map(request); }
                catch (MmapException again) when (again.Error == MmapError.OutOfMemory && Pending > 0) { throw HeldByDisposedMaps(again); }
            }
        }

        /// <inheritdoc cref="Map"/>
        internal static NativeView MapMirror(in MirrorRequest request)
        {
            try { return OsLayer.Current.MapMirror(request); }
            catch (MmapException e) when (e.Error == MmapError.OutOfMemory && FreeUnreferenced())
            {
                try { return OsLayer.Current.MapMirror(request); }
                catch (MmapException again) when (again.Error == MmapError.OutOfMemory && Pending > 0) { throw HeldByDisposedMaps(again); }
            }
        }

        /// <summary>The refusal, saying what still holds address space: disposed maps the program references, whose ranges
        /// wait for a collection that cannot take them (a "free other maps" alone would mislead when all are freed).</summary>
        private static MmapException HeldByDisposedMaps(MmapException e) =>
            new MmapException(e.Error,
                $"{e.Message} Besides live maps, {Pending} disposed map(s) still referenced by the program hold {ByteSize.ToText(Volatile.Read(ref s_pendingBytes))} " +
                "of address space: a map disposed while another thread could be inside a call keeps its addresses (as inert memory) until " +
                "the map object itself is collected. Drop the references to disposed maps (set the variables to null).",
                e.NativeErrorCode, e.Target);

        /// <summary>Collects disposed maps nobody references, so their ranges are unmapped; false when none were waiting.</summary>
        private static bool FreeUnreferenced()
        {
            if (Pending == 0) return false;
            GC.Collect();
            GC.WaitForPendingFinalizers();
            return true;
        }
    }
}
