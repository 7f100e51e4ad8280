using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace Mmap
{
    /// <summary>
    /// A map, or a window of it, as a seekable <see cref="Stream"/> (<see cref="MemoryMap.AsStream()"/>): long positions, a
    /// fixed length, and every read and write a safe call of the map (<see cref="MemoryMap.Read(long, Span{byte})"/>,
    /// <see cref="MemoryMap.Write(long, ReadOnlySpan{byte})"/>), so bounds, access, a Dispose of the map and a file cut
    /// by another process are errors, never a crash.
    /// <para>Lifetime: disposing the stream leaves the map open unless it was made with <c>leaveOpen: false</c>. Once the
    /// map is disposed, the stream's next call throws <see cref="ObjectDisposedException"/> (a call racing the map's Dispose
    /// completes or throws it), and CanRead, CanWrite and CanSeek are false.</para>
    /// <para>Speed: reads and writes are one copy each, with no buffer of the stream's own; <see cref="CopyTo(Stream)"/>
    /// writes the mapped memory to the destination in chunks of <see cref="CopyChunk"/> without copying it through a buffer
    /// first (on .NET; on .NET Framework through one pooled buffer). The engine's net8.0 build (what .NET 8+ and PowerShell
    /// 7.4+ load) overrides Stream's virtual CopyTo(Stream, int), Read(Span), Write(ReadOnlySpan) and the Memory overloads
    /// of ReadAsync and WriteAsync, so a caller holding a <see cref="Stream"/> gets the same one-copy paths. In the
    /// netstandard2.0 build (.NET Framework, Windows PowerShell 5.1) those overloads are not virtual: through a variable of
    /// type Stream, CopyTo is the runtime's loop of Read and Read(Span) copies through an array, both correct but one copy
    /// slower.</para>
    /// <para>Flush does nothing: what a write put in the map is in the OS already, as after FileStream.Flush(); for the
    /// disk, flush the map (<see cref="MemoryMap.Flush(long, long, bool)"/>). The stream cannot grow: SetLength and a
    /// write past the end throw NotSupportedException. Not thread-safe, as no Stream is (a map's safe calls are).</para>
    /// </summary>
    /// <example>
    /// <code>
    /// using var map = MemoryMap.MapFile("log.bin");
    /// using var reader = new StreamReader(map.AsStream());
    /// string? first = reader.ReadLine();
    /// </code>
    /// </example>
    public sealed class MapStream : Stream
    {
        /// <summary>The chunk <see cref="CopyTo(Stream)"/> writes at a time (at least; a larger buffer size makes larger
        /// chunks): big enough that the system calls cost nothing beside the copy, small enough that a Dispose of the map
        /// waits for one at most.</summary>
        public const int CopyChunk = 1 << 20;

        private readonly MemoryMap _map;
        private readonly long _start, _length;
        private readonly bool _writable, _leaveOpen;
        private long _position;
        private bool _closed;

        internal MapStream(MemoryMap map, long start, long length, bool writable, bool leaveOpen)
        {
            _map = map;
            _start = start;
            _length = length;
            _writable = writable;
            _leaveOpen = leaveOpen;
        }

        /// <summary>The map the stream reads and writes.</summary>
        public MemoryMap Map => _map;

        /// <summary>Where the stream's position 0 lies in the map.</summary>
        public long Offset => _start;

        /// <inheritdoc/>
        public override bool CanRead => !_closed && !_map.IsDisposed;

        /// <inheritdoc/>
        public override bool CanSeek => CanRead;

        /// <summary>Whether the stream writes: made over a writable map, without readOnly, and neither it nor the map disposed.</summary>
        public override bool CanWrite => _writable && CanRead;

        /// <summary>The window's length, fixed.</summary>
        public override long Length
        {
            get
            {
                ThrowIfClosed();
                return _length;
            }
        }

        /// <summary>The position in the window; may be set past the end (reads there give 0 bytes, writes are refused).</summary>
        public override long Position
        {
            get
            {
                ThrowIfClosed();
                return _position;
            }
            set
            {
                if (value < 0) throw new ArgumentOutOfRangeException(nameof(value), value, "A stream position cannot be negative.");
                ThrowIfClosed();
                _position = value;
            }
        }

        /// <inheritdoc/>
        public override long Seek(long offset, SeekOrigin origin)
        {
            ThrowIfClosed();
            long from = origin switch
            {
                SeekOrigin.Begin => 0,
                SeekOrigin.Current => _position,
                SeekOrigin.End => _length,
                _ => throw new ArgumentException($"{origin} is no SeekOrigin: use Begin, Current or End.", nameof(origin)),
            };
            long to = unchecked(from + offset);
            if (offset < 0 ? to < 0 : to < from) // before the start, or past long.MaxValue
                throw new IOException($"Cannot seek {offset} bytes from {from}: a position runs from 0 to {long.MaxValue}. Seek inside the stream's {_length} bytes.");
            return _position = to;
        }

        /// <summary>Refused: a map's stream has the map's length. Resize the file and map it again for another length.</summary>
        public override void SetLength(long value)
        {
            ThrowIfClosed();
            throw new NotSupportedException($"A stream over the {_map.Description} has its fixed length of {_length} bytes and cannot be set to {value}: " +
                                            "set the file's size (FileSizer.SetSize) and map it again, or open a stream over another window of the map.");
        }

        /// <inheritdoc/>
        public override int Read(byte[] buffer, int offset, int count)
        {
            CheckBuffer(buffer, offset, count);
            return Read(buffer.AsSpan(offset, count));
        }

        /// <summary>Reads up to <paramref name="destination"/>'s length from the position on, in one safe call of the map.</summary>
#if NET
        public override int Read(Span<byte> destination)
#else
        public int Read(Span<byte> destination)
#endif
        {
            ThrowIfClosed();
            int count = (int)Math.Max(0, Math.Min(destination.Length, _length - _position));
            if (count == 0) return 0;
            _map.Read(_start + _position, destination.Slice(0, count));
            _position += count;
            return count;
        }

        /// <inheritdoc/>
        public override int ReadByte()
        {
            ThrowIfClosed();
            if (_position >= _length) return -1;
            byte value = _map.Read<byte>(_start + _position);
            _position++;
            return value;
        }

        /// <inheritdoc/>
        public override void Write(byte[] buffer, int offset, int count)
        {
            CheckBuffer(buffer, offset, count);
            Write(new ReadOnlySpan<byte>(buffer, offset, count));
        }

        /// <summary>Writes <paramref name="source"/> at the position, whole or not at all, in one safe call of the map.</summary>
        /// <exception cref="NotSupportedException">A read-only stream, or a write that would run past the end.</exception>
#if NET
        public override void Write(ReadOnlySpan<byte> source)
#else
        public void Write(ReadOnlySpan<byte> source)
#endif
        {
            CheckWrite(source.Length);
            _map.Write(_start + _position, source);
            _position += source.Length;
        }

        /// <inheritdoc/>
        public override void WriteByte(byte value)
        {
            CheckWrite(1);
            _map.Write<byte>(_start + _position, value);
            _position++;
        }

        /// <summary>Does nothing but refuse a disposed stream: the bytes are in the map, so in the OS. For the disk, flush the map.</summary>
        public override void Flush() => ThrowIfClosed();

        /// <summary>Completes at once: the copy is done when ReadAsync returns (memory has no latency to wait for).</summary>
        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            if (cancellationToken.IsCancellationRequested) return Task.FromCanceled<int>(cancellationToken);
            try { return Task.FromResult(Read(buffer, offset, count)); }
            catch (Exception e) { return Task.FromException<int>(e); }
        }

        /// <summary>Completes at once, as <see cref="ReadAsync(byte[], int, int, CancellationToken)"/>.</summary>
        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            if (cancellationToken.IsCancellationRequested) return Task.FromCanceled(cancellationToken);
            try
            {
                Write(buffer, offset, count);
                return Task.CompletedTask;
            }
            catch (Exception e) { return Task.FromException(e); }
        }

#if NET
        /// <summary>Completes at once, as <see cref="ReadAsync(byte[], int, int, CancellationToken)"/>, with no allocation.</summary>
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (cancellationToken.IsCancellationRequested) return ValueTask.FromCanceled<int>(cancellationToken);
            try { return new ValueTask<int>(Read(buffer.Span)); }
            catch (Exception e) { return ValueTask.FromException<int>(e); }
        }

        /// <summary>Completes at once, as <see cref="ReadAsync(byte[], int, int, CancellationToken)"/>, with no allocation.</summary>
        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (cancellationToken.IsCancellationRequested) return ValueTask.FromCanceled(cancellationToken);
            try
            {
                Write(buffer.Span);
                return default;
            }
            catch (Exception e) { return ValueTask.FromException(e); }
        }
#endif

        /// <summary>Flush is a no-op (see <see cref="Flush"/>), so this completes at once.</summary>
        public override Task FlushAsync(CancellationToken cancellationToken)
        {
            if (cancellationToken.IsCancellationRequested) return Task.FromCanceled(cancellationToken);
            try
            {
                Flush();
                return Task.CompletedTask;
            }
            catch (Exception e) { return Task.FromException(e); }
        }

        /// <summary>Copies from the position to the end into <paramref name="destination"/> in chunks of
        /// <see cref="CopyChunk"/> bytes, straight from the mapped memory (see <see cref="MapStream"/>); the position ends at
        /// the end, or after the last chunk written when a chunk fails. Stream's own CopyTo(Stream) comes to the same
        /// chunks in the net8.0 build (it calls <see cref="CopyTo(Stream, int)"/> with its default buffer size).</summary>
        /// <exception cref="MmapException">file_too_short, disk_full or io_error when a fault met the map (another process cut
        /// the file): the destination may hold part of the failed chunk.</exception>
        /// <exception cref="ObjectDisposedException">The stream or the map was disposed, also between two chunks.</exception>
        public new void CopyTo(Stream destination) => CopyTo(destination, CopyChunk);

        /// <summary>As <see cref="CopyTo(Stream)"/>, in chunks of <paramref name="bufferSize"/> bytes when that is more than
        /// <see cref="CopyChunk"/>. A smaller size does not shrink the chunks: it sizes the buffer a stream copies through,
        /// and this one copies through none (as MemoryStream, which writes its whole rest at once); Stream's CopyTo(Stream)
        /// passes its default of 80 KiB here, and chunks that small would spend on system calls what the copy saves.</summary>
#if NET
        public override void CopyTo(Stream destination, int bufferSize)
#else
        public new void CopyTo(Stream destination, int bufferSize)
#endif
        {
            CheckCopy(destination, bufferSize);
            _map.CopyTo(destination, _start, _length, ref _position, Math.Max(bufferSize, CopyChunk));
        }

        /// <summary>As <see cref="CopyTo(Stream, int)"/>, each chunk awaited in the destination's WriteAsync. In the net8.0
        /// build the chunk is handed over as memory of the map itself (WriteAsync(ReadOnlyMemory)), with no copy through a
        /// buffer: the map stays mapped until the write completes, even if it is disposed meanwhile (the next chunk is then
        /// refused). In the netstandard2.0 build, and for a size-checked map, each chunk is read into a pooled buffer first.
        /// The arguments are checked before the task starts, as Stream does.</summary>
        /// <exception cref="MmapException">file_too_short, disk_full or io_error when a fault met the map (another process cut
        /// the file): the destination may hold part of the failed chunk.</exception>
        /// <exception cref="OperationCanceledException">The token was cancelled: the position is after the last chunk written.</exception>
        public override Task CopyToAsync(Stream destination, int bufferSize, CancellationToken cancellationToken)
        {
            CheckCopy(destination, bufferSize);
            return _map.CopyToAsync(destination, _start, _length, _position, Math.Max(bufferSize, CopyChunk), count => _position += count, cancellationToken);
        }

        /// <summary>Ends the stream; the map too when the stream was made with <c>leaveOpen: false</c>.</summary>
        protected override void Dispose(bool disposing)
        {
            if (_closed) return;
            _closed = true;
            if (disposing && !_leaveOpen) _map.Dispose();
            base.Dispose(disposing);
        }

        /// <inheritdoc/>
        public override string ToString() => $"stream over [{_start}, {_start + _length}) of the {_map.Description}";

        private void ThrowIfClosed()
        {
            if (_closed) throw new ObjectDisposedException(nameof(MapStream), $"The stream over the {_map.Description} was disposed. Open a new one with AsStream.");
            if (_map.IsDisposed) throw new ObjectDisposedException(nameof(MemoryMap), $"The {_map.Description} under this stream was freed. Map the file or memory again to use it.");
        }

        /// <summary>A write refused before the map is touched: a disposed stream or map, a read-only stream, or one that would
        /// run past the end (a map's stream cannot grow).</summary>
        private void CheckWrite(int count)
        {
            ThrowIfClosed();
            if (!_writable)
                throw new NotSupportedException($"The stream over the {_map.Description} is read-only: open it with AsStream on a map with ReadWrite (or CopyOnWrite) access, without readOnly: true.");
            if (count > _length - _position)
                throw new NotSupportedException($"Cannot write {MapRules.Bytes(count)} at position {_position}: the stream over the {_map.Description} ends at {_length} " +
                                                "and cannot grow. Write inside it, or set the file's size (FileSizer.SetSize) and map it again.");
        }

        /// <summary>Stream's checks of a copy, in Stream's order: the arguments, the destination, then this stream.</summary>
        private void CheckCopy(Stream destination, int bufferSize)
        {
            if (destination is null) throw new ArgumentNullException(nameof(destination));
            if (bufferSize <= 0) throw new ArgumentOutOfRangeException(nameof(bufferSize), bufferSize, "A copy's buffer size must be positive.");
            if (!destination.CanWrite)
            {
                if (destination.CanRead) throw new NotSupportedException("The destination stream does not write: pass a writable stream to copy into.");
                throw new ObjectDisposedException(nameof(destination), "The destination stream was disposed.");
            }
            ThrowIfClosed();
        }

        private static void CheckBuffer(byte[] buffer, int offset, int count)
        {
            if (buffer is null) throw new ArgumentNullException(nameof(buffer));
            if (offset < 0) throw new ArgumentOutOfRangeException(nameof(offset), offset, "The offset in the buffer cannot be negative.");
            if (count < 0) throw new ArgumentOutOfRangeException(nameof(count), count, "The count cannot be negative.");
            if (count > buffer.Length - offset)
                throw new ArgumentException($"The buffer holds {buffer.Length} bytes: {count} from offset {offset} run past it.", nameof(buffer));
        }
    }
}
