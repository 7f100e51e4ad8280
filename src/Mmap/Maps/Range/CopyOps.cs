using System;
using System.Runtime.CompilerServices;

namespace Mmap
{
    /// <summary>Copies the range out to a pinned destination of the range's length.</summary>
    internal unsafe struct CopyOut : IRangeOp
    {
        private readonly byte* _destination;
        private readonly int _length;

        internal CopyOut(byte* destination, int length)
        {
            _destination = destination;
            _length = length;
        }

        public bool Writes => false;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Run(byte* at, long count) => new ReadOnlySpan<byte>(at, _length).CopyTo(new Span<byte>(_destination, _length));

        public void Void() => new Span<byte>(_destination, _length).Clear();
    }

    /// <summary>Copies a pinned source of the range's length into the range.</summary>
    internal unsafe struct CopyIn : IRangeOp
    {
        private readonly byte* _source;
        private readonly int _length;

        internal CopyIn(byte* source, int length)
        {
            _source = source;
            _length = length;
        }

        public bool Writes => true;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Run(byte* at, long count) => new ReadOnlySpan<byte>(_source, _length).CopyTo(new Span<byte>(at, _length));

        public void Void() { }
    }
}
