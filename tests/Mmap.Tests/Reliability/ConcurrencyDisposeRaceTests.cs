using System.Collections.Concurrent;
using Mmap;
using Mmap.Tests;
using Xunit.Abstractions;

namespace Mmap.Tests.Reliability;

/// <summary>
/// Dispose on one thread while 3 others call every safe member (Read, Read&lt;T&gt;, ReadBytes, Write, Write&lt;T&gt;, Gather,
/// Flush sync and async, GetSpan, AsRef, a lease's Read and Write, Advise, a stream's Read, Write and CopyTo, a memory
/// window's write) on maps of every kind in both lifetime schemes,
/// and ByteRing's calls on rings (copies and in place). Each call completes
/// or throws ObjectDisposedException with the engine's message; nothing else. A use of unmapped memory would crash
/// the test host; a write landing after the unmap is caught by a trap: fresh zeroed memory of the same size mapped
/// at once after Dispose (often at the very address just freed), which must still be all zeros when the callers stop.
/// </summary>
public sealed class ConcurrencyDisposeRaceTests : IDisposable
{
    private const int Size = 64 * 1024, Callers = 3;
    private readonly TempDir _dir = new();
    private readonly Tags _tags = new();
    private readonly ITestOutputHelper _log;

    public ConcurrencyDisposeRaceTests(ITestOutputHelper log) => _log = log;

    public void Dispose()
    {
        _tags.Dispose();
        _dir.Dispose();
    }

    /// <summary>Every kind of map in the scheme it gets on this OS (on Linux and macOS: retired in place), then the same kinds
    /// forced onto the per-thread guard Windows and placed maps use ("-guard"), so both schemes race here.</summary>
    public static TheoryData<string> Kinds => new()
    {
        "file", "anonymous", "tag", "mirror", "mirror-file", "mirror-tag", "ring",
        "file-guard", "anonymous-guard", "tag-guard", "mirror-guard", "placed",
    };

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Dispose_racing_every_call_completes_it_or_refuses_it(string kind) => Race(kind, 40);

    [Trait("Category", LeakSoak.Category)]
    [SkippableTheory]
    [MemberData(nameof(Kinds))]
    public void Soak_dispose_racing_every_call(string kind)
    {
        Skip.IfNot(LeakSoak.Enabled, LeakSoak.Reason);
        Race(kind, 1000);
    }

    private void Race(string kind, int rounds)
    {
        var random = new Random(kind.GetHashCode());
        long completed = 0, refused = 0;
        for (int round = 0; round < rounds; round++)
        {
            var (owner, size, calls) = Make(kind);
            var failures = new ConcurrentQueue<Exception>();
            using var start = new Barrier(Callers + 1);
            var threads = Enumerable.Range(0, Callers).Select(w => new Thread(() =>
            {
                var mine = calls[w];
                start.SignalAndWait();
                // Go round the calls until every one of them has been refused in a row: the map is gone.
                for (int i = w, refusedInARow = 0; refusedInARow < mine.Length; i++)
                {
                    try
                    {
                        mine[i % mine.Length](i);
                        Interlocked.Increment(ref completed);
                        refusedInARow = 0;
                    }
                    catch (ObjectDisposedException e)
                    {
                        if (!e.Message.Contains("freed") && !e.Message.Contains("disposed")) failures.Enqueue(e);
                        Interlocked.Increment(ref refused);
                        refusedInARow++;
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
            // Free the map after a random number of calls went through, so Dispose lands among calls in flight.
            long target = Interlocked.Read(ref completed) + random.Next(0, 64);
            SpinWait.SpinUntil(() => Interlocked.Read(ref completed) >= target, TimeSpan.FromSeconds(5));
            owner.Dispose();
            using var trap = MemoryMap.MapAnonymous(size, new MapOptions { Access = MapAccess.ReadWrite });
            foreach (var thread in threads) thread.Join();

            Assert.Empty(failures);
            Assert.True(trap.ReadBytes(0, (int)size).All(b => b == 0), $"round {round}: a write landed after Dispose");
        }
        Assert.True(refused >= rounds * Callers * 2, $"only {refused} refusals"); // every caller ends on a run of them
        Assert.True(completed > 0, "no call ever ran before Dispose");
        _log.WriteLine($"{kind}: {rounds} rounds, {completed} calls completed, {refused} refused with ObjectDisposedException");
    }

    /// <summary>The producer's in-place write: a Dispose between the two calls keeps the span mapped until Commit refuses.</summary>
    private static void ReserveAndCommit(ByteRing ring, byte[] chunk)
    {
        if (!ring.TryReserve(chunk.Length, out Span<byte> room)) return;
        chunk.CopyTo(room);
        ring.Commit(chunk.Length);
    }

    /// <summary>The consumer's in-place read, every byte of it touched.</summary>
    private static void PeekAndAdvance(ByteRing ring)
    {
        ReadOnlySpan<byte> data = ring.Peek();
        int sum = 0;
        foreach (byte b in data) sum += b;
        ring.Advance(data.Length);
    }

    /// <summary>A ReadWrite map (or ring) of the kind, its size, and each caller's calls to race; each takes a counter.</summary>
    private (IDisposable Owner, long Size, Action<int>[][] Calls) Make(string kind)
    {
        if (kind == "ring")
        {
            // A ring has one producer and one consumer: caller 0 writes, caller 1 reads, caller 2 only looks.
            var ring = ByteRing.Create(_tags.New(), Size);
            var chunk = new byte[64];
            return (ring, ring.Capacity * 2, new[]
            {
                new Action<int>[] { i => ring.TryWrite(chunk), i => ring.Write(chunk, TimeSpan.Zero), i => _ = ring.FreeBytes, i => ReserveAndCommit(ring, chunk) },
                new Action<int>[] { i => ring.TryRead(new byte[64]), i => ring.Read(new byte[64], TimeSpan.Zero), i => _ = ring.UsedBytes, i => PeekAndAdvance(ring) },
                new Action<int>[] { i => _ = ring.UsedBytes, i => _ = ring.FreeBytes },
            });
        }
        bool? retire = kind.EndsWith("-guard") ? false : null;
        var rw = new MapOptions { Access = MapAccess.ReadWrite, RetireInPlace = retire };
        var sized = new MapOptions { Access = MapAccess.ReadWrite, Size = Size, RetireInPlace = retire };
        string path = _dir.File($"race-{Guid.NewGuid():N}.bin");
        IDisposable owner;
        MemoryMap map;
        switch (kind.Replace("-guard", ""))
        {
            case "file": owner = map = MemoryMap.MapFile(path, sized); break;
            case "anonymous": owner = map = MemoryMap.MapAnonymous(Size, rw); break;
            case "placed": owner = map = MemoryMap.MapAnonymous(Size, new MapOptions { Placement = MapPlacement.High }); break;
            case "tag": owner = map = MemoryMap.MapShared(_tags.New(), sized); break;
            case "mirror": { var m = MirroredMap.MapAnonymous(Size / 2, 2, rw); owner = m; map = m; break; }
            case "mirror-file": { var m = MirroredMap.MapFile(path, Size / 2); owner = m; map = m; break; }
            default: { var m = MirroredMap.MapShared(_tags.New(), Size / 2); owner = m; map = m; break; }
        }
        long Offset(int i) => i % (map.Size / 4096 - 1) * 4096L; // whole pages, each with a page after it for the ranged flush
        var calls = new Action<int>[]
        {
            i => map.Read(Offset(i), new byte[16]),
            i => map.Read<long>(Offset(i)),
            i => map.ReadBytes(Offset(i), 16),
            i => map.Write(Offset(i), new byte[] { 0xFF, 0xFF, 0xFF, 0xFF }),
            i => map.Write<long>(Offset(i), -1),
            i => map.Gather<long>(new[] { Offset(i), Offset(i + 1) }, new long[2]),
            i => map.Flush(async: true),
            i => map.Flush(Offset(i), 4096, async: i % 64 != 0),
            i => _ = map.GetSpan(Offset(i), 16).Length, // the span is never used: after Dispose it would be invalid
            i => map.AsRef<long>(Offset(i)),            // the same: a reference, never read here
            i =>
            {
                // A lease that outlives the Dispose keeps the memory mapped: its writes land before the unmap, never after.
                using var lease = map.Acquire(Offset(i), 16, write: true);
                lease.Write<long>(0, -1);
                _ = lease.Read<long>(8);
            },
            i => map.Advise(MapAdvice.WillNeed, Offset(i), 16),
        };
        // A map takes any call from any thread; a stream is one caller's (no Stream is thread-safe), made before the Dispose.
        return (owner, map.Size, Enumerable.Range(0, Callers).Select(_ => calls.Concat(StreamCalls(map, Offset)).ToArray()).ToArray());
    }

    /// <summary>Reads, writes and copies through one stream of the map, and a window written while it lives.</summary>
    private static Action<int>[] StreamCalls(MemoryMap map, Func<int, long> offset)
    {
        MapStream stream = map.AsStream();
        return
        [
            i => { stream.Position = offset(i); _ = stream.Read(new byte[16], 0, 16); },
            i => { stream.Position = offset(i); stream.Write(new byte[] { 0xFF, 0xFF }, 0, 2); },
            i => { stream.Position = offset(i); stream.CopyTo(Stream.Null, 4096); },
            i =>
            {
                // A window that outlives the Dispose keeps the memory mapped, as a lease does: its writes land before the unmap.
                using var window = map.GetMemory(offset(i), 16);
                window.Memory.Span.Fill(0xFF);
            },
        ];
    }
}
