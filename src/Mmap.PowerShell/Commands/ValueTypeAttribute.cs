using System;
using System.Collections.Generic;
using System.Management.Automation;
using Mmap.Commands.Policy;

namespace Mmap.Commands
{
    /// <summary>Validates a -Type: one of the numeric types the cmdlet takes ([uint32], 'uint32' and 'UInt32' all bind
    /// to System.UInt32 before this runs), else a binding error that lists them.</summary>
    [AttributeUsage(AttributeTargets.Property)]
    public sealed class ValueTypeAttribute : ValidateArgumentsAttribute
    {
        /// <summary>Only the types the CPU updates atomically (Int32, UInt32, Int64, UInt64).</summary>
        public bool AtomicOnly { get; set; }

        /// <inheritdoc/>
        protected override void Validate(object arguments, EngineIntrinsics engineIntrinsics)
        {
            IReadOnlyList<Type> allowed = AtomicOnly ? ValueTypes.Atomic : ValueTypes.Numbers;
            var type = (arguments is PSObject p ? p.BaseObject : arguments) as Type;
            foreach (Type t in allowed)
                if (t == type) return;
            throw new ValidationMetadataException(
                $"{type?.FullName ?? "$null"} is not a type this cmdlet takes: use {ValueTypes.Names(allowed)} " +
                "(a name such as 'uint32' or a type such as [uint32]).");
        }
    }
}
