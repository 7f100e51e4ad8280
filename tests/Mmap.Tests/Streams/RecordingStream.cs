namespace Mmap.Tests.Streams;

/// <summary>A copy's destination that records each write it receives: its size, and which Write overload it came through
/// (a span straight from the map, memory handed to WriteAsync, or an array a copy went through).</summary>
internal sealed class RecordingStream : Stream
{
    private readonly MemoryStream _bytes = new();
    public int SpanWrites, ArrayWrites, MemoryWrites;
    public List<int> WriteSizes { get; } = [];

    /// <summary>Runs after each write: a test's way to act between two chunks.</summary>
    public Action? AfterWrite { get; init; }

    /// <summary>Awaited by WriteAsync(ReadOnlyMemory) before it records the memory: a test's way to act while a write is
    /// pending.</summary>
    public Func<ReadOnlyMemory<byte>, Task>? DuringWriteAsync { get; init; }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        MemoryWrites++;
        if (DuringWriteAsync != null) await DuringWriteAsync(buffer);
        Record(buffer.Span);
    }

    public byte[] ToArray() => _bytes.ToArray();

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        SpanWrites++;
        Record(buffer);
    }

    public override void Write(byte[] buffer, int offset, int count)
    {
        ArrayWrites++;
        Record(buffer.AsSpan(offset, count));
    }

    private void Record(ReadOnlySpan<byte> buffer)
    {
        WriteSizes.Add(buffer.Length);
        _bytes.Write(buffer);
        AfterWrite?.Invoke();
    }

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => _bytes.Length;
    public override long Position { get => _bytes.Position; set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
}
