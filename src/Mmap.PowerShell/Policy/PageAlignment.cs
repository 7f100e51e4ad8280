namespace Mmap.Commands.Policy
{
    /// <summary>Get-PageSize -Align: rounds to the allocation granularity, the unit file offsets and fixed
    /// addresses must be multiples of (luapower's aligned_size).</summary>
    internal static class PageAlignment
    {
        internal static long Align(PageInfo pages, long value, bool down) => down ? pages.AlignDown(value) : pages.AlignUp(value);
    }
}
