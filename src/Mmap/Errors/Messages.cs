namespace Mmap
{
    /// <summary>
    /// The engine's texts that more than one place says, so each is worded once: the OS layers of every platform,
    /// the factories and the size setter all report a missing file, a directory or a missing tag the same way.
    /// </summary>
    internal static class Messages
    {
        /// <summary>A file that is not there; <paramref name="creating"/> says the call could have created it (ReadWrite
        /// access), so the advice is only to check the path.</summary>
        internal static string NoSuchFile(string path, bool creating) =>
            $"File '{path}' does not exist. Check the path" + (creating ? "." : ", or map it with ReadWrite access to create it.");

        /// <summary>A directory given where a file is needed; <paramref name="why"/> says what only files can do.</summary>
        internal static string IsDirectory(string path, string why) => $"'{path}' is a directory; {why}. Give the path of a file.";

        /// <summary>A tag nobody has created (or that was unlinked); <paramref name="advice"/> follows "Check the tag".</summary>
        internal static string NoSuchTag(string tag, string advice = ".") => $"Shared memory tag '{tag}' does not exist. Check the tag{advice}";

        /// <summary>How to create a tag that does not exist, for an open that could not.</summary>
        internal static string CreateTagAdvice(bool write) =>
            write ? ", or give a size to create it." : ", or map it with ReadWrite access and a size to create it.";

        /// <summary>A resize of a descriptor or handle opened without write access.</summary>
        internal static string OpenReadOnly(string description) =>
            $"Cannot resize '{description}': it is open read-only. Open the file or handle for writing.";

        /// <summary>An enum value outside its defined names (a cast from a bad integer).</summary>
        internal static string NotOneOf(string what, object value, string names) => $"{what} '{value}' is not one of {names}.";
    }
}
