using System.Management.Automation;
using Mmap.Commands.Policy;

namespace Mmap.Commands
{
    /// <summary>Get-PageSize: the page facts of this machine, or a number aligned to the allocation granularity.</summary>
    [Cmdlet(VerbsCommon.Get, "PageSize", DefaultParameterSetName = PageSizeSets.Info)]
    [OutputType(typeof(PageInfo), ParameterSetName = new[] { PageSizeSets.Info })]
    [OutputType(typeof(long), ParameterSetName = new[] { PageSizeSets.Align })]
    public sealed class GetPageSizeCommand : PSCmdlet
    {
        /// <summary>The number to align (a size or an offset).</summary>
        [Parameter(ParameterSetName = PageSizeSets.Align, Mandatory = true, Position = 0, ValueFromPipeline = true)]
        [ValidateRange(0L, long.MaxValue)]
        public long Align { get; set; }

        /// <summary>Round down instead of up.</summary>
        [Parameter(ParameterSetName = PageSizeSets.Align)]
        public SwitchParameter Down { get; set; }

        /// <inheritdoc/>
        protected override void ProcessRecord()
        {
            if (ParameterSetName == PageSizeSets.Info)
                WriteObject(PageInfo.Current);
            else
                this.RunItem(Align, () => WriteObject(PageAlignment.Align(PageInfo.Current, Align, Down)));
        }
    }
}
