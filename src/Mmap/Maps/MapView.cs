namespace Mmap
{
    /// <summary>
    /// What a map's safe calls need to reach its memory, in one immutable object that the map publishes through one field
    /// (<see cref="MapGate"/>): where it starts, how many bytes a read or a write may reach, its access, the cell a fault
    /// in it sets, and the handle that owns the mapping. A call reads the field once and uses that view to the end, so a
    /// change of the map (Dispose today; a resize or a protection change later) publishes a new view and retires the old
    /// one, and a call in flight sees either, never a mix.
    /// <para>A change (a resize, a protection change) first publishes a changing view, which no access may use: a call
    /// that reads it waits for the change (<see cref="MapGate.Enter"/>) and then takes the view the change publishes.</para>
    /// <para>Dispose publishes a closed view: nothing is in its range, it is not writable and its cell is closed for good, so a
    /// call that reads it fails the range check or the check after its access, and only then learns why. Dispose also marks
    /// the open view's cell closed, so a call that entered before it finds its access void by the same check.</para>
    /// </summary>
    internal sealed unsafe class MapView
    {
        /// <summary>A view of <paramref name="handle"/>'s mapping, open; <paramref name="plain"/> when the map's safe calls
        /// take the inlined path (retired in place, with nothing else to check per call).</summary>
        internal MapView(MapHandle handle, MapAccess access, bool execute, bool plain) : this(handle, handle.View.Length, access, execute, plain) { }

        /// <summary>A view of the first <paramref name="size"/> bytes of <paramref name="handle"/>'s mapping (a map shrunk in
        /// place may keep pages mapped past its size).</summary>
        internal MapView(MapHandle handle, long size, MapAccess access, bool execute, bool plain)
        {
            Handle = handle;
            Start = (byte*)handle.View.Address;
            Size = size;
            Access = access;
            Execute = execute;
            Limit = Size;
            PlainLimit = plain ? Size : 0;
            PlainValueLimit = PlainLimit >= ValueBytes ? PlainLimit - ValueBytes + 1 : 0;
            Writable = access != MapAccess.Read;
            Fault = handle.Fault.Cell;
        }

        /// <summary>A view that lets no access through, keeping what <paramref name="open"/> reports: the closed view
        /// (<paramref name="closed"/>) or a changing one.</summary>
        private MapView(MapView open, bool closed)
        {
            Handle = open.Handle;
            Start = open.Start;
            Size = open.Size;
            Access = open.Access;
            Execute = open.Execute;
            IsClosed = closed;
            IsChanging = !closed;
            // Every access through a closed view fails its check after the access; through a changing one only an access
            // of no bytes gets that far (the range check sends the others to wait), and it stands.
            Fault = closed ? FaultTable.AlwaysClosed : FaultTable.NeverSet;
        }

        /// <summary>The handle that owns the mapping and its descriptor; pinned by leases and system calls.</summary>
        internal MapHandle Handle { get; }

        /// <summary>The first byte.</summary>
        internal readonly byte* Start;

        /// <summary>The bytes mapped (kept by a closed view, which the map still reports).</summary>
        internal readonly long Size;

        internal readonly MapAccess Access;

        /// <summary>Whether the bytes may be executed.</summary>
        internal readonly bool Execute;

        /// <summary>How far an access may reach: <see cref="Size"/>, or 0 in a closed view.</summary>
        internal readonly long Limit;

        /// <summary>How far an access may reach on the inlined path: <see cref="Limit"/> where the map's calls take it, else 0,
        /// so that one range check sends every other call (a closed map, a guarded or size-checked one, a bad range) to the
        /// out-of-line path.</summary>
        internal readonly long PlainLimit;

        /// <summary>The widest value the one-compare check covers (<see cref="PlainValueLimit"/>).</summary>
        internal const long ValueBytes = 16;

        /// <summary>For an access of at most <see cref="ValueBytes"/>: it takes the inlined path when its offset, as unsigned,
        /// is below this (one compare instead of two; the last few bytes of a map go the out-of-line way). 0 where
        /// <see cref="PlainLimit"/> is 0.</summary>
        internal readonly long PlainValueLimit;

        /// <summary>Whether a write may go through this view: false for a Read map and for a closed view (a refused access
        /// then learns why from <see cref="Access"/> and <see cref="IsClosed"/>).</summary>
        internal readonly bool Writable;

        /// <summary>The view's cell (<see cref="FaultCell"/>): the fault handler sets it when an access of this view faults,
        /// Dispose when it closes the map. A safe call's access stands only if the cell is still 0 after it.</summary>
        internal readonly FaultCell* Fault;

        /// <summary>True for the view Dispose publishes.</summary>
        internal bool IsClosed { get; }

        /// <summary>True for the view a change publishes while it runs (<see cref="Changing"/>).</summary>
        internal bool IsChanging { get; }

        /// <summary>True once the map is gone: closed by Dispose, or its handle released by the finalizer.</summary>
        internal bool IsFreed => IsClosed || Handle.IsClosed;

        /// <summary>Whether an access through this view met a fault.</summary>
        internal bool Faulted => (System.Threading.Volatile.Read(ref Fault->Faulted) & FaultCell.FaultBit) != 0;

        /// <summary>The view Dispose publishes in place of this one.</summary>
        internal MapView Closed() => new MapView(this, closed: true);

        /// <summary>The view a change publishes in place of this one while it runs; callers that meet it wait on it (the
        /// change holds its lock) and then read the view again.</summary>
        internal MapView Changing() => new MapView(this, closed: false);
    }
}
