using System.Collections.Concurrent;
using Mmap;

namespace Mmap.Tests.Streams;

/// <summary>
/// The map disposed on one thread while others use its streams and windows: reading, writing and copying through a stream
/// made before the Dispose, and reading and writing a window's memory. Each stream call completes or throws
/// ObjectDisposedException, nothing else, and never touches unmapped memory (that would crash the test host); a window
/// goes on working, since it keeps the mapping until it is disposed. Both lifetime schemes (retired in place, and the
/// per-thread guard, "-guard").
/// </summary>
public sealed class MapStreamDisposeRaceTests : IDisposable
{
    private const int Size = 256 * 1024, Rounds = 30;
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    public static TheoryData<string> Kinds => new() { "file", "anonymous", "file-read", "file-guard", "anonymous-guard" };

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Dispose_racing_stream_calls_completes_them_or_refuses_them(string kind)
    {
        long completed = 0, refused = 0;
        for (int round = 0; round < Rounds; round++)
        {
            MemoryMap map = Make(kind);
            bool writable = map.Access != MapAccess.Read;
            var streams = Enumerable.Range(0, 3).Select(_ => map.AsStream()).ToArray();
            using var window = map.GetReadOnlyMemory(0, Size);
            var calls = new Action<int>[]
            {
                i => { var s = streams[0]; s.Position = i * 4096L % Size; _ = s.Read(new byte[4096], 0, 4096); },
                i => { var s = streams[1]; s.Position = i * 512L % Size; if (writable) s.Write(new byte[] { 1, 2, 3 }, 0, 3); else s.ReadByte(); },
                i => { var s = streams[2]; s.Position = i % 2 * (Size / 2); s.CopyTo(Stream.Null, 16 * 1024); },
            };
            var failures = new ConcurrentQueue<Exception>();
            using var start = new Barrier(calls.Length + 1);
            var threads = calls.Select(call => new Thread(() =>
            {
                start.SignalAndWait();
                for (int i = 0; ; i++)
                {
                    try
                    {
                        call(i);
                        Interlocked.Increment(ref completed);
                    }
                    catch (ObjectDisposedException e)
                    {
                        if (!e.Message.Contains("freed")) failures.Enqueue(e);
                        Interlocked.Increment(ref refused);
                        return;
                    }
                    catch (Exception e)
                    {
                        failures.Enqueue(e);
                        return;
                    }
                }
            })).ToArray();
            foreach (var thread in threads) thread.Start();
            start.SignalAndWait();
            long target = Interlocked.Read(ref completed) + round % 16;
            SpinWait.SpinUntil(() => Interlocked.Read(ref completed) >= target, TimeSpan.FromSeconds(5));
            map.Dispose();
            foreach (var thread in threads) thread.Join();

            Assert.Empty(failures);
            Assert.Equal(0, window.ReadOnlyMemory.Span[Size - 1]); // the window outlives the map's Dispose
        }
        Assert.Equal(Rounds * 3, refused); // every caller ended on the map's Dispose
        Assert.True(completed > 0, "no call ran before Dispose");
    }

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
