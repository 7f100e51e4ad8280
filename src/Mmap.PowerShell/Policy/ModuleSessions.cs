using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;

namespace Mmap.Commands.Policy
{
    /// <summary>
    /// One <see cref="ModuleSession"/> per owner: the cmdlets pass their runspace, so a thread job or a
    /// ForEach-Object -Parallel runspace frees its own maps (when it removes the module, or closes), never its
    /// parent's. The table is weak: a runspace collected without either lets its maps go to the engine's finalizer.
    /// </summary>
    internal static class ModuleSessions
    {
        private static readonly ConditionalWeakTable<object, ModuleSession> s_sessions = new ConditionalWeakTable<object, ModuleSession>();
        private static readonly List<WeakReference<ModuleSession>> s_all = new List<WeakReference<ModuleSession>>();

        /// <summary>The session of <paramref name="owner"/>, made on first use, named <paramref name="ownerName"/>;
        /// <paramref name="made"/> sees a new session once (to free it when its owner ends).</summary>
        internal static ModuleSession For(object owner, string ownerName, Action<ModuleSession> made)
        {
            if (s_sessions.TryGetValue(owner, out var session)) return session;
            lock (s_all)
            {
                if (s_sessions.TryGetValue(owner, out session)) return session;
                session = new ModuleSession(ownerName);
                s_sessions.Add(owner, session);
                s_all.RemoveAll(w => !w.TryGetTarget(out _));
                s_all.Add(new WeakReference<ModuleSession>(session));
            }
            made(session);
            return session;
        }

        /// <summary>The session (of any owner) that holds the map with this id, or null: a map made from .NET code,
        /// or one whose session ended.</summary>
        internal static ModuleSession? Holding(long mapId)
        {
            lock (s_all)
                return s_all.Select(w => w.TryGetTarget(out var s) ? s : null).FirstOrDefault(s => s != null && s.Holds(mapId));
        }
    }
}
