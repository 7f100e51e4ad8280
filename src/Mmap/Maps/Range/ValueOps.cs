using System.Runtime.CompilerServices;

namespace Mmap
{
    /// <summary>Reads one unmanaged value (any alignment).</summary>
    internal unsafe struct ReadValue<T> : IRangeOp where T : unmanaged
    {
        internal T Value;

        public bool Writes => false;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Run(byte* at, long count) => Value = Unsafe.ReadUnaligned<T>(at);

        public void Void() => Value = default;
    }

    /// <summary>Writes one unmanaged value (any alignment).</summary>
    internal unsafe struct WriteValue<T> : IRangeOp where T : unmanaged
    {
        private readonly T _value;

        internal WriteValue(T value) => _value = value;

        public bool Writes => true;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Run(byte* at, long count) => Unsafe.WriteUnaligned(at, _value);

        public void Void() { }
    }
}
