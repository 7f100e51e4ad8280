using System;
using System.Collections.Generic;
using System.Management.Automation;
using Mmap.Commands.Policy;

namespace Mmap.Commands
{
    /// <summary>Get-MemoryMapTag: the shared-memory tags that exist on the machine, mapped or not (a crashed job's stale tags
    /// included), with size, owner, mode and time of last write. Linux only: macOS and Windows have no call to list them.</summary>
    [Cmdlet(VerbsCommon.Get, "MemoryMapTag")]
    [OutputType(typeof(TagInfo))]
    public sealed class GetMemoryMapTagCommand : PSCmdlet
    {
        /// <summary>Only the tags that match one of these (wildcards allowed); a plain name that names no tag is an error.</summary>
        [Parameter(Position = 0)]
        [ValidateNotNullOrEmpty]
        [SupportsWildcards]
        [ArgumentCompleter(typeof(TagCompleter))]
        public string[] Tag { get; set; } = Array.Empty<string>();

        /// <inheritdoc/>
        protected override void EndProcessing()
        {
            this.RunItem(null, () =>
            {
                var errors = new List<ErrorRecord>();
                WriteObject(TagListing.Select(SharedMemory.GetTags(), Tag, CmdletSupport.TagMatcher, errors), enumerateCollection: true);
                foreach (var error in errors) WriteError(error);
            });
        }
    }
}
