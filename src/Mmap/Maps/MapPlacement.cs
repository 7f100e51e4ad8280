namespace Mmap
{
    /// <summary>Where in the address space a map may be placed (<see cref="MapOptions.Placement"/>).
    /// A placement that cannot be met fails with out_of_mem; the map is never put somewhere else.</summary>
    public enum MapPlacement
    {
        /// <summary>Wherever the OS chooses (the default).</summary>
        Any,
        /// <summary>The whole map ends at or below 2 GiB (0x80000000): the 31-bit window LuaJIT without GC64 can use.
        /// Not supported on macOS, whose processes keep the first 4 GiB unmapped.</summary>
        Low,
        /// <summary>The whole map ends at or below 4 GiB (0x100000000): 32-bit pointers. Not supported on macOS.</summary>
        Low32,
        /// <summary>The map starts at or above 4 GiB (0x100000000), out of the way of code that needs low memory
        /// (lua-mmapfile's rule).</summary>
        High,
    }
}
