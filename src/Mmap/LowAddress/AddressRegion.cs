namespace Mmap
{
    /// <summary>A contiguous range of address space, [<see cref="Start"/>, <see cref="End"/>).</summary>
    public sealed class AddressRegion
    {
        /// <summary>A region from <paramref name="start"/> up to (not including) <paramref name="end"/>.</summary>
        public AddressRegion(ulong start, ulong end)
        {
            Start = start;
            End = end;
        }

        /// <summary>The first address.</summary>
        public ulong Start { get; }

        /// <summary>The address just past the region.</summary>
        public ulong End { get; }

        /// <summary>Bytes in the region.</summary>
        public long Size => (long)(End - Start);

        /// <inheritdoc/>
        public override string ToString() => $"0x{Start:X}-0x{End:X} ({ByteSize.ToText(Size)})";
    }
}
