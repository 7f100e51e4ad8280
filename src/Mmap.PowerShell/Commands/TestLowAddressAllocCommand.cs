using System.Management.Automation;
using Mmap.Commands.Policy;

namespace Mmap.Commands
{
    /// <summary>Test-LowAddressAlloc: how much address space this process can map below a limit (2 GiB: LuaJIT's
    /// window), and whether a map of -Size fits there.</summary>
    [Cmdlet(VerbsDiagnostic.Test, "LowAddressAlloc", DefaultParameterSetName = LowAddressSets.Report)]
    [OutputType(typeof(LowAddressReport), ParameterSetName = new[] { LowAddressSets.Report })]
    [OutputType(typeof(bool), ParameterSetName = new[] { LowAddressSets.Quiet })]
    public sealed class TestLowAddressAllocCommand : PSCmdlet
    {
        /// <summary>The size one map should have; the report says whether it fits below -Limit.</summary>
        [Parameter(Position = 0)]
        [ValidateRange(1L, long.MaxValue)]
        public long Size { get; set; }

        /// <summary>The address to probe below (2GB by default).</summary>
        [Parameter]
        [ValidateRange(1L, long.MaxValue)]
        public long Limit { get; set; } = LowAddressProbe.DefaultLimit;

        /// <summary>Output only $true or $false: does -Size fit (without -Size: is anything free) below -Limit.</summary>
        [Parameter(ParameterSetName = LowAddressSets.Quiet, Mandatory = true)]
        public SwitchParameter Quiet { get; set; }

        /// <inheritdoc/>
        protected override void ProcessRecord()
        {
            long? size = this.IsBound(nameof(Size)) ? Size : (long?)null;
            this.RunItem(Limit, () =>
            {
                LowAddressReport report = LowAddressQuestion.Probe(Limit, size);
                if (Quiet) WriteObject(LowAddressQuestion.Answer(report));
                else WriteObject(report);
            });
        }
    }
}
