namespace Mmap
{
    /// <summary>Adds to an aligned integer atomically (<see cref="AtomicValue.Add{T}"/>); the sum is the result.</summary>
    internal unsafe struct AtomicAdd<T> : IRangeOp where T : unmanaged
    {
        private readonly T _value;
        internal T Result;

        internal AtomicAdd(T value)
        {
            _value = value;
            Result = default;
        }

        public bool Writes => true;

        public void Run(byte* at, long count) => Result = AtomicValue.Add(at, _value);

        public void Void() => Result = default;
    }

    /// <summary>Compare-exchange of an aligned integer (<see cref="AtomicValue.CompareExchange{T}"/>); what was there is the result.</summary>
    internal unsafe struct AtomicCompareExchange<T> : IRangeOp where T : unmanaged
    {
        private readonly T _value, _comparand;
        internal T Result;

        internal AtomicCompareExchange(T value, T comparand)
        {
            _value = value;
            _comparand = comparand;
            Result = default;
        }

        public bool Writes => true;

        public void Run(byte* at, long count) => Result = AtomicValue.CompareExchange(at, _value, _comparand);

        public void Void() => Result = default;
    }
}
