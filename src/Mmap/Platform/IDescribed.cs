namespace Mmap.Platform
{
    /// <summary>What an OS call names in its error message. The text is built only when an error is thrown, so a safe
    /// call that checks a size or flushes allocates nothing on success.</summary>
    internal interface IDescribed
    {
        string Description { get; }
    }
}
