using Microsoft.Win32.SafeHandles;
using Mmap;
using static Mmap.MapAccess;
using static Mmap.MmapError;

namespace Mmap.Tests.Reliability;

/// <summary>Bad values for every public entry point of the engine, one group per entry point.</summary>
public static class EngineBadInputs
{
    private static readonly long Page = PageInfo.Current.AllocationGranularity;
    private const long GiB = 1L << 30;

    private static MapOptions O(MapAccess access = Read, long? size = null, long offset = 0, ulong? address = null) =>
        new() { Access = access, Size = size, Offset = offset, Address = address };

    public static IEnumerable<BadInput> All() =>
        MapFilePath().Concat(MapFileStream()).Concat(MapFileHandle()).Concat(MapAnonymous()).Concat(MapShared())
            .Concat(Mirrors()).Concat(Rings()).Concat(Sizer()).Concat(Probe()).Concat(Alignment()).Concat(SafeAccess()).Concat(StreamAndMemory()).Concat(AfterFree());

    /// <summary>Size, offset, address and enum values every options-taking entry point shares.</summary>
    private static IEnumerable<(string Name, MmapError Code, string Phrase, MapOptions Options)> BadOptions()
    {
        yield return ("size 0", InvalidArgument, "at least 1 byte", O(ReadWrite, 0));
        yield return ("size -1", InvalidArgument, "at least 1 byte", O(ReadWrite, -1));
        yield return ("size long.MinValue", InvalidArgument, "at least 1 byte", O(ReadWrite, long.MinValue));
        yield return ("offset -1", InvalidArgument, "File offsets start at 0", O(ReadWrite, Page, -1));
        yield return ("offset -granularity", InvalidArgument, "File offsets start at 0", O(ReadWrite, Page, -Page));
        yield return ("offset long.MinValue", InvalidArgument, "File offsets start at 0", O(ReadWrite, Page, long.MinValue));
        yield return ("offset 1", InvalidArgument, $"Use 0 or {Page}", O(ReadWrite, Page, 1));
        yield return ("offset granularity-1", InvalidArgument, $"Use 0 or {Page}", O(ReadWrite, Page, Page - 1));
        yield return ("offset granularity+1", InvalidArgument, $"Use {Page} or {2 * Page}", O(ReadWrite, Page, Page + 1));
        yield return ("offset long.MaxValue", InvalidArgument, $"Use {long.MaxValue - Page + 1}, and skip the difference inside the map", O(ReadWrite, Page, long.MaxValue));
        yield return ("address 0", InvalidArgument, "Leave the address out", O(ReadWrite, Page, 0, 0));
        yield return ("address 0x1001", InvalidArgument, $"Use 0x{Page:X}", O(ReadWrite, Page, 0, 0x1001));
        yield return ("address ulong.MaxValue", InvalidArgument, $"Use 0x{ulong.MaxValue - (ulong)Page + 1:X}.", O(ReadWrite, Page, 0, ulong.MaxValue));
        yield return ("address 0x10", InvalidArgument, $"Use 0x{Page:X}.", O(ReadWrite, Page, 0, 0x10));
        yield return ("access 99", InvalidArgument, "is not one of Read, ReadWrite, CopyOnWrite", O((MapAccess)99, Page));
        yield return ("placement 99", InvalidArgument, "is not one of Any, Low, Low32, High", new MapOptions { Access = ReadWrite, Size = Page, Placement = (MapPlacement)99 });
        yield return ("placement Low with an address at 8 GiB", InvalidArgument, "Give either an address or a placement",
            new MapOptions { Access = ReadWrite, Size = Page, Placement = MapPlacement.Low, Address = 8UL << 30 });
    }

    private static IEnumerable<BadInput> MapFilePath()
    {
        var g = new CaseList("MemoryMap.MapFile(path)")
        {
            { "null path", InvalidArgument, "Give the path of the file", s => MemoryMap.MapFile((string)null!) },
            { "empty path", InvalidArgument, "Give the path of the file", s => MemoryMap.MapFile("", O(ReadWrite, Page)) },
            { "NUL in the path", InvalidArgument, "Remove it", s => MemoryMap.MapFile(s.Data + "\0x", O(ReadWrite, Page)) },
            { "directory, Read", InvalidArgument, "Give the path of a file", s => MemoryMap.MapFile(s.Dir) },
            { "directory, ReadWrite", InvalidArgument, "Give the path of a file", s => MemoryMap.MapFile(s.Dir, O(ReadWrite, Page)) },
            { "/dev/null without a size", InvalidArgument, "Give the size to map", s => MemoryMap.MapFile("/dev/null") },
            { "/dev/null with a size", NotSupported, "cannot be mapped on this OS", s => MemoryMap.MapFile("/dev/null", O(Read, Page)), true },
            { "/dev/zero without a size", InvalidArgument, "Give the size to map", s => MemoryMap.MapFile("/dev/zero", O(ReadWrite)), true },
            { "FIFO, Read", InvalidArgument, "Copy the data to a file first", s => MemoryMap.MapFile(s.Fifo), true },
            { "FIFO, ReadWrite", InvalidArgument, "Copy the data to a file first", s => MemoryMap.MapFile(s.Fifo, O(ReadWrite, Page)), true },
            { "unix socket, Read", InvalidArgument, "Copy the data to a file first", s => MemoryMap.MapFile(s.Socket), true },
            { "unix socket, ReadWrite", InvalidArgument, "Copy the data to a file first", s => MemoryMap.MapFile(s.Socket, O(ReadWrite, Page)), true },
            { "dangling symlink, Read", NoFile, "Check the path", s => MemoryMap.MapFile(s.Dangling) },
            { "dangling symlink, ReadWrite", NoFile, "point it at an existing file", s => MemoryMap.MapFile(s.Dangling, O(ReadWrite, Page)) },
            { "symlink loop", InvalidArgument, "Fix the link", s => MemoryMap.MapFile(s.Loop) },
            { "name longer than NAME_MAX, Read", InvalidArgument, "Use a shorter", s => MemoryMap.MapFile(s.TooLongName) },
            { "name longer than NAME_MAX, ReadWrite", InvalidArgument, "Use a shorter", s => MemoryMap.MapFile(s.TooLongName, O(ReadWrite, Page)) },
            { "a file used as a folder", NoFile, "Check the path", s => MemoryMap.MapFile(Path.Combine(s.Data, "x.bin"), O(ReadWrite, Page)) },
            { "missing folder, ReadWrite", NoFile, "Check the path", s => MemoryMap.MapFile(s.File("no-such-dir/new.bin"), O(ReadWrite, Page)) },
            { "missing file, Read", NoFile, "map it with ReadWrite access to create it", s => MemoryMap.MapFile(s.Missing) },
            { "missing file, CopyOnWrite", NoFile, "map it with ReadWrite access to create it", s => MemoryMap.MapFile(s.Missing, O(CopyOnWrite, Page)) },
            { "missing file, ReadWrite without a size", FileTooShort, "Give a size to grow it", s => MemoryMap.MapFile(s.Missing, O(ReadWrite)) },
            { "empty file, Read", FileTooShort, "Give a size and ReadWrite access to grow it", s => MemoryMap.MapFile(s.Empty) },
            { "size past the end, Read", FileTooShort, "use ReadWrite access to extend the file", s => MemoryMap.MapFile(s.Data, O(Read, Sandbox.DataLength + 1)) },
            { "size long.MaxValue, Read", FileTooShort, "use ReadWrite access to extend the file", s => MemoryMap.MapFile(s.Data, O(Read, long.MaxValue)) },
            { "size long.MaxValue, ReadWrite (file keeps its size)", DiskFull, "raise the file size limit", s => MemoryMap.MapFile(s.Data, O(ReadWrite, long.MaxValue)) },
            { "size long.MaxValue, ReadWrite, new file (not left behind)", DiskFull, "raise the file size limit", s => MemoryMap.MapFile(s.Missing, O(ReadWrite, long.MaxValue)) },
            { "offset at the end, no size", FileTooShort, "Use a smaller offset", s => MemoryMap.MapFile(s.Data, O(Read, null, 2 * Page)) },
            { "aligned offset near long.MaxValue, no size", FileTooShort, "Use a smaller offset", s => MemoryMap.MapFile(s.Data, O(Read, null, long.MaxValue - Page + 1)) },
            { "offset + size overflow", OutOfMemory, "Use a smaller size or offset", s => MemoryMap.MapFile(s.Data, O(ReadWrite, Page, long.MaxValue - Page + 1)) },
            { "address in use", OutOfMemory, "Leave the address out", s => MemoryMap.MapFile(s.Data, O(Read, Sandbox.DataLength, 0, s.AddressInUse())) },
            { "address above user space", OutOfMemory, "another address", s => MemoryMap.MapFile(s.Data, O(Read, Page, 0, 0xFFFF_FFFF_FFFF_0000)), true },
        };
        foreach (var (name, code, phrase, options) in BadOptions())
            g.Add(name, code, phrase, s => MemoryMap.MapFile(s.Data, options));
        return g;
    }

    private static IEnumerable<BadInput> MapFileStream()
    {
        var g = new CaseList("MemoryMap.MapFile(FileStream)")
        {
            { "closed stream", InvalidArgument, "Pass an open", s => { var f = new FileStream(s.Data, FileMode.Open, FileAccess.Read); f.Dispose(); MemoryMap.MapFile(f); } },
            { "read-only stream asked for ReadWrite", AccessDenied, "the access asked for", s => MemoryMap.MapFile(s.Own(new FileStream(s.Data, FileMode.Open, FileAccess.Read)), O(ReadWrite)) },
            { "read-only stream asked to grow", AccessDenied, "Open the file or handle for writing", s => MemoryMap.MapFile(s.Own(new FileStream(s.Data, FileMode.Open, FileAccess.Read)), O(ReadWrite, 4 * Page)) },
            { "write-only stream asked for Read", AccessDenied, "the access asked for", s => MemoryMap.MapFile(s.Own(new FileStream(s.Data, FileMode.Open, FileAccess.Write)), O(Read)) },
            { "stream of an empty file", FileTooShort, "Give a size", s => MemoryMap.MapFile(s.Own(new FileStream(s.Empty, FileMode.Open, FileAccess.Read))) },
            { "unaligned offset", InvalidArgument, "multiple of the allocation granularity", s => MemoryMap.MapFile(s.Own(new FileStream(s.Data, FileMode.Open, FileAccess.Read)), O(Read, null, 3)) },
            { "size long.MaxValue, Read", FileTooShort, "use ReadWrite access", s => MemoryMap.MapFile(s.Own(new FileStream(s.Data, FileMode.Open, FileAccess.Read)), O(Read, long.MaxValue)) },
        };
        g.Throws<ArgumentNullException>("null stream", "stream", s => MemoryMap.MapFile((FileStream)null!));
        return g;
    }

    private static IEnumerable<BadInput> MapFileHandle()
    {
        var g = new CaseList("MemoryMap.MapFile(SafeFileHandle)")
        {
            { "closed handle", InvalidArgument, "Pass an open file handle", s => { var h = File.OpenHandle(s.Data); h.Dispose(); MemoryMap.MapFile(h); } },
            { "invalid handle -1", InvalidArgument, "Pass an open file handle", s => MemoryMap.MapFile(new SafeFileHandle(new IntPtr(-1), ownsHandle: false)) },
            { "descriptor number that is not open", InvalidArgument, "Pass an open file handle", s => MemoryMap.MapFile(new SafeFileHandle(new IntPtr(1_000_000), ownsHandle: false)), true },
            { "read-only handle asked for ReadWrite", AccessDenied, "the access asked for", s => MemoryMap.MapFile(s.Own(File.OpenHandle(s.Data)), O(ReadWrite)) },
            { "read-only handle asked to grow", AccessDenied, "Open the file or handle for writing", s => MemoryMap.MapFile(s.Own(File.OpenHandle(s.Data)), O(ReadWrite, 4 * Page)) },
            { "handle of a unix socket", InvalidArgument, "Copy the data to a file first", s =>
                {
                    var socket = s.Own(new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.Unix, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Unspecified));
                    MemoryMap.MapFile(new SafeFileHandle(socket.Handle, ownsHandle: false), O(Read, Page));
                }, true },
            { "handle of a pipe", InvalidArgument, "Copy the data to a file first", s =>
                {
                    var pipe = s.Own(new System.IO.Pipes.AnonymousPipeServerStream(System.IO.Pipes.PipeDirection.Out));
                    MemoryMap.MapFile(new SafeFileHandle(pipe.SafePipeHandle.DangerousGetHandle(), ownsHandle: false), O(Read, Page));
                }, true },
            { "handle of an empty file", FileTooShort, "Give a size", s => MemoryMap.MapFile(s.Own(File.OpenHandle(s.Empty))) },
        };
        g.Throws<ArgumentNullException>("null handle", "handle", s => MemoryMap.MapFile((SafeFileHandle)null!));
        return g;
    }

    private static IEnumerable<BadInput> MapAnonymous()
    {
        var g = new CaseList("MemoryMap.MapAnonymous")
        {
            { "size 0", InvalidArgument, "at least 1 byte", s => MemoryMap.MapAnonymous(0) },
            { "size -1", InvalidArgument, "at least 1 byte", s => MemoryMap.MapAnonymous(-1) },
            { "size long.MinValue", InvalidArgument, "at least 1 byte", s => MemoryMap.MapAnonymous(long.MinValue) },
            { "size 2^62", OutOfMemory, "Ask for a smaller size", s => MemoryMap.MapAnonymous(1L << 62) },
            { "size long.MaxValue", OutOfMemory, "Ask for a smaller size", s => MemoryMap.MapAnonymous(long.MaxValue) },
            { "address 0", InvalidArgument, "Leave the address out", s => MemoryMap.MapAnonymous(Page, O(ReadWrite, null, 0, 0)) },
            { "unaligned address", InvalidArgument, "multiple of the allocation granularity", s => MemoryMap.MapAnonymous(Page, O(ReadWrite, null, 0, 0x12345)) },
            { "address in use", OutOfMemory, "Leave the address out", s => MemoryMap.MapAnonymous(Page, O(ReadWrite, null, 0, s.AddressInUse())) },
            { "address above user space", OutOfMemory, "another address", s => MemoryMap.MapAnonymous(Page, O(ReadWrite, null, 0, 0xFFFF_FFFF_FFFF_0000)), true },
            { "access 99", InvalidArgument, "is not one of Read", s => MemoryMap.MapAnonymous(Page, O((MapAccess)99)) },
            { "placement 99", InvalidArgument, "is not one of Any", s => MemoryMap.MapAnonymous(Page, new MapOptions { Placement = (MapPlacement)99 }) },
            { "Low placement larger than 2 GiB", OutOfMemory, "Ask for less", s => MemoryMap.MapAnonymous(3 * GiB, new MapOptions { Placement = MapPlacement.Low }), true },
        };
        return g;
    }

    private static IEnumerable<BadInput> MapShared()
    {
        var g = new CaseList("MemoryMap.MapShared / Unlink");
        foreach (var (name, phrase, tag, linuxRule) in BadTags())
        {
            g.Add($"tag {name}", InvalidArgument, phrase, s => MemoryMap.MapShared(tag(s), O(ReadWrite, Page)), linuxRule);
            g.Add($"unlink tag {name}", InvalidArgument, phrase, s => MemoryMap.Unlink(tag(s)), linuxRule);
        }
        g.Add("missing tag, Read", NoFile, "Check the tag", s => MemoryMap.MapShared(s.Marker));
        g.Add("missing tag, OpenExisting", NoFile, "Check the tag", s => MemoryMap.MapShared(s.Marker, new MapOptions { Access = ReadWrite, Size = Page }, new TagOptions { Mode = SharedOpenMode.OpenExisting }));
        g.Add("missing tag, ReadWrite without a size", NoFile, "give a size to create it", s => MemoryMap.MapShared(s.Marker, O(ReadWrite)));
        g.Add("CreateNew without a size", InvalidArgument, "needs ReadWrite access and a size", s => MemoryMap.MapShared(s.Marker, new MapOptions { Access = ReadWrite }, new TagOptions { Mode = SharedOpenMode.CreateNew }));
        g.Add("CreateNew read-only", InvalidArgument, "needs ReadWrite access and a size", s => MemoryMap.MapShared(s.Marker, new MapOptions { Access = Read, Size = Page }, new TagOptions { Mode = SharedOpenMode.CreateNew }));
        g.Add("tag mode 99", InvalidArgument, "is not one of OpenOrCreate", s => MemoryMap.MapShared(s.Marker, new MapOptions { Access = ReadWrite, Size = Page }, new TagOptions { Mode = (SharedOpenMode)99 }));
        foreach (int mode in new[] { -1, 0x200, 0xFFF, int.MaxValue, int.MinValue })
            g.Add($"permissions {mode}", InvalidArgument, "Give owner/group/other bits only", s => MemoryMap.MapShared(s.Marker, new MapOptions { Access = ReadWrite, Size = Page }, new TagOptions { Permission = mode }));
        g.Add("size long.MaxValue, new tag (removed again)", DiskFull, "Free space in /dev/shm", s => MemoryMap.MapShared(s.Marker, O(ReadWrite, long.MaxValue)), true);
        g.Add("unlink a missing tag", NoFile, "Check the tag", s => MemoryMap.Unlink(s.Marker));
        foreach (var (name, code, phrase, options) in BadOptions())
            g.Add(name, code, phrase, s => MemoryMap.MapShared(s.Marker, options));
        g.Add("address in use", OutOfMemory, "Leave the address out", s => MemoryMap.MapShared(s.Marker, O(ReadWrite, Page, 0, s.AddressInUse())));
        return g;
    }

    /// <summary>Tags that must be refused before the OS sees them; each carries the sandbox's marker. LinuxRule names the
    /// rule of a tag that is bad on Linux alone (null: bad everywhere).</summary>
    internal static IEnumerable<(string Name, string Phrase, Func<Sandbox, string> Tag, string? LinuxRule)> BadTags()
    {
        foreach (var (name, phrase, tag) in TagsBadEverywhere()) yield return (name, phrase, tag, null);
        yield return ("naming a semaphore (sem.*)", "Use another name", s => "sem." + s.Marker,
            "sem.* names glibc's semaphores in /dev/shm: reserved on Linux alone (TagNameRules.ReservesSemaphorePrefix)");
        yield return ("over-long in UTF-8 (128 x 'é')", "Use a shorter tag", s => s.Marker + new string('é', 128),
            "over-long in UTF-8 bytes, which Linux counts; Windows counts characters and takes it (TagNameRules.CountsCharacters)");
    }

    private static IEnumerable<(string Name, string Phrase, Func<Sandbox, string> Tag)> TagsBadEverywhere()
    {
        const string Slashes = "use no slashes or backslashes", Dots = "Use single dots only", Printable = "Use printable characters only";
        yield return ("null", "Give a name such as", s => null!);
        yield return ("empty", "Give a name such as", s => "");
        yield return ("with '/'", Slashes, s => s.Marker + "/x");
        yield return ("with a leading '/'", Slashes, s => "/" + s.Marker);
        yield return ("with '\\'", Slashes, s => s.Marker + "\\x");
        yield return ("'..'", Dots, s => "..");
        yield return ("'.'", "Use another name", s => ".");
        yield return ("'...'", Dots, s => "...");
        yield return ("'../' escape", Slashes, s => "../" + s.Marker);
        yield return ("'..' inside", Dots, s => s.Marker + "..x");
        yield return ("with NUL", Printable, s => s.Marker + "\0x");
        yield return ("with a tab", Printable, s => s.Marker + "\tx");
        yield return ("with DEL", Printable, s => s.Marker + "\u007f");
        yield return ("with an unpaired surrogate", "Use valid Unicode text", s => s.Marker + "\ud800");
        yield return ("with a low surrogate first", "Use valid Unicode text", s => "\udc00" + s.Marker);
        yield return ("over-long (256 bytes)", "Use a shorter tag", s => s.Marker + new string('x', 256 - s.Marker.Length));
    }

    private static IEnumerable<BadInput> Mirrors()
    {
        var g = new CaseList("MirroredMap.MapFile / MapShared / MapAnonymous")
        {
            { "file: null path", InvalidArgument, "Give the path of the file", s => MirroredMap.MapFile(null!, Page) },
            { "file: empty path", InvalidArgument, "Give the path of the file", s => MirroredMap.MapFile("", Page) },
            { "file: directory", InvalidArgument, "Give the path of a file", s => MirroredMap.MapFile(s.Dir, Page) },
            { "file: dangling symlink", NoFile, "point it at an existing file", s => MirroredMap.MapFile(s.Dangling, Page) },
            { "file: missing, Read", NoFile, "Check the path", s => MirroredMap.MapFile(s.Missing, Page, 2, O(Read)) },
            { "file: FIFO", InvalidArgument, "Copy the data to a file first", s => MirroredMap.MapFile(s.Fifo, Page), true },
            { "file: unix socket", InvalidArgument, "Copy the data to a file first", s => MirroredMap.MapFile(s.Socket, Page), true },
            { "file: /dev/zero", InvalidArgument, "Give the path of a regular file", s => MirroredMap.MapFile("/dev/zero", Page), true },
            { "file: short file, Read", FileTooShort, "use ReadWrite access", s => MirroredMap.MapFile(s.Data, 4 * Page, 2, O(Read)) },
            { "file: size 0", InvalidArgument, "at least 1", s => MirroredMap.MapFile(s.Data, 0) },
            { "file: size -1", InvalidArgument, "at least 1", s => MirroredMap.MapFile(s.Data, -1) },
            { "file: times 1", InvalidArgument, "at least 2 times", s => MirroredMap.MapFile(s.Data, Page, 1) },
            { "file: times 0", InvalidArgument, "at least 2 times", s => MirroredMap.MapFile(s.Data, Page, 0) },
            { "file: times int.MinValue", InvalidArgument, "at least 2 times", s => MirroredMap.MapFile(s.Data, Page, int.MinValue) },
            { "file: CopyOnWrite", InvalidArgument, "Use ReadWrite (or Read)", s => MirroredMap.MapFile(s.Data, Page, 2, O(CopyOnWrite)) },
            { "file: negative offset", InvalidArgument, "File offsets start at 0", s => MirroredMap.MapFile(s.Data, Page, 2, O(ReadWrite, null, -Page)) },
            { "file: unaligned offset", InvalidArgument, "multiple of the allocation granularity", s => MirroredMap.MapFile(s.Data, Page, 2, O(ReadWrite, null, 10)) },
            { "file: size long.MaxValue", OutOfMemory, "Use a smaller size", s => MirroredMap.MapFile(s.Data, long.MaxValue) },
            { "file: copies overflow 64 bits", OutOfMemory, "Use a smaller size or fewer copies", s => MirroredMap.MapFile(s.Data, 1L << 40, 1 << 23) },
            { "file: address 0", InvalidArgument, "Leave the address out", s => MirroredMap.MapFile(s.Data, Page, 2, O(ReadWrite, null, 0, 0)) },
            { "file: address in use", OutOfMemory, "Leave the address out", s => MirroredMap.MapFile(s.Data, Page, 2, O(ReadWrite, null, 0, s.AddressInUse())) },
            { "tag: missing, OpenExisting", NoFile, "Check the tag", s => MirroredMap.MapShared(s.Marker, Page, 2, new MapOptions { Access = ReadWrite }, new TagOptions { Mode = SharedOpenMode.OpenExisting }) },
            { "tag: size 0", InvalidArgument, "at least 1", s => MirroredMap.MapShared(s.Marker, 0) },
            { "tag: times 1", InvalidArgument, "at least 2 times", s => MirroredMap.MapShared(s.Marker, Page, 1) },
            { "tag: CopyOnWrite", InvalidArgument, "Use ReadWrite (or Read)", s => MirroredMap.MapShared(s.Marker, Page, 2, O(CopyOnWrite)) },
            { "tag: permissions 01000", InvalidArgument, "Give owner/group/other bits only", s => MirroredMap.MapShared(s.Marker, Page, 2, new MapOptions { Access = ReadWrite }, new TagOptions { Permission = 0x200 }) },
            { "tag: size long.MaxValue", OutOfMemory, "Use a smaller size", s => MirroredMap.MapShared(s.Marker, long.MaxValue) },
            { "anonymous: size 0", InvalidArgument, "at least 1", s => MirroredMap.MapAnonymous(0) },
            { "anonymous: size long.MinValue", InvalidArgument, "at least 1", s => MirroredMap.MapAnonymous(long.MinValue) },
            { "anonymous: size long.MaxValue", OutOfMemory, "Use a smaller size", s => MirroredMap.MapAnonymous(long.MaxValue) },
            { "anonymous: size 2^61 x 2", OutOfMemory, "Ask for a smaller size", s => MirroredMap.MapAnonymous(1L << 61) },
            { "anonymous: times -1", InvalidArgument, "at least 2 times", s => MirroredMap.MapAnonymous(Page, -1) },
            { "anonymous: CopyOnWrite", InvalidArgument, "Use ReadWrite (or Read)", s => MirroredMap.MapAnonymous(Page, 2, O(CopyOnWrite)) },
            { "anonymous: address 0", InvalidArgument, "Leave the address out", s => MirroredMap.MapAnonymous(Page, 2, O(ReadWrite, null, 0, 0)) },
            { "anonymous: address in use", OutOfMemory, "Leave the address out", s => MirroredMap.MapAnonymous(Page, 2, O(ReadWrite, null, 0, s.AddressInUse())) },
            { "anonymous: placement 99", InvalidArgument, "is not one of Any", s => MirroredMap.MapAnonymous(Page, 2, new MapOptions { Access = ReadWrite, Placement = (MapPlacement)99 }) },
        };
        foreach (var (name, phrase, tag, linuxRule) in BadTags())
            g.Add($"tag: {name}", InvalidArgument, phrase, s => MirroredMap.MapShared(tag(s), Page), linuxRule);
        return g;
    }

    private static IEnumerable<BadInput> Rings()
    {
        var g = new CaseList("ByteRing.Create / Attach")
        {
            { "capacity 0", InvalidArgument, "give the number of bytes the ring holds", s => ByteRing.Create(0) },
            { "capacity -1", InvalidArgument, "give the number of bytes the ring holds", s => ByteRing.Create(-1) },
            { "capacity long.MinValue", InvalidArgument, "give the number of bytes the ring holds", s => ByteRing.Create(long.MinValue) },
            { "capacity long.MaxValue", OutOfMemory, "Use a smaller", s => ByteRing.Create(long.MaxValue) },
            { "capacity 2^62", OutOfMemory, "Use a smaller size", s => ByteRing.Create(1L << 62) },
            { "tag: capacity 0", InvalidArgument, "give the number of bytes the ring holds", s => ByteRing.Create(s.Marker, 0) },
            { "tag: capacity long.MaxValue", OutOfMemory, "Use a smaller", s => ByteRing.Create(s.Marker, long.MaxValue) },
            { "tag: capacity that overflows with the header", OutOfMemory, "Use a smaller", s => ByteRing.Create(s.Marker, long.MaxValue - Page + 1) },
            { "tag: permissions -1", InvalidArgument, "Give owner/group/other bits only", s => ByteRing.Create(s.Marker, Page, new MapOptions(), new TagOptions { Permission = -1 }) },
            { "tag: exists already", AlreadyExists, "Pick another tag", s => { s.Own(MemoryMap.MapShared(s.Marker, O(ReadWrite, 4 * Page))); try { ByteRing.Create(s.Marker, Page); } finally { SharedMemory.Unlink(s.Marker); } } },
            { "attach: missing tag", NoFile, "Check the tag", s => ByteRing.Attach(s.Marker) },
            { "attach: not a ring", InvalidArgument, "Attach only to tags made by ByteRing.Create", s => { s.Own(MemoryMap.MapShared(s.Marker, O(ReadWrite, 4 * Page))); try { ByteRing.Attach(s.Marker); } finally { SharedMemory.Unlink(s.Marker); } } },
            { "attach: segment smaller than a header", InvalidArgument, "Attach only to tags made by ByteRing.Create", s => { s.Own(MemoryMap.MapShared(s.Marker, O(ReadWrite, 64))); try { ByteRing.Attach(s.Marker); } finally { SharedMemory.Unlink(s.Marker); } } },
        };
        foreach (var (name, phrase, tag, linuxRule) in BadTags())
        {
            g.Add($"create tag {name}", InvalidArgument, phrase, s => ByteRing.Create(tag(s), Page), linuxRule);
            g.Add($"attach tag {name}", InvalidArgument, phrase, s => ByteRing.Attach(tag(s)), linuxRule);
        }
        return g;
    }

    private static IEnumerable<BadInput> Sizer()
    {
        var g = new CaseList("FileSizer.GetSize / SetSize")
        {
            { "get: null", InvalidArgument, "Give the path of the file", s => FileSizer.GetSize(null!) },
            { "get: empty", InvalidArgument, "Give the path of the file", s => FileSizer.GetSize("") },
            { "get: NUL", InvalidArgument, "Remove it", s => FileSizer.GetSize(s.Data + "\0") },
            { "get: missing", NoFile, "Check the path", s => FileSizer.GetSize(s.Missing) },
            { "get: dangling symlink", NoFile, "Check the path", s => FileSizer.GetSize(s.Dangling) },
            { "get: directory", InvalidArgument, "Give the path of a file", s => FileSizer.GetSize(s.Dir) },
            { "get: FIFO", InvalidArgument, "Give the path of a file", s => FileSizer.GetSize(s.Fifo), true },
            { "get: unix socket", InvalidArgument, "Copy the data to a file first", s => FileSizer.GetSize(s.Socket), true },
            { "get: /dev/null", InvalidArgument, "Give the path of a file", s => FileSizer.GetSize("/dev/null"), true },
            { "set: null", InvalidArgument, "Give the path of the file", s => FileSizer.SetSize(null!, 1) },
            { "set: empty", InvalidArgument, "Give the path of the file", s => FileSizer.SetSize("", 1) },
            { "set: NUL", InvalidArgument, "Remove it", s => FileSizer.SetSize(s.Data + "\0", 1) },
            { "set: size -1", InvalidArgument, "Give a size of 0 or more", s => FileSizer.SetSize(s.Data, -1) },
            { "set: size long.MinValue", InvalidArgument, "Give a size of 0 or more", s => FileSizer.SetSize(s.Missing, long.MinValue) },
            { "set: size long.MaxValue (keeps its size)", DiskFull, "raise the file size limit", s => FileSizer.SetSize(s.Data, long.MaxValue) },
            { "set: size long.MaxValue, sparse", DiskFull, "raise the file size limit", s => FileSizer.SetSize(s.Data, long.MaxValue, sparse: true) },
            { "set: size long.MaxValue, new file (not left behind)", DiskFull, "raise the file size limit", s => FileSizer.SetSize(s.Missing, long.MaxValue) },
            { "set: directory", InvalidArgument, "Give the path of a file", s => FileSizer.SetSize(s.Dir, 1) },
            { "set: FIFO", InvalidArgument, "Give the path of a file", s => FileSizer.SetSize(s.Fifo, 1), true },
            { "set: unix socket", InvalidArgument, "Copy the data to a file first", s => FileSizer.SetSize(s.Socket, 1), true },
            { "set: /dev/null", InvalidArgument, "Give the path of a file", s => FileSizer.SetSize("/dev/null", 1), true },
            { "set: dangling symlink", NoFile, "point it at an existing file", s => FileSizer.SetSize(s.Dangling, 1) },
            { "set: missing folder", NoFile, "Check the path", s => FileSizer.SetSize(s.File("no-such-dir/x.bin"), 1) },
            { "set: name longer than NAME_MAX", InvalidArgument, "Use a shorter", s => FileSizer.SetSize(s.TooLongName, 1) },
            { "set: a file mapped here", InvalidArgument, "Free that map first", s => { s.MapData(Read); FileSizer.SetSize(s.Data, 1); } },
        };
        return g;
    }

    private static IEnumerable<BadInput> Probe() => new CaseList("LowAddressProbe.Run")
    {
        { "limit 0", InvalidArgument, "give the address to probe below", s => LowAddressProbe.Run(0) },
        { "limit -1", InvalidArgument, "give the address to probe below", s => LowAddressProbe.Run(-1) },
        { "limit long.MinValue", InvalidArgument, "give the address to probe below", s => LowAddressProbe.Run(long.MinValue) },
        { "size 0", InvalidArgument, "or leave it out", s => LowAddressProbe.Run(LowAddressProbe.DefaultLimit, 0) },
        { "size -1", InvalidArgument, "or leave it out", s => LowAddressProbe.Run(LowAddressProbe.DefaultLimit, -1) },
        { "size long.MinValue", InvalidArgument, "or leave it out", s => LowAddressProbe.Run(LowAddressProbe.DefaultLimit, long.MinValue) },
    };

    private static IEnumerable<BadInput> Alignment()
    {
        var g = new CaseList("PageMath / PageInfo alignment");
        foreach (long alignment in new[] { 0L, -1L, -4096L, 3L, 4097L, long.MinValue, long.MaxValue })
        {
            g.Add($"AlignUp alignment {alignment}", InvalidArgument, "is not a positive power of two", s => PageMath.AlignUp(100, alignment));
            g.Add($"AlignDown alignment {alignment}", InvalidArgument, "is not a positive power of two", s => PageMath.AlignDown(100, alignment));
            g.Add($"IsAligned alignment {alignment}", InvalidArgument, "is not a positive power of two", s => PageMath.IsAligned(100, alignment));
        }
        foreach (long value in new[] { -1L, -4096L, long.MinValue })
        {
            g.Add($"AlignUp value {value}", InvalidArgument, "Sizes, offsets and addresses are >= 0", s => PageMath.AlignUp(value, 4096));
            g.Add($"AlignDown value {value}", InvalidArgument, "Sizes, offsets and addresses are >= 0", s => PageMath.AlignDown(value, 4096));
            g.Add($"PageInfo.AlignUp {value}", InvalidArgument, "Sizes, offsets and addresses are >= 0", s => PageInfo.Current.AlignUp(value));
            g.Add($"PageInfo.AlignDown {value}", InvalidArgument, "Sizes, offsets and addresses are >= 0", s => PageInfo.Current.AlignDown(value));
        }
        g.Add("AlignUp long.MaxValue", InvalidArgument, "Use a smaller value", s => PageMath.AlignUp(long.MaxValue, 4096));
        g.Add("PageInfo.AlignUp long.MaxValue", InvalidArgument, "Use a smaller value", s => PageInfo.Current.AlignUp(long.MaxValue));
        g.Add("AlignAddress of a negative pointer", InvalidArgument, "Sizes, offsets and addresses are >= 0", s => PageInfo.Current.AlignAddress(new IntPtr(-1)));
        return g;
    }

    private static IEnumerable<BadInput> SafeAccess()
    {
        const int N = Sandbox.DataLength;
        const string Inside = "Keep offset and count inside the map";
        var g = new CaseList("Read / Write / ReadBytes / GetSpan / AsRef / Gather / Flush");
        foreach (long offset in new[] { -1L, N, N - 1, long.MaxValue, long.MinValue })
        {
            g.Add($"Read 2 bytes at {offset}", InvalidArgument, Inside, s => s.MapData().Read(offset, new byte[2]));
            g.Add($"Write 2 bytes at {offset}", InvalidArgument, Inside, s => s.MapData().Write(offset, new byte[2]));
            g.Add($"Read<long> at {offset}", InvalidArgument, Inside, s => s.MapData().Read<long>(offset));
            g.Add($"Write<long> at {offset}", InvalidArgument, Inside, s => s.MapData().Write<long>(offset, -1));
            g.Add($"ReadBytes 2 at {offset}", InvalidArgument, Inside, s => s.MapData().ReadBytes(offset, 2));
            g.Add($"GetSpan 2 at {offset}", InvalidArgument, Inside, s => s.MapData().GetSpan(offset, 2));
            g.Add($"AsRef<long> at {offset}", InvalidArgument, Inside, s => s.MapData().AsRef<long>(offset));
            g.Add($"Gather<long> at {offset}", InvalidArgument, Inside, s => s.MapData().Gather<long>(new[] { 0L, offset }, new long[2]));
            g.Add($"Flush 2 bytes at {offset}", InvalidArgument, Inside, s => s.MapData().Flush(offset, 2));
        }
        foreach (int count in new[] { -1, int.MinValue, N + 1, int.MaxValue })
        {
            g.Add($"GetSpan length {count}", InvalidArgument, Inside, s => s.MapData().GetSpan(0, count));
            g.Add($"Flush length {count}", InvalidArgument, Inside, s => s.MapData().Flush(0, count));
        }
        foreach (int count in new[] { -1, int.MinValue, N + 1 })
            g.Add($"ReadBytes count {count}", InvalidArgument, Inside, s => s.MapData().ReadBytes(0, count));
        g.Add("ReadBytes count int.MaxValue (checked before allocating)", InvalidArgument, Inside, s => s.MapData().ReadBytes(0, int.MaxValue));
        g.Add("Flush length long.MaxValue", InvalidArgument, Inside, s => s.MapData().Flush(1, long.MaxValue, async: true));
        g.Add("Read<long[]> spanning the end", InvalidArgument, Inside, s => s.MapData().Read<long>(N - 8, new long[2]));
        g.Add("Write<int[]> spanning the end", InvalidArgument, Inside, s => s.MapData().Write<int>(N - 4, new int[] { 1, 2 }));
        g.Add("Write to a Read map", AccessDenied, "Map it with ReadWrite access", s => s.MapData(Read).Write(0, new byte[] { 1 }));
        g.Add("Write<long> to a Read map", AccessDenied, "Map it with ReadWrite access", s => s.MapData(Read).Write<long>(0, 1));
        g.Add("Write<int[]> to a Read map", AccessDenied, "Map it with ReadWrite access", s => s.MapData(Read).Write<int>(0, new int[] { 1 }));
        g.Throws<ArgumentException>("Gather into a short destination", "at least as long as the offsets", s => s.MapData().Gather<long>(new[] { 0L, 8L }, new long[1]));
        return g;
    }

    private static IEnumerable<BadInput> StreamAndMemory()
    {
        const int N = Sandbox.DataLength;
        const string Inside = "Keep offset and count inside the map";
        var g = new CaseList("AsStream / GetMemory / GetReadOnlyMemory / MapStream");
        foreach (var (offset, length) in new[] { (-1L, 1L), (N, 1L), (0L, N + 1L), (1L, -1L), (long.MaxValue, 2L), (long.MinValue, 1L) })
        {
            g.Add($"AsStream({offset}, {length})", InvalidArgument, Inside, s => s.MapData().AsStream(offset, length));
            g.Add($"GetMemory({offset}, {length})", InvalidArgument, Inside, s => s.MapData().GetMemory(offset, length));
            g.Add($"GetReadOnlyMemory({offset}, {length})", InvalidArgument, Inside, s => s.MapData().GetReadOnlyMemory(offset, length));
        }
        g.Add("GetMemory of 2 GiB", InvalidArgument, "Take several windows", s => s.MapData().GetMemory(0, 1L << 31));
        g.Add("GetReadOnlyMemory of long.MaxValue bytes", InvalidArgument, "Take several windows", s => s.MapData().GetReadOnlyMemory(0, long.MaxValue));
        g.Add("GetMemory of a Read map", AccessDenied, "Use GetReadOnlyMemory", s => s.MapData(Read).GetMemory(0, 1));
        g.Add("Memory of a read-only window", AccessDenied, "use ReadOnlyMemory", s => _ = s.Own(s.MapData().GetReadOnlyMemory(0, 1)).Memory);
        g.Throws<NotSupportedException>("stream SetLength", "FileSizer.SetSize", s => s.MapData().AsStream().SetLength(1));
        g.Throws<NotSupportedException>("stream Write past the end", "cannot grow", s => { var st = s.MapData().AsStream(); st.Position = N - 1; st.Write(new byte[2], 0, 2); });
        g.Throws<NotSupportedException>("stream WriteByte at the end", "cannot grow", s => { var st = s.MapData().AsStream(); st.Position = N; st.WriteByte(1); });
        g.Throws<NotSupportedException>("stream Write to a Read map", "ReadWrite", s => s.MapData(Read).AsStream().Write(new byte[1], 0, 1));
        g.Throws<NotSupportedException>("stream Write when readOnly", "readOnly: true", s => s.MapData().AsStream(0, N, readOnly: true).WriteByte(1));
        g.Throws<IOException>("stream Seek before the start", "Seek inside", s => s.MapData().AsStream().Seek(-1, SeekOrigin.Begin));
        g.Throws<ArgumentException>("stream Seek origin 9", "use Begin, Current or End", s => s.MapData().AsStream().Seek(0, (SeekOrigin)9));
        g.Throws<ArgumentOutOfRangeException>("stream Position -1", "cannot be negative", s => s.MapData().AsStream().Position = -1);
        g.Throws<ArgumentNullException>("stream Read into null", "buffer", s => _ = s.MapData().AsStream().Read(null!, 0, 1));
        g.Throws<ArgumentException>("stream Read past the buffer", "run past it", s => _ = s.MapData().AsStream().Read(new byte[4], 2, 3));
        g.Throws<ArgumentNullException>("stream CopyTo null", "destination", s => s.MapData().AsStream().CopyTo(null!));
        g.Throws<ArgumentOutOfRangeException>("stream CopyTo buffer size 0", "must be positive", s => s.MapData().AsStream().CopyTo(Stream.Null, 0));
        return g;
    }

    private static IEnumerable<BadInput> AfterFree()
    {
        var g = new CaseList("Use after free");
        MemoryMap Freed(Sandbox s) { var m = s.MapData(); m.Dispose(); return m; }
        g.Throws<ObjectDisposedException>("Read", "Map the file or memory again", s => Freed(s).Read(0, new byte[1]));
        g.Throws<ObjectDisposedException>("Write", "Map the file or memory again", s => Freed(s).Write(0, new byte[1]));
        g.Throws<ObjectDisposedException>("Read<long>", "Map the file or memory again", s => Freed(s).Read<long>(0));
        g.Throws<ObjectDisposedException>("ReadBytes", "Map the file or memory again", s => Freed(s).ReadBytes(0, 1));
        g.Throws<ObjectDisposedException>("GetSpan", "Map the file or memory again", s => Freed(s).GetSpan(0, 1));
        g.Throws<ObjectDisposedException>("AsRef", "Map the file or memory again", s => Freed(s).AsRef<long>(0));
        g.Throws<ObjectDisposedException>("Gather", "Map the file or memory again", s => Freed(s).Gather<long>(new[] { 0L }, new long[1]));
        g.Throws<ObjectDisposedException>("Flush", "Map the file or memory again", s => Freed(s).Flush());
        g.Throws<ObjectDisposedException>("AsStream", "Map the file or memory again", s => Freed(s).AsStream());
        g.Throws<ObjectDisposedException>("GetMemory", "Map the file or memory again", s => Freed(s).GetMemory(0, 1));
        g.Throws<ObjectDisposedException>("GetReadOnlyMemory", "Map the file or memory again", s => Freed(s).GetReadOnlyMemory(0, 1));
        g.Throws<ObjectDisposedException>("a stream's Read", "Map the file or memory again", s => { var m = s.MapData(); var st = m.AsStream(); m.Dispose(); _ = st.Read(new byte[1], 0, 1); });
        g.Throws<ObjectDisposedException>("ring TryWrite", "Create or attach a ring again", s => { var r = ByteRing.Create(Page); r.Dispose(); r.TryWrite(new byte[1]); });
        return g;
    }
}
