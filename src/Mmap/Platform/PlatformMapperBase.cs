using System;
using System.Threading;

namespace Mmap.Platform
{
    /// <summary>What every <see cref="IPlatformMapper"/> answers alike: the facts of the platform this process runs on,
    /// which <see cref="PlatformFacts"/> decides for all of them.</summary>
    internal abstract class PlatformMapperBase
    {
        public PlatformFacts Facts => PlatformFacts.Current;

        public bool SharedSegmentsCanGrow => Facts.SharedSegmentsCanGrow;

        /// <summary>Interlocked.MemoryBarrierProcessWide where the runtime has it (.NET Core 3.0 and later, on every OS); the
        /// netstandard2.0 surface this engine compiles against lacks it, so it is looked up once. Null on .NET Framework.</summary>
        private protected static readonly Action? RuntimeProcessBarrier =
            (Action?)typeof(Interlocked).GetMethod("MemoryBarrierProcessWide", Type.EmptyTypes)?.CreateDelegate(typeof(Action));
    }
}
