namespace Mmap.Platform
{
    /// <summary>What every <see cref="IPlatformMapper"/> answers alike: the facts of the platform this process runs on,
    /// which <see cref="PlatformFacts"/> decides for all of them.</summary>
    internal abstract class PlatformMapperBase
    {
        public PlatformFacts Facts => PlatformFacts.Current;

        public bool SharedSegmentsCanGrow => Facts.SharedSegmentsCanGrow;
    }
}
