using Mmap;

namespace Mmap.Tests.Streams;

/// <summary>
/// The map disposed on one thread while another reads and writes a window's memory: the window goes on working, since it
/// keeps the mapping until it is disposed (a touch of unmapped memory would crash the test host). Both lifetime schemes
/// (retired in place, and the per-thread guard, "-guard"). Stream calls racing a Dispose run in ConcurrencyDisposeRaceTests.
/// </summary>
public sealed class MapMemoryDisposeRaceTests : IDisposable
{
    private const int Size = 256 * 1024, Rounds = 30;
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    public static TheoryData<string> Kinds => new() { "file", "anonymous", "file-read", "file-guard", "anonymous-guard" };

    [Theory]
    [MemberData(nameof(Kinds))]
    public void A_window_used_while_the_map_is_disposed_stays_mapped(string kind)
    {
        for (int round = 0; round < Rounds; round++)
        {
            MemoryMap map = Make(kind);
            MapMemory window = map.Access == MapAccess.Read ? map.GetReadOnlyMemory(0, Size) : map.GetMemory(0, Size);
            using var started = new ManualResetEventSlim();
            long sum = 0;
            var user = new Thread(() =>
            {
                started.Set();
                for (int pass = 0; pass < 4; pass++)
                    foreach (byte b in window.ReadOnlyMemory.Span) sum += b;
                if (window.IsWritable) window.Memory.Span.Fill(7);
            });
            user.Start();
            started.Wait();
            map.Dispose();
            user.Join();
            Assert.Equal(0, sum); // every byte read was the map's (zeros), never a fault
            window.Dispose();
        }
    }

    private MemoryMap Make(string kind)
    {
        bool? retire = kind.EndsWith("-guard") ? false : null;
        var access = kind.Contains("read") ? MapAccess.Read : MapAccess.ReadWrite;
        var options = new MapOptions { Access = access, RetireInPlace = retire };
        if (kind.StartsWith("anonymous")) return MemoryMap.MapAnonymous(Size, options);
        string path = _dir.File($"race-{Guid.NewGuid():N}.bin");
        FileSizer.SetSize(path, Size);
        return MemoryMap.MapFile(path, options);
    }
}
