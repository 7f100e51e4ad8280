using System.Management.Automation;
using Mmap.Commands.Policy;

namespace Mmap.Commands
{
    /// <summary>Measure-MemoryMap: how much of each map (or a range of it) is in memory now (mincore / QueryWorkingSetEx),
    /// as Measure-Object reports on what it is given. Measure, not a Get-MemoryMap property: asking costs a system call per
    /// 64 MiB, which a listing of every map should not pay, and the answer is a snapshot of one moment.</summary>
    [Cmdlet(VerbsDiagnostic.Measure, "MemoryMap")]
    [OutputType(typeof(MapResidency))]
    public sealed class MeasureMemoryMapCommand : MapRangeCmdlet
    {
        private protected override void Process(MemoryMap map)
        {
            long length = LengthIn(map, "measure");
            long resident = 0;
            // In steps: a map of terabytes (-NoReserve) is millions of pages to ask about.
            InSteps(MapChanges.Measuring(map, length, Offset), length, (done, count) => resident += map.ResidentBytes(Offset + done, count));
            WriteObject(new MapResidency(map, Offset, length, resident));
        }
    }
}
