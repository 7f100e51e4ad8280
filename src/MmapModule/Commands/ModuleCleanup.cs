using System.Management.Automation;
using Mmap.Commands.Core;

namespace Mmap.Commands
{
    /// <summary>Frees every map the cmdlets opened when the module is removed (Remove-Module Mmap).</summary>
    public sealed class ModuleCleanup : IModuleAssemblyCleanup
    {
        /// <inheritdoc/>
        public void OnRemove(PSModuleInfo psModuleInfo) => ModuleSession.FreeAll();
    }
}
