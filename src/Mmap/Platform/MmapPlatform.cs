namespace Mmap
{
    /// <summary>
    /// The facts of the running OS that callers of the engine need to behave like it (completion, filters, text
    /// encodings), detected in the one place the engine detects them, so no caller tests the OS itself.
    /// </summary>
    public static class MmapPlatform
    {
        /// <summary>True where file names compare without case by default (Windows, macOS); false on Linux.</summary>
        public static bool FileNamesIgnoreCase => Platform.OsLayer.Current.Facts.FileNamesIgnoreCase;

        /// <summary>True where two tags (shared memory names) that differ only in case name the same memory (Windows).</summary>
        public static bool TagNamesIgnoreCase => Platform.OsLayer.Current.Facts.Tags.IgnoreCase;

        /// <summary>True where the OS has an OEM (console) code page besides the ANSI one (Windows); elsewhere the
        /// console speaks UTF-8.</summary>
        public static bool HasOemCodePage => Platform.OsLayer.Current.Facts.HasOemCodePage;
    }
}
