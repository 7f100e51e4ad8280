using System.Collections.Generic;
using System.Linq;

namespace Mmap.Commands.Policy
{
    /// <summary>
    /// Strong references to the maps the cmdlets opened in one runspace (see <see cref="ModuleSessions"/>). The
    /// engine's registry is weak, and a PowerShell variable going out of scope must not unmap memory a later
    /// pipeline still uses; removing the module from the runspace (IModuleAssemblyCleanup) frees them all.
    /// </summary>
    internal sealed class ModuleSession
    {
        private readonly object _lock = new object();
        private readonly Dictionary<long, MemoryMap> _maps = new Dictionary<long, MemoryMap>();

        internal ModuleSession(string owner) => Owner = owner;

        /// <summary>Who the session belongs to, for messages: "runspace 'Runspace3' (Id 3)".</summary>
        internal string Owner { get; }

        /// <summary>Keeps <paramref name="map"/> alive; drops entries freed meanwhile (e.g. by Dispose from C#).</summary>
        internal void Keep(MemoryMap map)
        {
            lock (_lock)
            {
                foreach (long id in _maps.Where(e => e.Value.IsDisposed).Select(e => e.Key).ToList())
                    _maps.Remove(id);
                _maps[map.Id] = map;
            }
        }

        /// <summary>Frees <paramref name="map"/> (harmless when already freed) and forgets it. A map another session
        /// holds (passed into a thread job, say) is freed all the same: the user asked; that session drops it lazily.</summary>
        internal void Free(MemoryMap map)
        {
            lock (_lock) _maps.Remove(map.Id);
            map.Dispose();
        }

        /// <summary>Whether the session holds a map with this id.</summary>
        internal bool Holds(long id)
        {
            lock (_lock) return _maps.ContainsKey(id);
        }

        /// <summary>The live maps the session holds, oldest first: what Get-MemoryMap lists.</summary>
        internal IReadOnlyList<MemoryMap> LiveMaps
        {
            get
            {
                lock (_lock) return _maps.Values.Where(m => !m.IsDisposed).OrderBy(m => m.Id).ToList();
            }
        }

        /// <summary>Frees every map the session holds; returns how many were still open.</summary>
        internal int FreeAll()
        {
            List<MemoryMap> maps;
            lock (_lock)
            {
                maps = _maps.Values.ToList();
                _maps.Clear();
            }
            int open = maps.Count(m => !m.IsDisposed);
            foreach (var map in maps) map.Dispose();
            return open;
        }
    }
}
