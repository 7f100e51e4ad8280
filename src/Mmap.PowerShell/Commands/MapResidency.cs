namespace Mmap.Commands
{
    /// <summary>What Measure-MemoryMap found: how many bytes of a range of a map were in memory when it asked.</summary>
    public sealed class MapResidency
    {
        internal MapResidency(MemoryMap map, long offset, long length, long residentBytes)
        {
            Map = map;
            Offset = offset;
            Length = length;
            ResidentBytes = residentBytes;
        }

        /// <summary>The map measured.</summary>
        public MemoryMap Map { get; }

        /// <summary>Where the range starts in the map.</summary>
        public long Offset { get; }

        /// <summary>The range's length in bytes.</summary>
        public long Length { get; }

        /// <summary>Bytes of the range in memory (resident pages, each with its part inside the range).</summary>
        public long ResidentBytes { get; }

        /// <summary>ResidentBytes as a percentage of Length, one decimal (100 for an empty range).</summary>
        public double ResidentPercent => Length == 0 ? 100 : System.Math.Round(ResidentBytes * 100.0 / Length, 1);

        /// <inheritdoc/>
        public override string ToString() => $"map #{Map.Id}: {ResidentBytes} of {Length} bytes in memory";
    }
}
