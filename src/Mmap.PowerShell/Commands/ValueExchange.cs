namespace Mmap.Commands
{
    /// <summary>The result of Update-MemoryMapValue -Expect: whether the value was swapped, what was there before, and what
    /// is there now.</summary>
    public sealed class ValueExchange
    {
        internal ValueExchange(MemoryMap map, long offset, bool swapped, object seen, object value)
        {
            Map = map;
            Offset = offset;
            Swapped = swapped;
            Seen = seen;
            Value = value;
        }

        /// <summary>The map updated.</summary>
        public MemoryMap Map { get; }

        /// <summary>Where the value lies, in bytes from the start of the map.</summary>
        public long Offset { get; }

        /// <summary>Whether -Value was stored: the value there equalled -Expect.</summary>
        public bool Swapped { get; }

        /// <summary>The value that was there (equal to -Expect exactly when it swapped).</summary>
        public object Seen { get; }

        /// <summary>The value there right after the exchange: -Value if it swapped, else what was seen.</summary>
        public object Value { get; }

        /// <inheritdoc/>
        public override string ToString() => Swapped ? $"swapped {Seen} for {Value}" : $"kept {Seen}";
    }
}
