using Mmap;

namespace Mmap.Tests.Engine;

/// <summary>
/// The sharing of a mapped file, chosen to be one rule on every OS: a map opened by path shares the file as a .NET
/// FileStream with the same access and FileShare.ReadWrite | FileShare.Delete does. So another opener meets exactly
/// what it would meet against such a FileStream: on Windows the OS's share modes (File.ReadAllBytes asks
/// FileShare.Read, which denies writers, and fails beside a ReadWrite map), on Linux and macOS .NET's flock emulation
/// (only FileShare.None conflicts). Each case is checked against a real FileStream held the same way, on this OS.
/// </summary>
public sealed class SharingParityTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    public static TheoryData<MapAccess, FileAccess, FileShare> Openers()
    {
        var data = new TheoryData<MapAccess, FileAccess, FileShare>();
        foreach (var map in new[] { MapAccess.Read, MapAccess.ReadWrite })
            foreach (var access in new[] { FileAccess.Read, FileAccess.ReadWrite })
                foreach (var share in new[] { FileShare.None, FileShare.Read, FileShare.ReadWrite, FileShare.ReadWrite | FileShare.Delete })
                    data.Add(map, access, share);
        return data;
    }

    [Theory]
    [MemberData(nameof(Openers))]
    public void Another_opener_meets_a_map_as_it_meets_a_FileStream_sharing_read_write_and_delete(MapAccess map, FileAccess access, FileShare share)
    {
        string path = _dir.Pattern("shared.bin", 8192);
        bool besideStream;
        using (new FileStream(path, FileMode.Open, map == MapAccess.Read ? FileAccess.Read : FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete))
            besideStream = Opens(path, access, share);
        bool besideMap;
        using (MemoryMap.MapFile(path, new MapOptions { Access = map }))
            besideMap = Opens(path, access, share);
        Assert.Equal(besideStream, besideMap);
    }

    /// <summary>The case the Wine run first met: File.ReadAllBytes beside a ReadWrite map fails on Windows (and only there).</summary>
    [Fact]
    public void ReadAllBytes_beside_a_ReadWrite_map_works_only_where_the_OS_has_no_deny_write()
    {
        string path = _dir.Pattern("read-all.bin", 8192);
        using var map = MemoryMap.MapFile(path, new MapOptions { Access = MapAccess.ReadWrite });
        if (OperatingSystem.IsWindows()) Assert.Throws<IOException>(() => File.ReadAllBytes(path));
        else Assert.Equal(8192, File.ReadAllBytes(path).Length);
    }

    private static bool Opens(string path, FileAccess access, FileShare share)
    {
        try
        {
            using (new FileStream(path, FileMode.Open, access, share)) return true;
        }
        catch (IOException) { return false; }
    }
}
