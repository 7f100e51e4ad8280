using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;

namespace Mmap
{
    /// <summary>
    /// The maps alive in this process. Entries are weak, so a map nobody references is still freed by its
    /// finalizer; hosts that must keep maps alive (a shell session) hold their own strong references.
    /// </summary>
    public static class MemoryMapRegistry
    {
        private static readonly ConcurrentDictionary<long, WeakReference<MemoryMap>> s_maps = new ConcurrentDictionary<long, WeakReference<MemoryMap>>();
        private static long s_lastId;

        /// <summary>The live maps, oldest first.</summary>
        public static IReadOnlyList<MemoryMap> GetLiveMaps()
        {
            var live = new List<MemoryMap>();
            // ToArray is an exact snapshot; OrderBy on the dictionary itself sizes its buffer from Count first, and maps
            // freed meanwhile leave empty entries (no map) at its end.
            foreach (var entry in s_maps.ToArray().OrderBy(e => e.Key))
                if (entry.Value.TryGetTarget(out var map) && !map.IsDisposed)
                    live.Add(map);
            return live;
        }

        /// <summary>The live map with this id, or null.</summary>
        public static MemoryMap? Find(long id) =>
            s_maps.TryGetValue(id, out var weak) && weak.TryGetTarget(out var map) && !map.IsDisposed ? map : null;

        /// <summary>How many maps are registered (including ones already unreachable but not yet finalized).</summary>
        public static int Count => s_maps.Count;

        internal static long NewId() => Interlocked.Increment(ref s_lastId);

        /// <summary>Lists a map its factory has finished building (constructors of derived parts included): other
        /// threads read the registry at any time and must never see one half made.</summary>
        internal static T Register<T>(T map) where T : MemoryMap
        {
            s_maps[map.Id] = new WeakReference<MemoryMap>(map);
            return map;
        }

        internal static void Remove(long id) => s_maps.TryRemove(id, out _);

        /// <summary>Whether an id is still registered, reachable or not (finalizer tests).</summary>
        internal static bool Contains(long id) => s_maps.ContainsKey(id);

        /// <summary>The live maps of this file, tag segment or memfd, oldest first (none for a file the OS gives no identity).</summary>
        internal static IReadOnlyList<MemoryMap> FindAllByFile(Platform.FileIdentity? identity) =>
            identity is null ? Array.Empty<MemoryMap>() : GetLiveMaps().Where(m => m.FileIdentity is Platform.FileIdentity f && f.Equals(identity.Value)).ToList();
    }
}
