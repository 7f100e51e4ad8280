using System.Management.Automation;

namespace Mmap.Commands
{
    /// <summary>An argument transformation whose rule lives in Policy: the rule sees the value without its
    /// PSObject wrapper, and its invalid_argument fails binding with the rule's message (what to give instead).</summary>
    public abstract class CoreTransformationAttribute : ArgumentTransformationAttribute
    {
        /// <inheritdoc/>
        public sealed override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
        {
            try { return Convert(inputData is PSObject wrapped ? wrapped.BaseObject : inputData); }
            catch (MmapException e) { throw new ArgumentTransformationMetadataException(e.Message, e); }
        }

        /// <summary>The rule: the bound value, or an <see cref="MmapException"/> saying what is wrong.</summary>
        protected abstract object Convert(object? value);
    }
}
