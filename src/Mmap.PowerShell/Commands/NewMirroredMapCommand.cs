using System.Management.Automation;
using Mmap.Commands.Policy;

namespace Mmap.Commands
{
    /// <summary>New-MirroredMap: a block of a file, a tag or anonymous memory (the default) mapped -Times times in a
    /// row, so data running off the end of one copy continues at the start of the block (ring buffers). Creating or
    /// extending a file or tag is confirmable (Medium impact, as New-Item): -WhatIf creates nothing.</summary>
    [Cmdlet(VerbsCommon.New, "MirroredMap", DefaultParameterSetName = AnonymousSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(MirroredMap))]
    public sealed class NewMirroredMapCommand : NewMapCmdlet
    {
        /// <summary>Mirror fresh zeroed memory private to this process: also what happens without -Path, -LiteralPath or -Tag.</summary>
        [Parameter(ParameterSetName = AnonymousSet)]
        public SwitchParameter Anonymous { get; set; }

        /// <summary>Bytes in the block; aligned up to the allocation granularity.</summary>
        [Parameter(Mandatory = true)]
        [ValidateRange(1L, long.MaxValue)]
        public long Size { get; set; }

        /// <summary>How many copies of the block follow each other (at least 2).</summary>
        [Parameter]
        [ValidateRange(2, int.MaxValue)]
        public int Times { get; set; } = MirrorPlanner.DefaultTimes;

        private protected override NewMapParameters Bind()
        {
            NewMapParameters request = base.Bind();
            request.Size = Size;
            return request;
        }

        private protected override SourceChange? ChangeOf(NewMapParameters request, string? path) => MirrorPlanner.ChangeOf(request, path);

        private protected override MemoryMap Open(NewMapParameters request, string? path) =>
            MirrorPlanner.Open(request, path, Times, CmdletSupport.CurrentSession);
    }
}
