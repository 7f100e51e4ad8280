using System;
using System.Management.Automation;
using Mmap.Commands.Policy;

namespace Mmap.Commands
{
    /// <summary>The -Type and -ByteOrder that Read-MemoryMap and Write-MemoryMap share: numbers of one type in one byte
    /// order, in a parameter set of their own ("Typed"); the other sets move bytes.</summary>
    public abstract class TypedDataCmdlet : MatchInputCmdlet
    {
        /// <summary>The set of -Type: numbers.</summary>
        private protected const string TypedSet = "Typed";

        /// <summary>The numbers' type: SByte, Byte, Int16, UInt16, Int32, UInt32, Int64, UInt64, Single or Double.</summary>
        [Parameter(ParameterSetName = TypedSet, Mandatory = true)]
        [ValueType]
        [ArgumentCompleter(typeof(ValueTypeCompleter))]
        public Type Type { get; set; } = typeof(byte);

        /// <summary>The numbers' byte order: LittleEndian (the default) or BigEndian.</summary>
        [Parameter(ParameterSetName = TypedSet)]
        public ByteOrder ByteOrder { get; set; } = ByteOrder.LittleEndian;

        /// <summary>Whether the call moves numbers (the Typed set) rather than bytes.</summary>
        private protected bool Typed => ParameterSetName == TypedSet;

        /// <summary>The values the call moves: -Type's, or bytes.</summary>
        private protected ValueKind Kind => Typed ? ValueKind.For(Type) : ValueKind.Bytes;
    }
}
