using System.IO.MemoryMappedFiles;

namespace Mmap.Benchmarks.Support;

/// <summary>The System.IO.MemoryMappedFiles side of the read comparisons: a read-only map of the whole file and its
/// accessor, the way a .NET program reads a mapped file today.</summary>
public static class ReadAccessor
{
    public static (MemoryMappedFile File, MemoryMappedViewAccessor Accessor) Open(string path)
    {
        var file = MemoryMappedFile.CreateFromFile(path, FileMode.Open, null, 0, MemoryMappedFileAccess.Read);
        return (file, file.CreateViewAccessor(0, 0, MemoryMappedFileAccess.Read));
    }
}
