namespace Mmap
{
    public unsafe partial class MemoryMap
    {
        /// <summary>Tells the OS how the whole map will be used (<see cref="MapAdvice"/>): the mapping's advice (madvise),
        /// and on Linux the file's too (posix_fadvise) where Read of a span goes through the descriptor. For a cold file
        /// read once in order, <see cref="MapAdvice.Sequential"/> lets the kernel read ahead in larger steps while the
        /// reading runs, without <see cref="MapOptions.Populate"/>'s wait for every page first (bench/results/latest.md,
        /// comparison 4, has what it gains on the machine measured). <see cref="MapAdvice.WillNeed"/> suits a range needed soon.</summary>
        /// <exception cref="System.ObjectDisposedException">The map was freed.</exception>
        public void Advise(MapAdvice advice) => Advise(advice, 0, Size);

        /// <summary>Advice for [<paramref name="offset"/>, offset+length); an unaligned start is aligned left to its page (a large
        /// page for a map made on them).
        /// Advice never changes what the map holds.</summary>
        /// <exception cref="MmapException">invalid_argument for a range outside the map or an advice that is not a
        /// <see cref="MapAdvice"/>.</exception>
        public void Advise(MapAdvice advice, long offset, long length)
        {
            MapRules.CheckAdvice(advice);
            MapView view = Pin();
            try
            {
                var (start, count) = MapRules.PageRange(view.Size, offset, length, RulePageSize, "advise on");
                Platform.OsLayer.Current.Advise(new System.IntPtr(view.Start + start), count, advice, this);
                // Read of a span goes through the descriptor here (see Read), which only the file's own advice steers.
                if (_readsThroughFile) Platform.OsLayer.Current.AdviseFile(view.Handle.File, Offset + start, count, advice, this);
            }
            finally { MapGate.Unpin(view); }
        }
    }
}
