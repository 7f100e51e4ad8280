using System.Management.Automation;

namespace Mmap.Commands
{
    /// <summary>Get-PageSize: the page facts of this machine, its large page sizes with their pools, or a number aligned to
    /// the allocation granularity.</summary>
    [Cmdlet(VerbsCommon.Get, "PageSize", DefaultParameterSetName = InfoSet)]
    [OutputType(typeof(PageInfo), ParameterSetName = new[] { InfoSet })]
    [OutputType(typeof(LargePagePool), ParameterSetName = new[] { LargePagesSet })]
    [OutputType(typeof(long), ParameterSetName = new[] { AlignSet })]
    public sealed class GetPageSizeCommand : PSCmdlet
    {
        /// <summary>The set without -Align (the default): the page facts.</summary>
        private const string InfoSet = "Info";

        /// <summary>The set of -Align: one aligned number.</summary>
        private const string AlignSet = "Align";

        /// <summary>The set of -LargePages: one object per large page size.</summary>
        private const string LargePagesSet = "LargePages";

        /// <summary>List the large page sizes the system offers, with how many pages are reserved and free.</summary>
        [Parameter(ParameterSetName = LargePagesSet, Mandatory = true)]
        public SwitchParameter LargePages { get; set; }

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
            else if (ParameterSetName == LargePagesSet)
                WriteObject(PageInfo.Current.LargePages, enumerateCollection: true);
            else
                this.RunItem(Align, () => WriteObject(Down ? PageInfo.Current.AlignDown(Align) : PageInfo.Current.AlignUp(Align)));
        }
    }
}
