namespace Mmap
{
    /// <summary>The address range a <see cref="MapPlacement"/> allows: a map must start at or above
    /// <see cref="Lowest"/> and end at or below <see cref="HighestEnd"/>. Pure: the OS layer narrows it further
    /// (the lowest address a process may map, the top of user space).</summary>
    internal readonly struct AddressWindow
    {
        internal const ulong TwoGiB = 0x80000000UL, FourGiB = 0x100000000UL;

        internal AddressWindow(MapPlacement placement, ulong lowest, ulong highestEnd)
        {
            Placement = placement;
            Lowest = lowest;
            HighestEnd = highestEnd;
        }

        internal MapPlacement Placement { get; }
        internal ulong Lowest { get; }
        internal ulong HighestEnd { get; }
        internal bool IsAny => Placement == MapPlacement.Any;

        internal static AddressWindow For(MapPlacement placement)
        {
            switch (placement)
            {
                case MapPlacement.Low: return new AddressWindow(placement, 0, TwoGiB);
                case MapPlacement.Low32: return new AddressWindow(placement, 0, FourGiB);
                case MapPlacement.High: return new AddressWindow(placement, FourGiB, ulong.MaxValue);
                default: return new AddressWindow(MapPlacement.Any, 0, ulong.MaxValue);
            }
        }

        /// <summary>A window below <paramref name="limit"/>, as the probe uses it.</summary>
        internal static AddressWindow Below(ulong limit) => new AddressWindow(MapPlacement.Low, 0, limit);

        /// <summary>True when [start, start+length) lies inside the window.</summary>
        internal bool Contains(ulong start, ulong length) =>
            start >= Lowest && start <= HighestEnd && length <= HighestEnd - start;

        /// <summary>The same window with its bounds narrowed to [lowest, highestEnd).</summary>
        internal AddressWindow Clip(ulong lowest, ulong highestEnd) =>
            new AddressWindow(Placement, lowest > Lowest ? lowest : Lowest, highestEnd < HighestEnd ? highestEnd : HighestEnd);

        /// <summary>"below 2 GiB (0x80000000)" and the like, for messages.</summary>
        internal string Describe()
        {
            if (Placement == MapPlacement.High) return $"at or above {ByteSize.ToText((long)FourGiB)} (0x{FourGiB:X})";
            if (HighestEnd == ulong.MaxValue) return "anywhere";
            return HighestEnd <= long.MaxValue
                ? $"below {ByteSize.ToText((long)HighestEnd)} (0x{HighestEnd:X})"
                : $"below 0x{HighestEnd:X}";
        }
    }
}
