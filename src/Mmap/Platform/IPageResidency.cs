using System;

namespace Mmap.Platform
{
    /// <summary>
    /// What the OS keeps in memory of a mapped range: locking pages in (mlock / VirtualLock) and asking which pages are
    /// resident (mincore / QueryWorkingSetEx). Apart from <see cref="IPlatformMapper"/> because nothing that makes or
    /// frees a map needs it; each mapper implements both.
    /// </summary>
    internal interface IPageResidency
    {
        /// <summary>Locks [<paramref name="address"/>, +length) in memory, faulting it in first; the address is page-aligned.
        /// A lock the process's limit refuses is out_of_mem naming the limit and how to raise it.</summary>
        void Lock(IntPtr address, long length, IDescribed subject);

        /// <summary>Unlocks the range; pages that were not locked are no error.</summary>
        void Unlock(IntPtr address, long length, IDescribed subject);

        /// <summary>Calls <paramref name="resident"/> with each page of [<paramref name="address"/>, +length) (page-aligned)
        /// that is in memory now, by its index from <paramref name="address"/>.</summary>
        void ForEachResidentPage(IntPtr address, long length, long pageSize, Action<long> resident, IDescribed subject);
    }

    /// <summary>The running OS's <see cref="IPageResidency"/>: its mapper.</summary>
    internal static class PageResidency
    {
        internal static IPageResidency Current => (IPageResidency)OsLayer.Current;
    }
}
