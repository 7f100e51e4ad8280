using System.Net.Sockets;
using System.Security.Cryptography;
using Mmap;

namespace Mmap.Tests;

/// <summary>
/// A private folder holding one of every kind of bad target (an empty file, a directory, a FIFO, a unix socket,
/// a dangling symlink, a symlink loop, a name that does not exist) beside a data file, plus a marker for tags.
/// <see cref="Snapshot"/> records every entry's name, kind, size and (for the regular *.bin files) SHA-256,
/// so a case can prove it changed, created and truncated nothing.
/// </summary>
public sealed class Sandbox : IDisposable
{
    public const int DataLength = 8192;
    private readonly TempDir _dir = new();
    private readonly List<IDisposable> _owned = new();
    private readonly Socket? _listener;

    public Sandbox()
    {
        Marker = "mmaprel" + Guid.NewGuid().ToString("N").Substring(0, 10);
        Data = _dir.Pattern("data.bin", DataLength);
        Empty = _dir.File("empty.bin");
        System.IO.File.WriteAllBytes(Empty, Array.Empty<byte>());
        Directory.CreateDirectory(Dir = _dir.File("dir"));
        Missing = _dir.File("missing.bin");
        DanglingTarget = _dir.File("planted-target.bin");
        System.IO.File.CreateSymbolicLink(Dangling = _dir.File("dangling"), DanglingTarget);
        System.IO.File.CreateSymbolicLink(Loop = _dir.File("loop-a"), _dir.File("loop-b"));
        System.IO.File.CreateSymbolicLink(_dir.File("loop-b"), Loop);
        if (Expect.IsLinux)
        {
            Assert.Equal(0, mkfifo(Fifo = _dir.File("fifo"), 0x1B6));
            // Kept open until the sandbox goes: .NET deletes a unix socket's file when the socket is disposed.
            _listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            _listener.Bind(new UnixDomainSocketEndPoint(Socket = _dir.File("socket")));
        }
        else
        {
            Fifo = Socket = _dir.File("unsupported-here");
        }
    }

    public string Path => _dir.Path;
    public string Data { get; }
    public string Empty { get; }
    public string Dir { get; }
    public string Missing { get; }
    public string Dangling { get; }
    public string DanglingTarget { get; }
    public string Loop { get; }
    public string Fifo { get; }
    public string Socket { get; }

    /// <summary>In every tag a case uses, so anything it leaves in /dev/shm (or anywhere else) can be found.</summary>
    public string Marker { get; }

    public string File(string name) => _dir.File(name);

    /// <summary>A name one component of which is longer than any file system allows (NAME_MAX 255).</summary>
    public string TooLongName => _dir.File(new string('n', 300) + ".bin");

    /// <summary>A map the case may use; freed with the sandbox.</summary>
    public MemoryMap MapData(MapAccess access = MapAccess.ReadWrite) => Own(MemoryMap.MapFile(Data, new MapOptions { Access = access }));

    /// <summary>Anonymous memory holding an address, so a case can ask for that address again.</summary>
    public ulong AddressInUse() => (ulong)Own(MemoryMap.MapAnonymous(PageInfo.Current.AllocationGranularity)).Address.ToInt64();

    public T Own<T>(T item) where T : IDisposable
    {
        _owned.Add(item);
        return item;
    }

    /// <summary>Every entry below the folder: name, kind, size, and the hash of each regular *.bin file.</summary>
    public IReadOnlyList<string> Snapshot() => Describe(_dir.Path, _dir.Path);

    /// <summary>Names in /dev/shm (and /dev, /tmp, /) that carry the marker: a tag escaping its namespace shows here.</summary>
    public IReadOnlyList<string> MarkedEntries()
    {
        var found = new List<string>();
        foreach (string folder in new[] { "/dev/shm", "/dev", "/tmp", "/", _dir.Path, Environment.CurrentDirectory })
        {
            if (!Directory.Exists(folder)) continue;
            found.AddRange(Directory.EnumerateFileSystemEntries(folder).Where(e => e.Contains(Marker, StringComparison.Ordinal)));
        }
        return found;
    }

    private static List<string> Describe(string root, string folder)
    {
        var lines = new List<string>();
        foreach (string entry in Directory.EnumerateFileSystemEntries(folder).OrderBy(e => e, StringComparer.Ordinal))
        {
            string name = System.IO.Path.GetRelativePath(root, entry);
            var info = new FileInfo(entry);
            if (info.LinkTarget != null)
                lines.Add($"{name} link -> {info.LinkTarget}");
            else if (Directory.Exists(entry))
            {
                lines.Add($"{name} dir");
                lines.AddRange(Describe(root, entry));
            }
            else
            {
                // Only regular fixtures are named *.bin; opening a FIFO to hash it would block.
                string hash = entry.EndsWith(".bin", StringComparison.Ordinal) ? Convert.ToHexString(SHA256.HashData(System.IO.File.ReadAllBytes(entry))) : "-";
                lines.Add($"{name} {info.Length} {info.UnixFileMode} {hash}");
            }
        }
        return lines;
    }

    /// <summary>Frees the maps, streams and handles the case made through <see cref="Own"/>.</summary>
    public void FreeOwned()
    {
        for (int i = _owned.Count - 1; i >= 0; i--) _owned[i].Dispose();
        _owned.Clear();
    }

    public void Dispose()
    {
        FreeOwned();
        _listener?.Dispose();
        _dir.Dispose();
    }

    [System.Runtime.InteropServices.DllImport("libc", SetLastError = true)]
    internal static extern int mkfifo(string path, int mode);
}
