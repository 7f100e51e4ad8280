using System;
using System.Threading;
using Mmap.Platform;

namespace Mmap
{
    public unsafe partial class MemoryMap
    {
        private MapFault? _faultSeen;

        /// <summary>The fault that met this map, or null: set when an access (safe or raw) found no page the OS could give,
        /// which <see cref="FaultRecovery"/> turned into zeros instead of a crash. Every safe call throws it from then on;
        /// raw accesses read zeros from the faulting page on. Remembered after Dispose.</summary>
        public MapFault? Fault
        {
            get
            {
                MapView view = _gate.Current;
                if (_faultSeen != null || view.IsFreed) return _faultSeen;
                return view.Faulted ? Examine(view) : null;
            }
        }

        /// <summary>True when no fault can meet this map: anonymous memory of this process alone, or a memfd whose size is
        /// sealed, which no process can cut (safe calls of such a map check nothing but bounds and Dispose).</summary>
        public bool CannotFault { get; }

        /// <summary>Throws the map's fault, if one met it: for callers that access the memory themselves (rings).</summary>
        internal void ThrowIfFaulted()
        {
            MapView view = _gate.Current;
            if (!view.IsClosed && view.Faulted) ThrowFault(view);
        }

        /// <summary>Throws the fault that met <paramref name="view"/>.</summary>
        internal void ThrowFault(MapView view) => throw FaultError(view);

        /// <summary>The error of the fault that met <paramref name="view"/>.</summary>
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
        internal MmapException FaultError(MapView view) => (_faultSeen ?? Examine(view)).ToException(Path ?? Tag);

        /// <summary>What the fault was, found once from the cell the handler wrote and the backing as it is now.</summary>
        private MapFault Examine(MapView view)
        {
            lock (_sync)
            {
                if (_faultSeen != null) return _faultSeen;
                ulong address = view.Fault->Address;
                int signalCode = view.Fault->SignalCode;
                long offset = (long)(address - (ulong)view.Start);
                long backingOffset = BackingOffsetOf(offset);
                long pageStart = backingOffset - backingOffset % PageInfo.Current.PageSize;
                long? size = view.Handle.File.IsOpen && !view.Handle.IsClosed && TrySizeOf(view, out long now) ? now : null;
                bool known = size.HasValue;
                MmapError error = MmapError.IoError;
                string name = Path ?? Tag ?? Description;
                HostOs os = HostPlatform.Os;
                string code = FaultCode.Describe(signalCode, os);
                string message = $"The {Description} met a fault at offset {offset} ({code}): the OS could not give " +
                                 "the page there, a device error or a lack of memory. The access read or wrote nothing; free the map and map it again.";
                if (known && size <= pageStart || FaultCode.MeansCut(signalCode, os))
                {
                    error = MmapError.FileTooShort;
                    string cut = size is long bytes ? $"is now {bytes} bytes" : "was cut short";
                    message = $"'{name}' {cut}: another process truncated it below offset {backingOffset}, which an access of the " +
                              $"map reached (offset {offset} of the map). That access read zeros or wrote nowhere, and so does every later one " +
                              "there: free the map, and map the file again (or grow it back first).";
                }
                else if (known && OsLayer.Current.InHole(view.Handle.File, pageStart) || FaultCode.MeansDiskFull(signalCode, os))
                {
                    error = MmapError.DiskFull;
                    message = $"'{name}' has a hole at offset {pageStart} that a write through the map could not fill: its file system is " +
                              "full (or over a quota). What the write put from there on went nowhere. Free space, then free the map and map the file again.";
                }
                else if (known && FaultCode.MeansDeviceError(signalCode, os))
                    message = $"Reading or writing '{name}' at offset {backingOffset} through the map failed: the device reported an I/O " +
                              $"error ({code}). The access read zeros or wrote nowhere; check the device, then map the file again.";
                return _faultSeen = new MapFault(error, offset, backingOffset, signalCode, size, message);
            }
        }

        /// <summary>The backing's size now, or false when even fstat fails (the fault is then io_error).</summary>
        private bool TrySizeOf(MapView view, out long size)
        {
            try { size = BackingSize(view); return true; }
            catch (MmapException) { size = 0; return false; }
        }

        /// <summary>Where a map offset lies in the backing (a mirror folds its copies onto its block).</summary>
        private protected virtual long BackingOffsetOf(long mapOffset) => Offset + mapOffset;
    }
}
