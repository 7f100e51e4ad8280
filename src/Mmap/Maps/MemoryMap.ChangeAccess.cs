using System;
using Mmap.Platform;

namespace Mmap
{
    public unsafe partial class MemoryMap
    {
        /// <summary>
        /// Changes the live map's protection (memmap2's make_read_only, make_mut, make_exec; mprotect / VirtualProtect):
        /// <paramref name="access"/> Read, or back to the access it was mapped with (ReadWrite for anonymous memory made
        /// Read), and execution on or off (<paramref name="execute"/>; null keeps it). The safe calls follow at once: a write
        /// racing a change to Read either completes before it or is refused after it, never faults. Pointers and spans taken
        /// before are not checked: writing through one into a map made Read is the access violation the OS gives.
        /// <para>Anonymous and copy-on-write maps hold pages only this map shows; once other threads have used one, making it
        /// Read needs <see cref="MapOptions.TrackCalls"/> (not_supported otherwise). Adding rights never waits.</para>
        /// </summary>
        /// <exception cref="MmapException">access_denied for a file or tag opened for reading; invalid_argument for ReadWrite
        /// from copy-on-write or the reverse; not_supported for mirrors and where the OS refuses (Windows cannot execute a
        /// view not mapped executable); a map a fault met refuses with its fault.</exception>
        /// <exception cref="ObjectDisposedException">The map was freed.</exception>
        public void ChangeAccess(MapAccess access, bool? execute = null)
        {
            ChangeRules.CheckAccess(Kind, _mappedAccess, access, Description);
            Change((open, exclusive) =>
            {
                bool exec = execute ?? open.Execute;
                if (access == open.Access && exec == open.Execute) return open;
                // A write inside the old view would fault on pages made read-only under it.
                if (open.Writable && access == MapAccess.Read && !exclusive) throw UsedElsewhere("make read-only");
                OsLayer.Current.Protect(open.Handle.View, access, exec, this);
                return new MapView(open.Handle, access, exec, _plain);
            });
        }
    }
}
