using System.Management.Automation;
using Mmap.Commands.Policy;

namespace Mmap.Commands
{
    /// <summary>Test-LowAddressAlloc: how much address space this process can map below a limit (2 GiB: LuaJIT's
    /// window), and whether a map of -Size fits there.</summary>
    [Cmdlet(VerbsDiagnostic.Test, "LowAddressAlloc", DefaultParameterSetName = ReportSet)]
    [OutputType(typeof(LowAddressReport), ParameterSetName = new[] { ReportSet })]
    [OutputType(typeof(bool), ParameterSetName = new[] { QuietSet })]
    public sealed class TestLowAddressAllocCommand : PSCmdlet
    {
        /// <summary>The set without -Quiet (the default): the report.</summary>
        private const string ReportSet = "Report";

        /// <summary>The set of -Quiet: yes or no.</summary>
        private const string QuietSet = "Quiet";

        /// <summary>The size one map should have; the report says whether it fits below -Limit.</summary>
        [Parameter(Position = 0)]
        [ValidateRange(1L, long.MaxValue)]
        public long Size { get; set; }

        /// <summary>The address to probe below (2GB by default).</summary>
        [Parameter]
        [ValidateRange(1L, long.MaxValue)]
        public long Limit { get; set; } = LowAddressProbe.DefaultLimit;

        /// <summary>Output only $true or $false: does -Size fit (without -Size: is anything free) below -Limit.</summary>
        [Parameter(ParameterSetName = QuietSet, Mandatory = true)]
        public SwitchParameter Quiet { get; set; }

        /// <inheritdoc/>
        protected override void ProcessRecord()
        {
            long? size = this.IsBound(nameof(Size)) ? Size : (long?)null;
            this.RunItem(Limit, () =>
            {
                LowAddressReport report = LowAddressProbe.Run(Limit, size);
                if (Quiet) WriteObject(LowAddressQuestion.Answer(report));
                else WriteObject(report);
            });
        }
    }
}
