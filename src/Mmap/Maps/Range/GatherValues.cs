using System;
using System.Runtime.CompilerServices;

namespace Mmap
{
    /// <summary>Reads one value at each of a list of offsets (a gather). The primitive is given the range of the highest
    /// offset's value; every offset was checked against the map before, so the op indexes from the range's origin.</summary>
    internal unsafe struct GatherValues<T> : IRangeOp where T : unmanaged
    {
        private readonly long* _offsets;
        private readonly T* _destination;
        private readonly int _count;
        private readonly long _highest;

        internal GatherValues(long* offsets, T* destination, int count, long highest)
        {
            _offsets = offsets;
            _destination = destination;
            _count = count;
            _highest = highest;
        }

        public bool Writes => false;

        public void Run(byte* at, long count)
        {
            byte* origin = at - _highest;
            for (int i = 0; i < _count; i++) _destination[i] = Unsafe.ReadUnaligned<T>(origin + _offsets[i]);
        }

        public void Void() => new Span<T>(_destination, _count).Clear();
    }
}
