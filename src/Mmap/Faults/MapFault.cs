namespace Mmap
{
    /// <summary>
    /// A fault that met a live map (<see cref="MemoryMap.Fault"/>): the OS had no page to give at <see cref="Offset"/>,
    /// and the engine's handler put zeros there so the process lives on. Every safe call of the map throws
    /// an <see cref="MmapException"/> with its <see cref="Error"/> from then on; raw accesses (<see cref="MemoryMap.GetSpan"/>, <see cref="MemoryMap.AsRef{T}"/>,
    /// <see cref="MemoryMap.DangerousGetPointer"/>) read zeros from the faulting page on, and their writes there are
    /// lost (on Windows, from the start of the view that holds the page). Free the map and map the file again once its cause is mended. Plain values only, so a shell can show it.
    /// </summary>
    public sealed class MapFault
    {
        internal MapFault(MmapError error, long offset, long backingOffset, int signalCode, long? backingSize, string message)
        {
            Error = error;
            Offset = offset;
            BackingOffset = backingOffset;
            SignalCode = signalCode;
            BackingSize = backingSize;
            Message = message;
        }

        /// <summary>file_too_short (the backing was cut below the page), disk_full (a hole could not be filled: its file
        /// system is full) or io_error (anything else: a device error, memory the OS could not provide).</summary>
        public MmapError Error { get; }

        /// <summary>The stable code of <see cref="Error"/>.</summary>
        public string Code => Error.ToCode();

        /// <summary>Where in the map the first fault landed.</summary>
        public long Offset { get; }

        /// <summary>Where that is in the file or tag (the map's offset added; a mirror's copies fold onto its block).</summary>
        public long BackingOffset { get; }

        /// <summary>The OS's code for the fault. Linux: the kernel's si_code for the SIGBUS (2 BUS_ADRERR: no page there;
        /// 3 BUS_OBJERR: an I/O error; 4 and 5: a memory hardware error). Windows: the NTSTATUS the in-page error carried
        /// (0xC000009C STATUS_DEVICE_DATA_ERROR, 0xC000007F STATUS_DISK_FULL, 0xC000020C STATUS_CONNECTION_DISCONNECTED ...),
        /// as a signed number.</summary>
        public int SignalCode { get; }

        /// <summary>The backing's size when the fault was examined, or null for anonymous memory.</summary>
        public long? BackingSize { get; }

        /// <summary>What happened and what to do.</summary>
        public string Message { get; }

        /// <summary>The error a safe call of the faulted map throws.</summary>
        internal MmapException ToException(string? target) => new MmapException(Error, Message, 0, target);

        /// <inheritdoc/>
        public override string ToString() => $"{Code} at offset {Offset}: {Message}";
    }
}
