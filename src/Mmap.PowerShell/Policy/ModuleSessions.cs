using System.Runtime.CompilerServices;

namespace Mmap.Commands.Policy
{
    /// <summary>
    /// One <see cref="ModuleSession"/> per owner: the cmdlets pass their runspace, so a thread job or a
    /// ForEach-Object -Parallel runspace that removes the module frees its own maps, never its parent's. The table
    /// is weak: a runspace collected without removing the module lets its maps go to the engine's finalizer.
    /// </summary>
    internal static class ModuleSessions
    {
        private static readonly ConditionalWeakTable<object, ModuleSession> s_sessions = new ConditionalWeakTable<object, ModuleSession>();

        /// <summary>The session of <paramref name="owner"/>, made on first use.</summary>
        internal static ModuleSession For(object owner) => s_sessions.GetValue(owner, _ => new ModuleSession());
    }
}
