namespace Mmap.Platform
{
    /// <summary>
    /// Linux keeps each tag as a file in /dev/shm, where anyone may create a FIFO, directory or socket under a tag's
    /// name: the words for refusing one, naming what was found, the same wherever the engine finds it.
    /// </summary>
    internal static class PlantedTag
    {
        internal static MmapException Refuse(string tag, FileKind kind, int errno = 0) =>
            new MmapException(MmapError.InvalidArgument,
                $"Shared memory tag '{tag}' is {Describe(kind)}, not shared memory: something other than a tag was put in the " +
                "shared-memory folder (/dev/shm) under its name, perhaps planted. Remove it, or use another tag.", errno, tag);

        private static string Describe(FileKind kind)
        {
            switch (kind)
            {
                case FileKind.Directory: return "a directory";
                case FileKind.Fifo: return "a FIFO (named pipe)";
                case FileKind.Socket: return "a unix socket";
                case FileKind.Device: return "a device";
                default: return "not a regular file";
            }
        }
    }
}
