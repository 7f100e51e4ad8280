using System.Collections.Generic;

namespace Mmap.Commands.Policy
{
    /// <summary>
    /// Remove-MemoryMap's decisions for one command: what to ask, and the free itself, followed with -Unlink by the
    /// removal of the tag's name. Each tag is unlinked once per command, so piping several maps of one tag in does
    /// not report the second as no_file.
    /// </summary>
    internal sealed class MapRemoval
    {
        private readonly HashSet<string> _unlinked = new HashSet<string>();
        private readonly ModuleSession _session;

        internal MapRemoval(bool unlink, ModuleSession session)
        {
            Unlink = unlink;
            _session = session;
        }

        /// <summary>Whether -Unlink was given.</summary>
        internal bool Unlink { get; }

        /// <summary>Refuses -Unlink for a map without a tag before anything is freed: the item fails whole, as
        /// PowerShell users expect of a per-item error, and the map stays open.</summary>
        internal void Check(MemoryMap map)
        {
            if (Unlink && map.Tag is null)
                throw new MmapException(MmapError.InvalidArgument, CmdletMessages.NoTagToUnlink(map.Description), 0, map.Description);
        }

        /// <summary>The ShouldProcess action for <paramref name="map"/>.</summary>
        internal string Action(MemoryMap map) => Unlink ? MapChanges.FreeAndUnlinkAction(map) : MapChanges.FreeAction(map);

        /// <summary>With -Unlink removes the tag's name, then frees <paramref name="map"/> (no_file when another
        /// process removed the name already; the map is freed all the same). The name goes while this map still holds
        /// the tag: a Windows section's name dies with its last handle, so after the free there would be none to remove.</summary>
        /// <returns>What was done, for -Verbose.</returns>
        internal string Remove(MemoryMap map)
        {
            bool unlink = Unlink && map.Tag != null && _unlinked.Add(map.Tag);
            try
            {
                if (unlink) SharedMemory.Unlink(map.Tag!);
            }
            finally { _session.Free(map); }
            return MapChanges.Freed(map, unlink);
        }
    }
}
