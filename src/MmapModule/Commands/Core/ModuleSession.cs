using System.Collections.Generic;
using System.Linq;

namespace Mmap.Commands.Core
{
    /// <summary>
    /// Strong references to the maps the cmdlets opened. The engine's registry is weak, and a PowerShell
    /// variable going out of scope must not unmap memory a later pipeline still uses; removing the module
    /// (IModuleAssemblyCleanup) frees them all.
    /// </summary>
    internal static class ModuleSession
    {
        private static readonly object s_lock = new object();
        private static readonly Dictionary<long, MemoryMap> s_maps = new Dictionary<long, MemoryMap>();

        /// <summary>Keeps <paramref name="map"/> alive; drops entries freed meanwhile (e.g. by Dispose from C#).</summary>
        internal static void Keep(MemoryMap map)
        {
            lock (s_lock)
            {
                foreach (long id in s_maps.Where(e => e.Value.IsDisposed).Select(e => e.Key).ToList())
                    s_maps.Remove(id);
                s_maps[map.Id] = map;
            }
        }

        /// <summary>Frees <paramref name="map"/> (harmless when already freed) and forgets it.</summary>
        internal static void Free(MemoryMap map)
        {
            lock (s_lock) s_maps.Remove(map.Id);
            map.Dispose();
        }

        /// <summary>Whether the session holds a map with this id.</summary>
        internal static bool Holds(long id)
        {
            lock (s_lock) return s_maps.ContainsKey(id);
        }

        /// <summary>Frees every map the session holds; returns how many were still open.</summary>
        internal static int FreeAll()
        {
            List<MemoryMap> maps;
            lock (s_lock)
            {
                maps = s_maps.Values.ToList();
                s_maps.Clear();
            }
            int open = maps.Count(m => !m.IsDisposed);
            foreach (var map in maps) map.Dispose();
            return open;
        }
    }
}
