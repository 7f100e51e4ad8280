using Mmap;

namespace Mmap.Tests.Engine;

/// <summary>Maps and frees 10,000 times; descriptors and mappings must return to where they were.</summary>
[Collection(ProcessWideCollection.Name)]
public sealed class StressTests : IDisposable
{
    private readonly TempDir _dir = new();
    public void Dispose() => _dir.Dispose();

    [SkippableFact]
    public void Ten_thousand_map_free_cycles_leak_no_descriptor_and_no_mapping()
    {
        Skip.IfNot(Expect.IsLinux, "reads /proc/self/fd and /proc/self/maps");
        string path = _dir.Pattern("stress.bin", 8192);
        Cycle(path, 50); // warm up the JIT and the runtime's own allocations first
        int fds = ProcSelf.OpenDescriptors();
        string[] before = ProcSelf.MapsOutsideJit();

        Cycle(path, 10_000);

        // Every descriptor the cycle opens points at the test file, so none may remain; the total only gets a loose
        // bound because the runtime and finished tests open and close pipes meanwhile (10,000 leaks would be thousands).
        Assert.Equal(0, ProcSelf.DescriptorsUnder(_dir.Path));
        Assert.InRange(ProcSelf.OpenDescriptors(), 0, fds + 16);
        Assert.DoesNotContain(ProcSelf.Maps(), line => line.Contains(_dir.Path));
        // The runtime may start threads meanwhile (8 MiB stack + guard each) on a busy machine. 10,000 leaked
        // file maps would add 10,000 lines; 10,000 leaked 256 KiB anonymous maps, ~2.5 GiB even where they merge.
        string[] after = ProcSelf.MapsOutsideJit();
        Assert.InRange(after.Length, 0, before.Length + 64);
        Assert.InRange(ProcSelf.MappedBytes(after) - ProcSelf.MappedBytes(before), long.MinValue, 256L << 20);
    }

    private static void Cycle(string path, int count)
    {
        for (int i = 0; i < count; i++)
        {
            using (var file = MemoryMap.MapFile(path, new MapOptions { Access = i % 2 == 0 ? MapAccess.Read : MapAccess.ReadWrite }))
                Assert.Equal((byte)(i % 256 == 0 ? 0 : 1), file.Read<byte>(i % 256 == 0 ? 0 : 1));
            using var anon = MemoryMap.MapAnonymous(256 * 1024, new MapOptions { Access = MapAccess.ReadWrite });
            anon.Write<int>(0, i);
        }
    }
}
