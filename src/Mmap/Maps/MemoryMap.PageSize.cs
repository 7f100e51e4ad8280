using System.Threading;

namespace Mmap
{
    public unsafe partial class MemoryMap
    {
        private long _largePageSize; // asked for at creation (MapOptions.PageSize); 0: the base page
        private long _kernelPageSize; // what the kernel says, read once

        /// <summary>Called by the factory once the map is built on large pages of <paramref name="size"/> (0: none).</summary>
        internal void MadeWithPageSize(long size) => _largePageSize = size;

        /// <summary>The page size rules align to (advice, flush ranges): the large page the map was made on, else the base page.</summary>
        internal long RulePageSize => _largePageSize > 0 ? _largePageSize : PageInfo.Current.PageSize;

        /// <summary>The page size the kernel maps this map with, as it reports it (Linux: KernelPageSize in /proc/self/smaps;
        /// elsewhere the base page size, the engine asking for no other there): the large page size for a map made with
        /// <see cref="MapOptions.PageSize"/>. Read once; 0 when the kernel does not say (a /proc that cannot be read), or
        /// for a map freed before it was read.
        /// Transparent huge pages do not change it: see <see cref="HugePageBytes"/>.</summary>
        public long PageSize
        {
            get
            {
                long known = Volatile.Read(ref _kernelPageSize);
                if (known != 0) return known;
                long read = PageUse().PageSize;
                Volatile.Write(ref _kernelPageSize, read);
                return read;
            }
        }

        /// <summary>Bytes of this map the kernel backs with transparent huge pages now (Linux: AnonHugePages, ShmemPmdMapped and
        /// FilePmdMapped in /proc/self/smaps over the map's range; elsewhere 0). It changes as the kernel collapses or
        /// splits pages; <see cref="MapAdvice.HugePage"/> asks for them. 0 once the map is freed.</summary>
        public long HugePageBytes => PageUse().HugeBytes;

        /// <summary>(0, 0) for a freed map, which has no pages: its views and ConvertTo-Json read these properties too.</summary>
        private (long PageSize, long HugeBytes) PageUse()
        {
            if (!_gate.TryPin(out MapView view)) return (0, 0); // the range must stay this map's while the kernel is asked about it
            try { return Platform.OsLayer.Current.PageUse((System.IntPtr)view.Start, view.Size); }
            finally { MapGate.Unpin(view); }
        }
    }
}
