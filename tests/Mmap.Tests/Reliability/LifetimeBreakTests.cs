using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;
using Mmap;
using Mmap.Tests;

namespace Mmap.Tests.Reliability;

/// <summary>
/// The lifetime breaks found by trying to break the engine, each fixed: the runtime's share of vm.max_map_count, a
/// descriptor limit lowered while the process runs, a main thread whose stack glibc over-reports, address space held by
/// disposed maps, a lease ended twice through a copy, a Read voided by Dispose, a descriptor that refuses pread. (A Write
/// racing Dispose: LifetimeSchemeTests.A_write_racing_Dispose_lands_whole_or_not_at_all.)
/// </summary>
public sealed unsafe class LifetimeBreakTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [SkippableFact]
    public void Maps_that_do_not_merge_stop_short_of_vm_max_map_count_and_the_runtime_lives_on()
    {
        Skip.IfNot(Expect.IsLinux, "vm.max_map_count is Linux's");
        var (code, output) = Helper.Run(TimeSpan.FromSeconds(180), "break-mapcount");
        Assert.True(code == 0, $"exit {code}: {output}");
        var line = FaultProcess.Value(output, "mapcount");
        Assert.Contains("result=out_of_mem", line);
        Assert.Contains("alive=True", line);
    }

    [SkippableFact]
    public void A_descriptor_limit_lowered_while_running_keeps_the_hosts_32_from_the_next_map_on()
    {
        Skip.IfNot(Expect.IsLinux, "reads /proc/self/fd");
        var (code, output) = Helper.Run(TimeSpan.FromSeconds(60), "break-fdlimit", _dir.Path);
        Assert.True(code == 0, $"exit {code}: {output}");
        var figures = FaultProcess.Figures(FaultProcess.Value(output, "fdlimit"));
        Assert.True(figures["extra"] <= 8, output);
        Assert.Equal(30, figures["hostopened"]);
    }

    [SkippableFact]
    public void Under_an_unlimited_stack_no_other_mapping_can_land_in_the_range_taken_for_the_creating_thread()
    {
        Skip.IfNot(Expect.IsLinux, "glibc's pthread_getattr_np and /proc/self/maps");
        var (code, output) = FaultProcess.Run("ulimit -s unlimited", "break-stack");
        Assert.True(code == 0, $"exit {code}: {output}");
        var figures = FaultProcess.Figures(FaultProcess.Value(output, "stack"));
        Assert.True(figures["reservations"] > 0, output);
        Assert.True(figures["inside"] == 0, output);
    }

    [SkippableFact]
    public void Address_space_held_by_disposed_maps_still_referenced_is_named_in_the_refusal()
    {
        Skip.IfNot(Expect.IsLinux, "uses sh's ulimit -v");
        var (code, output) = FaultProcess.Run("ulimit -v 4194304", "break-retired");
        Assert.True(code == 0, $"exit {code}: {output}");
        Assert.Contains("code=out_of_mem", FaultProcess.Value(output, "retired"));
        Assert.Contains("disposed map(s) still referenced by the program hold", FaultProcess.Value(output, "message"));
    }

    [Fact]
    public void A_lease_ended_twice_through_a_copy_ends_once_and_the_map_stays_whole()
    {
        string path = _dir.Pattern("lease.bin", 8192);
        var map = MemoryMap.MapFile(path);
        var lease = map.Acquire(0, 8192);
        var copy = lease;
        lease.Dispose();
        copy.Dispose(); // dropped the map's own reference too, and the memory went while the map was live
        Assert.False(map.IsDisposed);
        Assert.Equal(5, map.Read<byte>(5));
        using (var again = map.Acquire(0, 4096)) Assert.Equal(7, again.Read<byte>(7));
        map.Dispose();
        Assert.True(map.IsDisposed);
        Assert.Throws<ObjectDisposedException>(() => map.Read<byte>(5));
    }

    [Fact]
    public void A_Read_voided_by_a_racing_Dispose_leaves_the_destination_untouched_or_cleared()
    {
        // Through the descriptor (a map recovery leaves out), a voided read may hold another file's bytes once the number
        // is reused; through the mapping, inert memory. Either way the caller must see none of them.
        const int Length = 1 << 20;
        var buffer = new byte[Length];
        int voided = 0;
        for (int round = 0; round < 100; round++)
        {
            string path = _dir.Pattern($"void-{round}.bin", Length);
            var map = MemoryMap.MapFile(path, new MapOptions { SkipFaultRecovery = round % 2 == 0 });
            buffer.AsSpan().Fill(0xEE);
            if (!Expect.DisposeRacing(map, () => map.Read(0, buffer), round * 40)) Assert.Equal(TempDir.PatternBytes(Length), buffer);
            else
            {
                Assert.True(buffer.All(b => b == 0xEE) || buffer.All(b => b == 0), $"round {round}: a voided read left bytes in the buffer");
                voided++;
            }
            File.Delete(path);
        }
        Assert.True(voided > 0, "no round raced: the test proved nothing");
    }

    [SkippableFact]
    public void A_descriptor_opened_with_O_DIRECT_reads_a_span_too()
    {
        Skip.IfNot(Expect.IsLinux, "O_DIRECT is Linux's");
        string path = _dir.Pattern("direct.bin", 8192);
        int oDirect = RuntimeInformation.ProcessArchitecture == Architecture.Arm64 ? 0x10000 : 0x4000;
        int fd = open(path, 0 /* O_RDONLY */ | oDirect);
        Skip.If(fd < 0, $"this file system refuses O_DIRECT (errno {Marshal.GetLastPInvokeError()})");
        using var handle = new SafeFileHandle(fd, ownsHandle: true);
        using var map = MemoryMap.MapFile(handle, new MapOptions { SkipFaultRecovery = true }); // the pread path
        var buffer = new byte[1000];
        map.Read(3, buffer);
        Assert.Equal(TempDir.PatternBytes(1003).Skip(3), buffer);
        Assert.Equal(TempDir.PatternBytes(16)[8], map.Read<byte>(8));
    }

    [DllImport("libc", SetLastError = true)] private static extern int open(string path, int flags);
}
