using System;
using System.Management.Automation;
using Mmap.Commands.Policy;

namespace Mmap.Commands
{
    /// <summary>Remove-MemoryMapTag: removes the names of shared-memory tags (unlink), as Remove-MemoryMap -Unlink does for
    /// a map of this session, but for any tag, mapped here or not: a stale tag a crashed job left, say. Maps of it stay valid
    /// until freed, and the memory goes with the last of them. Medium impact, as Remove-Item.</summary>
    [Cmdlet(VerbsCommon.Remove, "MemoryMapTag", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(void))]
    public sealed class RemoveMemoryMapTagCommand : PSCmdlet
    {
        /// <summary>The tags to remove, as typed (no wildcards: pipe Get-MemoryMapTag 'job-*' in to remove by pattern).</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(TagCompleter))]
        public string[] Tag { get; set; } = Array.Empty<string>();

        /// <inheritdoc/>
        protected override void ProcessRecord()
        {
            foreach (string tag in Tag)
            {
                this.RunItem(tag, () =>
                {
                    SharedMemory.CheckTag(tag);
                    if (!ShouldProcess(MapWording.Tag(tag), MapChanges.UnlinkAction)) return;
                    SharedMemory.Unlink(tag);
                    WriteVerbose(MapChanges.Unlinked(tag));
                });
            }
        }
    }
}
