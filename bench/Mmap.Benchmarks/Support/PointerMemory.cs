using System.Buffers;

namespace Mmap.Benchmarks.Support;

/// <summary>
/// Raw memory (a libc mapping) as <see cref="Memory{T}"/>, for the raw baseline of an async write: no pin to take, no
/// lifetime to track, nothing to check. The caller keeps the memory mapped while the memory is in use.
/// </summary>
public sealed unsafe class PointerMemory(byte* start, int length) : MemoryManager<byte>
{
    public override Span<byte> GetSpan() => new(start, length);

    public override MemoryHandle Pin(int elementIndex = 0) => new(start + elementIndex);

    public override void Unpin() { }

    protected override void Dispose(bool disposing) { }
}
