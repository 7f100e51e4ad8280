namespace Mmap.Commands.Policy
{
    /// <summary>Test-LowAddressAlloc's decisions: the probe, and what -Quiet answers.</summary>
    internal static class LowAddressQuestion
    {
        /// <summary>Runs the probe below <paramref name="limit"/>, asking about <paramref name="size"/> when given.</summary>
        internal static LowAddressReport Probe(long limit, long? size) => LowAddressProbe.Run(limit, size);

        /// <summary>
        /// -Quiet's answer. With -Size: does one map of that size fit below the limit (the largest free block, not
        /// the total: a map needs contiguous space). Without: is there any free space below the limit at all.
        /// </summary>
        internal static bool Answer(LowAddressReport report) => report.Fits ?? report.TotalFreeBytes > 0;
    }
}
