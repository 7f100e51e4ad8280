namespace Mmap
{
    public unsafe partial class MemoryMap
    {
        /// <summary>A lease on [<paramref name="offset"/>, offset+length) for a loop of accesses: the range, the access and
        /// (with <see cref="MapOptions.SizeCheck"/>) the file's size are checked once here, and one reference keeps the
        /// memory mapped until the lease is disposed; its accesses then cost a bounds check each, as a raw pointer would
        /// with one.</summary>
        /// <param name="offset">Where the lease starts in the map; the lease's own offsets count from here.</param>
        /// <param name="length">The bytes it covers.</param>
        /// <param name="write">Whether the lease may write (refused on a read-only map).</param>
        /// <remarks>Safety: dispose the lease exactly once (a <c>using</c> statement does). A copy of the struct disposed
        /// as well drops a reference the map still counts on, as a second <see cref="ReleasePointer"/> would. A Dispose of
        /// the map meanwhile refuses new calls at once but unmaps only when the lease ends. The file's size is not checked
        /// again while the lease lives: a truncation by another process during it still raises SIGBUS on access.</remarks>
        /// <exception cref="MmapException">invalid_argument for a range outside the map; access_denied for a writable
        /// lease of a read-only map; file_too_short when another process truncated the file below the range.</exception>
        /// <exception cref="System.ObjectDisposedException">The map was freed.</exception>
        /// <example>
        /// <code>
        /// using var lease = map.Acquire(0, map.Size);
        /// long sum = 0;
        /// foreach (long at in offsets) sum += lease.Read&lt;long&gt;(at);
        /// </code>
        /// </example>
        public MapLease Acquire(long offset, long length, bool write = false)
        {
            if (!MapRules.InRange(offset, length, Size)) throw MapRules.OutOfRange(offset, length, Size, "acquire");
            if (write && Access == MapAccess.Read) ThrowReadOnly();
            bool added = false;
            AddRef(ref added);
            try
            {
                if (_checksSizeOnce) CheckFileStillCovers(offset + length);
            }
            catch
            {
                _handle.DangerousRelease();
                throw;
            }
            return new MapLease(this, DangerousGetPointer() + offset, offset, length, write);
        }

        /// <summary>Drops the reference a lease took.</summary>
        internal void EndLease() => _handle.DangerousRelease();
    }
}
