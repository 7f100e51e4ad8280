namespace Mmap.Commands
{
    /// <summary>One match of Find-MemoryMap: where the pattern lies in which map, and the bytes around it. Piped into
    /// Read-MemoryMap or Write-MemoryMap, its Map binds their -InputObject (by property name) and the match itself their
    /// -Match (by value), so they read or write at the match.</summary>
    public sealed class MapMatch
    {
        /// <summary>The bytes of context Find-MemoryMap keeps on each side of a match.</summary>
        public const int ContextBytes = 8;

        internal MapMatch(MemoryMap map, long offset, int length, byte[] context, long contextOffset)
        {
            Map = map;
            Offset = offset;
            Length = length;
            Context = context;
            ContextOffset = contextOffset;
        }

        /// <summary>The map searched.</summary>
        public MemoryMap Map { get; }

        /// <summary>Where the match starts, in bytes from the start of the map.</summary>
        public long Offset { get; }

        /// <summary>The pattern's length in bytes.</summary>
        public int Length { get; }

        /// <summary>The match with up to <see cref="ContextBytes"/> bytes before and after it (fewer at the ends of the map),
        /// as they were when it was found.</summary>
        public byte[] Context { get; }

        /// <summary>Where <see cref="Context"/> starts in the map.</summary>
        public long ContextOffset { get; }

        /// <inheritdoc/>
        public override string ToString() => $"map #{Map.Id} offset {Offset}";
    }
}
