namespace Mmap
{
    /// <summary>
    /// What a map's safe calls need to reach its memory, in one immutable object that the map publishes through one field
    /// (<see cref="MapGate"/>): where it starts, how many bytes a read or a write may reach, its access, the cell a fault
    /// in it sets, and the handle that owns the mapping. A call reads the field once and uses that view to the end, so a
    /// change of the map (Dispose today; a resize or a protection change later) publishes a new view and retires the old
    /// one, and a call in flight sees either, never a mix.
    /// <para>Dispose publishes a closed view: nothing is in its range, it is not writable and its cell is closed for good, so a
    /// call that reads it fails the range check or the check after its access, and only then learns why. Dispose also marks
    /// the open view's cell closed, so a call that entered before it finds its access void by the same check.</para>
    /// </summary>
    internal sealed unsafe class MapView
    {
        /// <summary>A view of <paramref name="handle"/>'s mapping, open; <paramref name="plain"/> when the map's safe calls
        /// take the inlined path (retired in place, with nothing else to check per call).</summary>
        internal MapView(MapHandle handle, MapAccess access, bool plain)
        {
            Handle = handle;
            Start = (byte*)handle.View.Address;
            Size = handle.View.Length;
            Access = access;
            Limit = Size;
            PlainLimit = plain ? Size : 0;
            Writable = access != MapAccess.Read;
            Fault = handle.Fault.Cell;
        }

        private MapView(MapView open)
        {
            Handle = open.Handle;
            Start = open.Start;
            Size = open.Size;
            Access = open.Access;
            IsClosed = true;
            Fault = FaultTable.AlwaysClosed; // every access through a closed view fails its check after the access
        }

        /// <summary>The handle that owns the mapping and its descriptor; pinned by leases and system calls.</summary>
        internal MapHandle Handle { get; }

        /// <summary>The first byte.</summary>
        internal readonly byte* Start;

        /// <summary>The bytes mapped (kept by a closed view, which the map still reports).</summary>
        internal readonly long Size;

        internal readonly MapAccess Access;

        /// <summary>How far an access may reach: <see cref="Size"/>, or 0 in a closed view.</summary>
        internal readonly long Limit;

        /// <summary>How far an access may reach on the inlined path: <see cref="Limit"/> where the map's calls take it, else 0,
        /// so that one range check sends every other call (a closed map, a guarded or size-checked one, a bad range) to the
        /// out-of-line path.</summary>
        internal readonly long PlainLimit;

        /// <summary>Whether a write may go through this view: false for a Read map and for a closed view (a refused access
        /// then learns why from <see cref="Access"/> and <see cref="IsClosed"/>).</summary>
        internal readonly bool Writable;

        /// <summary>The view's cell (<see cref="FaultCell"/>): the fault handler sets it when an access of this view faults,
        /// Dispose when it closes the map. A safe call's access stands only if the cell is still 0 after it.</summary>
        internal readonly FaultCell* Fault;

        /// <summary>True for the view Dispose publishes.</summary>
        internal bool IsClosed { get; }

        /// <summary>True once the map is gone: closed by Dispose, or its handle released by the finalizer.</summary>
        internal bool IsFreed => IsClosed || Handle.IsClosed;

        /// <summary>Whether an access through this view met a fault.</summary>
        internal bool Faulted => (System.Threading.Volatile.Read(ref Fault->Faulted) & FaultCell.FaultBit) != 0;

        /// <summary>The view Dispose publishes in place of this one.</summary>
        internal MapView Closed() => new MapView(this);
    }
}
