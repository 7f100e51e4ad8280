using System;
using System.Management.Automation;
using Mmap.Commands.Policy;

namespace Mmap.Commands
{
    /// <summary>Update-MemoryMapValue: atomic add and compare-exchange on an aligned 32- or 64-bit integer of a map, atomic
    /// across every thread and process that maps the same file or tag. Update is the approved verb for changing a value in
    /// place from its current state (Set would promise an unconditional store); one cmdlet for both operations, so
    /// Get-Command *MemoryMapValue finds them together. Low impact, as Write-MemoryMap.</summary>
    [Cmdlet(VerbsData.Update, "MemoryMapValue", DefaultParameterSetName = AddSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
    [OutputType(typeof(long), typeof(int), typeof(ulong), typeof(uint), ParameterSetName = new[] { AddSet })]
    [OutputType(typeof(ValueExchange), ParameterSetName = new[] { ExchangeSet })]
    public sealed class UpdateMemoryMapValueCommand : MapInputCmdlet
    {
        /// <summary>The set of -Add: add and return the sum.</summary>
        private const string AddSet = "Add";

        /// <summary>The set of -Expect and -Value: compare-exchange.</summary>
        private const string ExchangeSet = "CompareExchange";

        /// <summary>Where the value lies: a multiple of its size (4 or 8) from the start of the map.</summary>
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateRange(0L, long.MaxValue)]
        public long Offset { get; set; }

        /// <summary>What to add (negative to subtract, also for unsigned types).</summary>
        [Parameter(ParameterSetName = AddSet, Mandatory = true)]
        public object? Add { get; set; }

        /// <summary>The value that must be there for -Value to be stored.</summary>
        [Parameter(ParameterSetName = ExchangeSet, Mandatory = true)]
        public object? Expect { get; set; }

        /// <summary>The value to store if -Expect is there.</summary>
        [Parameter(ParameterSetName = ExchangeSet, Mandatory = true)]
        public object? Value { get; set; }

        /// <summary>The integer's type: Int64 (the default), UInt64, Int32 or UInt32.</summary>
        [Parameter]
        [ValueType(AtomicOnly = true)]
        [ArgumentCompleter(typeof(AtomicTypeCompleter))]
        public Type Type { get; set; } = typeof(long);

        private protected override void Process(MemoryMap map)
        {
            bool exchange = ParameterSetName == ExchangeSet;
            string action = exchange ? MapChanges.ExchangeAction(Type, Offset, Value, Expect) : MapChanges.AddAction(Type, Offset, Add);
            if (!ShouldProcess(MapChanges.Target(map), action)) return;
            if (!exchange)
            {
                WriteObject(AtomicCalls.Add(map, Offset, Type, Add));
                return;
            }
            object seen = AtomicCalls.CompareExchange(map, Offset, Type, Value, Expect);
            bool swapped = seen.Equals(ValueTypes.Convert(Expect, Type, "-Expect"));
            WriteObject(new ValueExchange(map, Offset, swapped, seen, swapped ? ValueTypes.Convert(Value, Type, "-Value") : seen));
        }
    }
}
