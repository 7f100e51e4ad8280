using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace Mmap.Platform
{
    /// <summary>
    /// Linux: the hugetlb pools, one directory per page size under /sys/kernel/mm/hugepages (hugepages-2048kB, ...), each
    /// with nr_hugepages (pages set aside), free_hugepages (not yet faulted in) and resv_hugepages (promised to maps that
    /// have not touched them yet: free, but not for a new map). Read on each ask: root can resize a pool at any time.
    /// </summary>
    internal static class LinuxHugePages
    {
        internal const string Root = "/sys/kernel/mm/hugepages";

        /// <summary>The pools under <paramref name="root"/>, smallest page first; none when the kernel has no hugetlb
        /// support (no directory). An entry whose name or counts cannot be read is left out, not guessed.</summary>
        internal static LargePagePool[] Read(string root = Root)
        {
            var pools = new List<LargePagePool>();
            string[] directories;
            try { directories = Directory.GetDirectories(root, "hugepages-*kB"); }
            catch (IOException) { return new LargePagePool[0]; }
            catch (UnauthorizedAccessException) { return new LargePagePool[0]; }
            foreach (string directory in directories)
            {
                string name = Path.GetFileName(directory);
                if (!long.TryParse(name.Substring("hugepages-".Length, name.Length - "hugepages-".Length - "kB".Length), out long kib) || kib <= 0)
                    continue;
                long? reserved = Count(directory, "nr_hugepages"), free = Count(directory, "free_hugepages");
                long promised = Count(directory, "resv_hugepages") ?? 0;
                if (reserved is null || free is null) continue;
                pools.Add(new LargePagePool(kib * 1024, reserved, Math.Max(0, free.Value - promised)));
            }
            return pools.OrderBy(p => p.Size).ToArray();
        }

        /// <summary>The refusal when the pool of <paramref name="pageSize"/> pages cannot cover a map: names the pool's counts
        /// and how root reserves more.</summary>
        internal static MmapException NoneFree(long size, long pageSize, string description, int errno)
        {
            long kib = pageSize / 1024, needed = size / pageSize;
            var pool = Read().FirstOrDefault(p => p.Size == pageSize);
            string counts = pool is null ? "the pool cannot be read" : $"{pool.Free} of the {pool.Reserved} reserved are free";
            return new MmapException(MmapError.OutOfMemory,
                $"Cannot map {description}: it needs {needed} free {ByteSize.ToText(pageSize)} page(s) and {counts}. Reserve more as root " +
                $"(echo {needed + (pool?.Reserved ?? 0)} > {Root}/hugepages-{kib}kB/nr_hugepages, or vm.nr_hugepages / hugepages= on the kernel " +
                "command line for the default size), free some, or leave PageSize out for normal pages.", errno, description);
        }

        private static long? Count(string directory, string file)
        {
            try { return long.TryParse(File.ReadAllText(Path.Combine(directory, file)).Trim(), out long n) && n >= 0 ? n : (long?)null; }
            catch (IOException) { return null; }
            catch (UnauthorizedAccessException) { return null; }
        }
    }
}
