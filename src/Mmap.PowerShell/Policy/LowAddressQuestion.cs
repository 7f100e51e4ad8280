namespace Mmap.Commands.Policy
{
    /// <summary>Test-LowAddressAlloc's decision: what -Quiet answers from the probe's report.</summary>
    internal static class LowAddressQuestion
    {
        /// <summary>
        /// -Quiet's answer. With -Size: does one map of that size fit below the limit (the largest free block, not
        /// the total: a map needs contiguous space). Without: is there any free space below the limit at all.
        /// </summary>
        internal static bool Answer(LowAddressReport report) => report.Fits ?? report.TotalFreeBytes > 0;
    }
}
