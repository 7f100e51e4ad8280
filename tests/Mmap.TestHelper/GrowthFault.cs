using Mmap;

namespace Mmap.TestHelper;

/// <summary>
/// One attempt to grow a file or tag past what the disk (a small tmpfs) or RLIMIT_FSIZE allows, then a report of
/// what it left: "result &lt;code|ok&gt;", "exists", "size" and "bytes intact|changed" (against the pattern the
/// target held before). Cases: mapfile, setsize, mirror (file), tag-create, tag-grow, mirror-tag.
/// </summary>
public static class GrowthFault
{
    public static int Run(string kind, string target, long oldSize, long newSize)
    {
        bool isTag = kind.Contains("tag", StringComparison.Ordinal);
        byte[] before = Pattern(oldSize);
        if (oldSize > 0) Prepare(isTag, target, before);

        string result = "ok";
        try { Attempt(kind, target, newSize)?.Dispose(); }
        catch (MmapException e)
        {
            result = e.Code;
            Console.WriteLine($"message {e.Message}");
        }
        Console.WriteLine($"result {result}");

        byte[]? after = isTag ? ReadTag(target) : File.Exists(target) ? File.ReadAllBytes(target) : null;
        Console.WriteLine($"exists {after != null}");
        Console.WriteLine($"size {after?.Length ?? -1}");
        Console.WriteLine($"bytes {(after != null && after.AsSpan().SequenceEqual(before) ? "intact" : "changed")}");
        if (isTag && after != null) SharedMemory.Unlink(target);
        return 0;
    }

    public static byte[] Pattern(long length)
    {
        var bytes = new byte[length];
        for (int i = 0; i < bytes.Length; i++) bytes[i] = (byte)i;
        return bytes;
    }

    private static void Prepare(bool isTag, string target, byte[] content)
    {
        if (!isTag)
        {
            if (!File.Exists(target)) File.WriteAllBytes(target, content);
            return;
        }
        using var map = MemoryMap.MapShared(target, new MapOptions { Access = MapAccess.ReadWrite, Size = content.Length }, new TagOptions { Mode = SharedOpenMode.CreateNew });
        map.Write(0, content);
    }

    private static IDisposable? Attempt(string kind, string target, long newSize)
    {
        var write = new MapOptions { Access = MapAccess.ReadWrite, Size = newSize };
        switch (kind)
        {
            case "mapfile": return MemoryMap.MapFile(target, write);
            case "setsize": FileSizer.SetSize(target, newSize); return null;
            case "mirror": return MirroredMap.MapFile(target, newSize);
            case "tag-create": return MemoryMap.MapShared(target, write, new TagOptions { Mode = SharedOpenMode.CreateNew });
            case "tag-grow": return MemoryMap.MapShared(target, write, new TagOptions { Mode = SharedOpenMode.OpenExisting });
            case "mirror-tag": return MirroredMap.MapShared(target, newSize);
            default: throw new ArgumentException($"unknown case {kind}");
        }
    }

    /// <summary>The tag's bytes, or null when it does not exist.</summary>
    private static byte[]? ReadTag(string tag)
    {
        if (!File.Exists("/dev/shm/" + tag)) return null;
        long size = new FileInfo("/dev/shm/" + tag).Length;
        if (size == 0) return Array.Empty<byte>();
        using var map = MemoryMap.MapShared(tag, new MapOptions(), new TagOptions { Mode = SharedOpenMode.OpenExisting });
        return map.ReadBytes(0, (int)map.Size);
    }
}
