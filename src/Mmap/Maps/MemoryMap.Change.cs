using System;

namespace Mmap
{
    public unsafe partial class MemoryMap
    {
        // What a change remakes the map's view with, decided at creation.
        /// <summary>Whether the map's views take the inlined path (<see cref="MapView.PlainLimit"/>).</summary>
        private readonly bool _plain;
        /// <summary>The access the mapping was made with: shared or private pages, and what the descriptor may do.</summary>
        private readonly MapAccess _mappedAccess;
        /// <summary>Whether the map's ranges are under fault recovery.</summary>
        private readonly bool _covered;
        private readonly MapPlacement _placement;
        private readonly bool _placedAtAddress;
        private readonly bool _noReserve;
        /// <summary>Whether the map was made with room to grow in place (<see cref="MapOptions.MaxSize"/>).</summary>
        private readonly bool _hasGrowRoom;

        /// <summary>
        /// Runs one change of the live map (docs/design.md, "Changing a live map"): the gate publishes a changing view, which
        /// calls, pins and Dispose wait on; <paramref name="make"/> gets the open view and whether the change has the map to
        /// itself (no safe call can be inside the open view), and returns the view to publish (the open one when nothing
        /// changes). A failure publishes the open view again. Returns the view the change replaced.
        /// <para>A new view with a new handle takes over the descriptor and the registry entry. The old handle goes at once
        /// (once its pins are gone) when the change had the map to itself. Otherwise a call may still be reading through the
        /// old view: its memory stays as it is, a mapping of the same pages, until the collector finds no call holding it.</para>
        /// </summary>
        private MapView Change(Func<MapView, bool, MapView> make)
        {
            MapView? open = _gate.BeginChange(out MapView changing, out bool exclusive);
            if (open is null) throw Disposed();
            MapView result = open;
            try
            {
                // A map a fault met keeps refusing writes and reporting it; a change would hide that behind a new view.
                if (open.Faulted) throw FaultError(open);
                result = make(open, exclusive);
            }
            finally { _gate.EndChange(changing, result); }
            if (!ReferenceEquals(result.Handle, open.Handle))
            {
                result.Handle.RegistryId = Id;
                result.Handle.KeepsFileOpen = false;
                open.Handle.RegistryId = 0;
                open.Handle.KeepsFileOpen = true;
                if (exclusive) open.Handle.Dispose();
            }
            return open;
        }

        /// <summary>A new view of <paramref name="view"/>, the mapping a change made, with the map's access and execution
        /// rights of <paramref name="like"/>; the handle leaves the descriptor open until <see cref="Change"/> hands it on.</summary>
        private MapView ViewOf(Platform.NativeView view, MapView like)
        {
            var handle = new MapHandle(view, like.Handle.File) { KeepsFileOpen = true };
            if (_covered) handle.Cover();
            return new MapView(handle, like.Access, like.Execute, _plain);
        }

        /// <summary>Why a change that needs the map to itself cannot have it.</summary>
        private MmapException UsedElsewhere(string action) =>
            new MmapException(MmapError.NotSupported,
                $"Cannot {action} the {Description} now: other threads have used it, and its safe calls keep no record of " +
                "themselves, so nothing tells when they have left memory that only this map holds. Make the change before other " +
                "threads use the map, or create it with MapOptions.TrackCalls (calls then wait for a change).", 0, Path);
    }
}
