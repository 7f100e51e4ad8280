using System;
using System.Buffers;

namespace Mmap
{
    /// <summary>
    /// A window of a map as <see cref="Memory{T}"/>, for Pipelines and async APIs that take memory rather than spans
    /// (<see cref="MemoryMap.GetMemory"/>, <see cref="MemoryMap.GetReadOnlyMemory"/>). It is an
    /// <see cref="IMemoryOwner{T}"/>, as a <see cref="MemoryPool{T}"/>'s rentals are: the window pins the map's mapping (as
    /// a lease does) until it is disposed, so it may outlive the map's Dispose and the memory stays mapped until then.
    /// At most <see cref="int.MaxValue"/> bytes, as any Memory&lt;byte&gt;.
    /// </summary>
    /// <remarks>Safety: dispose the window once every user of its memory is done: a <see cref="Memory{T}.Span"/> taken
    /// before the Dispose dangles after it (a <see cref="Memory{T}.Pin"/> handle keeps the memory mapped until the handle is
    /// disposed). Accesses through the memory are raw, as through <see cref="MemoryMap.GetSpan"/>: where
    /// <see cref="FaultRecovery"/> is active, a page another process cut off reads zeros and <see cref="MemoryMap.Fault"/>
    /// says so; where it is off, that page raises SIGBUS (the file's size is checked once, when the window is made). A
    /// window never disposed keeps the file mapped until the process ends.</remarks>
    /// <example>
    /// <code>
    /// using MapMemory window = map.GetReadOnlyMemory(0, 64 &lt;&lt; 10);
    /// await socket.SendAsync(window.ReadOnlyMemory, SocketFlags.None);
    /// </code>
    /// </example>
    public sealed class MapMemory : IMemoryOwner<byte>
    {
        private readonly MapMemoryManager _manager;
        private readonly string _description;

        internal MapMemory(MapView view, string description, long offset, int length, bool writable)
        {
            _manager = new MapMemoryManager(view, offset, length);
            _description = description;
            Offset = offset;
            Length = length;
            IsWritable = writable;
        }

        /// <summary>Where the window starts in its map.</summary>
        public long Offset { get; }

        /// <summary>The bytes the window covers.</summary>
        public int Length { get; }

        /// <summary>Whether <see cref="Memory"/> may be used (the window came from <see cref="MemoryMap.GetMemory"/>).</summary>
        public bool IsWritable { get; }

        /// <summary>True once the window was disposed.</summary>
        public bool IsDisposed => _manager.IsReleased;

        /// <summary>The window's bytes, writable.</summary>
        /// <exception cref="MmapException">access_denied for a read-only window (<see cref="MemoryMap.GetReadOnlyMemory"/>):
        /// a write through it would crash the process on a read-only map.</exception>
        /// <exception cref="ObjectDisposedException">The window was disposed.</exception>
        public Memory<byte> Memory
        {
            get
            {
                if (IsDisposed) throw Ended();
                if (!IsWritable)
                    throw new MmapException(MmapError.AccessDenied,
                        $"This window of the {_description} is read-only: use ReadOnlyMemory, or get a writable window with GetMemory of a ReadWrite (or CopyOnWrite) map.");
                return _manager.Memory;
            }
        }

        /// <summary>The window's bytes, read-only; any window gives it.</summary>
        /// <exception cref="ObjectDisposedException">The window was disposed.</exception>
        public ReadOnlyMemory<byte> ReadOnlyMemory
        {
            get
            {
                if (IsDisposed) throw Ended();
                return _manager.Memory;
            }
        }

        /// <summary>Ends the window: its pin on the map's mapping goes, and the map may unmap (once disposed itself and no
        /// <see cref="MemoryHandle"/> of the window is held). Memory taken from the window throws
        /// <see cref="ObjectDisposedException"/> when its span is asked for. A second Dispose does nothing.</summary>
        public void Dispose() => ((IDisposable)_manager).Dispose();

        /// <inheritdoc/>
        public override string ToString() => $"{(IsWritable ? "" : "read-only ")}window of {MapRules.Bytes(Length)} at offset {Offset} of the {_description}";

        internal static ObjectDisposedException Ended() =>
            new ObjectDisposedException(nameof(MapMemory), "The memory window was disposed. Get a new one from the map to go on.");
    }
}
