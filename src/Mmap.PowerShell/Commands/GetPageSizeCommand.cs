using System.Management.Automation;

namespace Mmap.Commands
{
    /// <summary>Get-PageSize: the page facts of this machine, or a number aligned to the allocation granularity.</summary>
    [Cmdlet(VerbsCommon.Get, "PageSize", DefaultParameterSetName = InfoSet)]
    [OutputType(typeof(PageInfo), ParameterSetName = new[] { InfoSet })]
    [OutputType(typeof(long), ParameterSetName = new[] { AlignSet })]
    public sealed class GetPageSizeCommand : PSCmdlet
    {
        /// <summary>The set without -Align (the default): the page facts.</summary>
        private const string InfoSet = "Info";

        /// <summary>The set of -Align: one aligned number.</summary>
        private const string AlignSet = "Align";

        /// <summary>The number to align (a size or an offset).</summary>
        [Parameter(ParameterSetName = AlignSet, Mandatory = true, Position = 0, ValueFromPipeline = true)]
        [ValidateRange(0L, long.MaxValue)]
        public long Align { get; set; }

        /// <summary>Round down instead of up.</summary>
        [Parameter(ParameterSetName = AlignSet)]
        public SwitchParameter Down { get; set; }

        /// <inheritdoc/>
        protected override void ProcessRecord()
        {
            if (ParameterSetName == InfoSet)
                WriteObject(PageInfo.Current);
            else
                this.RunItem(Align, () => WriteObject(Down ? PageInfo.Current.AlignDown(Align) : PageInfo.Current.AlignUp(Align)));
        }
    }
}
