using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.InteropServices;
using Mmap;
using Xunit.Abstractions;

namespace Mmap.Tests.Reliability;

/// <summary>
/// 8 threads map, read, write, gather, flush and free the same two files at once, through their own short-lived maps
/// (ReadWrite, Read, and windows of a granule at an offset) and through one long-lived map per file that all threads share.
/// Thread t owns the granule t of each file (4 KiB on Linux, 64 KiB on Windows), and every write fills it with a block only (t, file, sequence)
/// produces, so each read checks exactly and the files can be checked at the end. 100,000 engine calls by default
/// (a map, a read, a flush, a free: one call each); 1,000,000 with MMAP_SOAK=1.
/// </summary>
[Collection(ProcessWideCollection.Name)]
public sealed class ConcurrencyTests : IDisposable
{
    private const int Threads = 8, Files = 2;
    /// <summary>One thread's part of each file: an allocation granule, so each window's offset is one (64 KiB on Windows).</summary>
    private static readonly int Slot = (int)PageInfo.Current.AllocationGranularity;
    private readonly TempDir _dir = new();
    private readonly ITestOutputHelper _log;

    public ConcurrencyTests(ITestOutputHelper log) => _log = log;

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Eight_threads_share_two_files_for_100_000_calls_without_corruption_or_leak() => Run(100_000);

    [Trait("Category", LeakSoak.Category)]
    [SkippableFact]
    public void Soak_eight_threads_share_two_files_for_1_000_000_calls()
    {
        Skip.IfNot(LeakSoak.Enabled, LeakSoak.Reason);
        Run(1_000_000);
    }

    private void Run(int totalCalls)
    {
        string[] paths = Enumerable.Range(0, Files).Select(f => _dir.File($"shared-{f}.bin")).ToArray();
        for (int f = 0; f < Files; f++)
        {
            var content = new byte[Threads * Slot];
            for (int t = 0; t < Threads; t++) Fill(content.AsSpan(t * Slot, Slot), t, f, 0);
            File.WriteAllBytes(paths[f], content);
        }
        var last = new long[Threads, Files]; // the sequence each slot holds now (written by its owner only)
        var common = paths.Select(p => MemoryMap.MapFile(p, new MapOptions { Access = MapAccess.ReadWrite })).ToArray();
        var failures = new ConcurrentQueue<Exception>();
        long calls = 0;
        var clock = Stopwatch.StartNew();
        var threads = Enumerable.Range(0, Threads).Select(t => new Thread(() =>
        {
            try { Interlocked.Add(ref calls, Worker(t, totalCalls / Threads, paths, common, last)); }
            catch (Exception e) { failures.Enqueue(e); }
        })).ToArray();
        foreach (var thread in threads) thread.Start();
        foreach (var thread in threads) thread.Join();
        foreach (var map in common) map.Dispose();
        clock.Stop();

        Assert.Empty(failures);
        Assert.InRange(calls, totalCalls, totalCalls + Threads * 8);
        for (int f = 0; f < Files; f++)
        {
            byte[] bytes = File.ReadAllBytes(paths[f]);
            Assert.Equal(Threads * Slot, bytes.Length);
            var expected = new byte[Slot];
            for (int t = 0; t < Threads; t++)
            {
                Fill(expected, t, f, last[t, f]);
                Assert.True(bytes.AsSpan(t * Slot, Slot).SequenceEqual(expected), $"file {f} page {t} is not sequence {last[t, f]}");
            }
        }
        if (Expect.IsLinux)
        {
            Assert.Equal(0, ProcSelf.DescriptorsUnder(_dir.Path));
            Assert.DoesNotContain(ProcSelf.Maps(), line => line.Contains(_dir.Path));
        }
        _log.WriteLine($"{calls} calls on {Threads} threads in {clock.Elapsed.TotalSeconds:0.0} s");
    }

    /// <summary>One thread's share; returns the engine calls it made.</summary>
    private static long Worker(int t, int budget, string[] paths, MemoryMap[] common, long[,] last)
    {
        var random = new Random(t);
        var data = new byte[Slot];
        var seen = new byte[Slot];
        long at = (long)t * Slot;
        var offsets = Enumerable.Range(0, Slot / 8).Select(i => at + i * 8L).ToArray();
        var words = new long[Slot / 8];
        var rw = new MapOptions { Access = MapAccess.ReadWrite };
        var window = new MapOptions { Access = MapAccess.ReadWrite, Offset = at, Size = Slot };
        long calls = 0, sequence = 0;
        while (calls < budget)
        {
            int f = random.Next(Files);
            switch (random.Next(4))
            {
                case 0: // a map of its own: write, flush (now and then synchronously), free
                    using (var map = MemoryMap.MapFile(paths[f], rw))
                    {
                        Fill(data, t, f, last[t, f] = ++sequence);
                        map.Write(at, data);
                        map.Flush(at, Slot, async: sequence % 16 != 0);
                    }
                    calls += 4;
                    break;
                case 1: // a read-only map: read and gather what this thread wrote last
                    using (var map = MemoryMap.MapFile(paths[f]))
                    {
                        Fill(data, t, f, last[t, f]);
                        map.Read(at, seen);
                        Check(seen, data, t, f, "read");
                        map.Gather<long>(offsets, words);
                        Check(MemoryMarshal.AsBytes(words.AsSpan()), data, t, f, "gather");
                    }
                    calls += 4;
                    break;
                case 2: // the map every thread shares
                    Fill(data, t, f, last[t, f] = ++sequence);
                    common[f].Write(at, data);
                    common[f].Read(at, seen);
                    Check(seen, data, t, f, "shared read");
                    Check(common[f].ReadBytes(at + Slot - 64, 64), data.AsSpan(Slot - 64), t, f, "shared read-bytes");
                    calls += 3;
                    break;
                default: // a window on its own page only
                    using (var map = MemoryMap.MapFile(paths[f], window))
                    {
                        Fill(data, t, f, last[t, f] = ++sequence);
                        map.Write(0, data);
                        Check(BitConverter.GetBytes(map.Read<long>(8)), data.AsSpan(8, 8), t, f, "window read");
                        map.Flush(async: true);
                    }
                    calls += 5;
                    break;
            }
        }
        return calls;
    }

    /// <summary>The block only (thread, file, sequence) produces.</summary>
    private static void Fill(Span<byte> slot, int t, int f, long sequence)
    {
        var words = MemoryMarshal.Cast<byte, long>(slot);
        for (int i = 0; i < words.Length; i++)
            words[i] = unchecked(sequence * (long)0x9E3779B97F4A7C15 ^ ((long)t << 48) ^ ((long)f << 40) ^ i);
    }

    private static void Check(ReadOnlySpan<byte> seen, ReadOnlySpan<byte> expected, int t, int f, string how)
    {
        if (!seen.SequenceEqual(expected))
            throw new InvalidDataException($"thread {t}, file {f}: {how} found other bytes than the thread wrote last");
    }
}
