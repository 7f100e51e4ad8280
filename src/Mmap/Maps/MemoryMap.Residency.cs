using System;
using Mmap.Platform;

namespace Mmap
{
    public unsafe partial class MemoryMap
    {
        /// <summary>Locks the whole map in memory (mlock / VirtualLock): its pages are read in now and stay in RAM, never
        /// paged out, until <see cref="Unlock()"/> or Dispose. For data that must not wait for a disk (latency) or must not
        /// reach swap (secrets).</summary>
        /// <exception cref="MmapException">out_of_mem when the process's limit on locked memory refuses it (RLIMIT_MEMLOCK on
        /// Linux and macOS, the minimum working set on Windows): the message names the limit and how to raise it, and no
        /// page of the range stays locked.</exception>
        /// <exception cref="ObjectDisposedException">The map was freed.</exception>
        public void Lock() => Lock(0, Size);

        /// <summary>Locks the pages of [<paramref name="offset"/>, offset+length) in memory; an unaligned start is aligned
        /// left to its page. Locks do not nest: one <see cref="Unlock(long, long)"/> unlocks a page however often it was locked.</summary>
        /// <exception cref="MmapException">invalid_argument for a range outside the map; out_of_mem as for <see cref="Lock()"/>.</exception>
        public void Lock(long offset, long length) =>
            OnPages(offset, length, "lock", (at, count, _) => PageResidency.Current.Lock(at, count, this));

        /// <summary>Unlocks the whole map; pages that were not locked are no error.</summary>
        public void Unlock() => Unlock(0, Size);

        /// <summary>Unlocks the pages of [<paramref name="offset"/>, offset+length); an unaligned start is aligned left to its page.</summary>
        /// <exception cref="MmapException">invalid_argument for a range outside the map.</exception>
        public void Unlock(long offset, long length) =>
            OnPages(offset, length, "unlock", (at, count, _) => PageResidency.Current.Unlock(at, count, this));

        /// <summary>How many bytes of the map are in memory now (mincore / QueryWorkingSetEx): pages never touched, evicted
        /// or paged out are not. A snapshot: the OS may read pages in or drop them right after. Java's isLoaded, as a count.</summary>
        /// <exception cref="ObjectDisposedException">The map was freed.</exception>
        public long ResidentBytes() => ResidentBytes(0, Size);

        /// <summary>How many bytes of [<paramref name="offset"/>, offset+length) are in memory now: each resident page
        /// counts with the part of it inside the range.</summary>
        /// <exception cref="MmapException">invalid_argument for a range outside the map.</exception>
        public long ResidentBytes(long offset, long length)
        {
            long resident = 0;
            long pageSize = PageInfo.Current.PageSize;
            OnPages(offset, length, "measure", (at, count, first) =>
            {
                PageResidency.Current.ForEachResidentPage(at, count, pageSize, page =>
                {
                    long start = first + page * pageSize;
                    resident += Math.Min(start + pageSize, offset + length) - Math.Max(start, offset);
                }, this);
            });
            return resident;
        }

        /// <summary>Runs <paramref name="call"/> on the pages of a checked range (its page-aligned address, length and map
        /// offset) while the map is kept mapped: a Dispose or a resize meanwhile unmaps only after it.</summary>
        private void OnPages(long offset, long length, string action, Action<IntPtr, long, long> call)
        {
            MapView view = Pin();
            try
            {
                var (start, count) = MapRules.PageRange(view.Size, offset, length, RulePageSize, action);
                if (length > 0) call(new IntPtr(view.Start + start), count, start); // an empty range has no page, even off a page start
            }
            finally { MapGate.Unpin(view); }
        }
    }
}
