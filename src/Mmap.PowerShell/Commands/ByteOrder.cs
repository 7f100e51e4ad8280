namespace Mmap.Commands
{
    /// <summary>The order of a number's bytes in memory, for Read-MemoryMap and Write-MemoryMap -Type.</summary>
    public enum ByteOrder
    {
        /// <summary>Least significant byte first: x86, ARM as used by every common OS, most file formats of PCs.</summary>
        LittleEndian,

        /// <summary>Most significant byte first ("network order"): PNG, network protocols, big-endian ELF files, Java class files.</summary>
        BigEndian,
    }
}
