using Mmap.Commands.Policy;

namespace Mmap.Commands
{
    /// <summary>Binds -Address from a map's Address (IntPtr), a UIntPtr, any integer or a decimal or 0x hex string:
    /// PowerShell would not convert an IntPtr to UInt64 by itself.</summary>
    public sealed class AddressTransformationAttribute : CoreTransformationAttribute
    {
        /// <inheritdoc/>
        protected override object Convert(object? value) => AddressArgument.From(value);
    }
}
