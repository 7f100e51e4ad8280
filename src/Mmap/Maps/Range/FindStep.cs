using System;

namespace Mmap
{
    /// <summary>One step of a search: the first (or last) occurrence of a pinned pattern in the range, or -1.</summary>
    internal unsafe struct FindStep : IRangeOp
    {
        private readonly byte* _pattern;
        private readonly int _patternLength;
        private readonly bool _last;
        internal int Found;

        internal FindStep(byte* pattern, int patternLength, bool last)
        {
            _pattern = pattern;
            _patternLength = patternLength;
            _last = last;
            Found = -1;
        }

        public bool Writes => false;

        public void Run(byte* at, long count)
        {
            var window = new ReadOnlySpan<byte>(at, (int)count);
            var pattern = new ReadOnlySpan<byte>(_pattern, _patternLength);
            Found = _last ? window.LastIndexOf(pattern) : window.IndexOf(pattern);
        }

        public void Void() => Found = -1;
    }
}
