namespace Mmap
{
    /// <summary>Rules for mirrored maps, run before any OS call.</summary>
    internal static class MirrorRules
    {
        /// <summary>Checks a mirror request and returns its block size: <paramref name="size"/> aligned up to the
        /// allocation granularity, since every copy must start on a boundary the OS can map at.</summary>
        internal static long CheckMirror(long size, int times, MapAccess access, PageInfo pages, string target)
        {
            if (size <= 0)
                throw new MmapException(MmapError.InvalidArgument, $"Mirror size {size} is not valid: give the block size in bytes (at least 1).", 0, target);
            if (times < 2)
                throw new MmapException(MmapError.InvalidArgument, $"Times {times} is not valid: a mirror repeats its block at least 2 times.", 0, target);
            if (access == MapAccess.CopyOnWrite)
                throw new MmapException(MmapError.InvalidArgument,
                    "A mirror cannot be CopyOnWrite: each copy would get private pages and stop mirroring. Use ReadWrite (or Read).", 0, target);
            if (size > long.MaxValue - (pages.AllocationGranularity - 1))
                throw TooLarge($"A block of {size} bytes cannot be aligned up to {pages.AllocationGranularity} bytes without overflowing a 64-bit size. Use a smaller size.", target);
            long block = pages.AlignUp(size);
            if (block > long.MaxValue / times)
                throw TooLarge($"{times} copies of {block} bytes overflow a 64-bit size. Use a smaller size or fewer copies.", target);
            return block;
        }

        /// <summary>Sizes too large for any address space are out_of_mem, like every other size the OS cannot give.</summary>
        internal static MmapException TooLarge(string message, string? target) =>
            new MmapException(MmapError.OutOfMemory, message, 0, target);
    }
}
