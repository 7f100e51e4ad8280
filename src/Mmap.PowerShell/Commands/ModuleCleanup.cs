using System.Management.Automation;
using Mmap.Commands.Policy;

namespace Mmap.Commands
{
    /// <summary>Frees every map the cmdlets opened in a runspace when the module is removed from it (Remove-Module
    /// Mmap, Import-Module -Force); other runspaces' maps stay open.</summary>
    public sealed class ModuleCleanup : IModuleAssemblyCleanup
    {
        /// <inheritdoc/>
        public void OnRemove(PSModuleInfo psModuleInfo) => CmdletSupport.CurrentSession.FreeAll();
    }
}
