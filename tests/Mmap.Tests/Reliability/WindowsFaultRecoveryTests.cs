using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Mmap;
using Mmap.Platform;
using Mmap.Tests;

namespace Mmap.Tests.Reliability;

/// <summary>
/// Fault recovery on Windows (src/Mmap.Native/windows/mmap_fault.c). A real in-page error needs a share that goes away or
/// a full volume under a sparse file, and Wine raises none (its SIGBUS handler reports a misaligned access, with no
/// address); so each test raises the exception the hardware would (RaiseException with the code and parameters of an
/// in-page error) at an address in a live map, which reaches the vectored handlers exactly as the fault would, and the
/// handler's continuation retries after RaiseException instead of at the faulting instruction. What a test checks is the
/// handler's and the engine's part: the map remembers the fault, safe calls throw it, the view reads zeros, the file keeps
/// its bytes, Dispose frees the replacement, and every exception that is not a live map's goes on.
/// </summary>
[Collection(ProcessWideCollection.Name)] // adds a vectored handler of its own for a moment
public sealed unsafe class WindowsFaultRecoveryTests : IDisposable
{
    private const uint InPageError = 0xC0000006, AccessViolation = 0xC0000005;
    private const uint StatusDeviceDataError = 0xC000009C;
    private const int Size = 256 << 10;
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [SkippableTheory]
    [InlineData(StatusDeviceDataError, MmapError.IoError)]
    [InlineData(0xC000007F, MmapError.DiskFull)] // STATUS_DISK_FULL: a hole of a sparse file on a full volume
    [InlineData(0xC0000011, MmapError.FileTooShort)] // STATUS_END_OF_FILE: cut by another client of a share
    public void An_in_page_error_in_a_file_map_becomes_its_error_and_the_process_lives(uint status, MmapError expected)
    {
        SkipUnlessActive();
        string path = _dir.Pattern("data.bin", Size);
        byte[] before = File.ReadAllBytes(path);
        var map = MemoryMap.MapFile(path, new MapOptions { Access = MapAccess.ReadWrite });
        IntPtr start = (IntPtr)map.DangerousGetPointer();
        Assert.Null(map.Fault);

        RaiseInPageError(start + 70_000, status);

        MapFault fault = Assert.IsType<MapFault>(map.Fault);
        Assert.Equal(expected, fault.Error);
        Assert.Equal(70_000, fault.Offset);
        Assert.Equal(unchecked((int)status), fault.SignalCode);
        Expect.Error(expected, () => map.Read<long>(0));
        Expect.Error(expected, () => map.Write<long>(8, 1)); // refused untouched: the file keeps its bytes
        Assert.True(new ReadOnlySpan<byte>((void*)start, Size).IndexOfAnyExcept((byte)0) < 0, "the view was not replaced by zeros");
        map.Dispose();
        Assert.True(Freed(start), "the zero pages that replaced the view outlived Dispose");
        Assert.Equal(before, File.ReadAllBytes(path));
    }

    [SkippableFact]
    public void Raw_reads_on_another_thread_during_the_replacement_read_zeros_instead_of_crashing()
    {
        SkipUnlessActive();
        using var map = MemoryMap.MapFile(_dir.Pattern("data.bin", Size));
        byte* start = map.DangerousGetPointer();
        using var reading = new ManualResetEventSlim();
        bool stop = false;
        long sum = 0, rounds = 0;
        var reader = new Thread(() =>
        {
            while (!Volatile.Read(ref stop))
            {
                for (int i = 0; i < Size; i += 4096) sum += start[i]; // every page, over and over, through the replacement
                if (++rounds == 2) reading.Set();
            }
        });
        reader.Start();
        reading.Wait();
        RaiseInPageError((IntPtr)start + 4096, StatusDeviceDataError);
        // Stopped at once: under Wine 8 a runtime suspension of a thread whose access violation a vectored handler
        // continued can hang (seen twice in whole Wine runs, never in 14 runs of this class alone), so the reader
        // stays no longer than the replacement needs.
        Volatile.Write(ref stop, true);
        reader.Join();
        Assert.Equal(MmapError.IoError, map.Fault?.Error);
        Assert.True(new ReadOnlySpan<byte>(start, Size).IndexOfAnyExcept((byte)0) < 0);
        Assert.True(rounds >= 2 && sum >= 0);
    }

    [SkippableFact]
    public void An_in_page_error_outside_every_map_and_an_access_violation_inside_one_go_on_to_the_next_handler()
    {
        SkipUnlessActive();
        using var map = MemoryMap.MapFile(_dir.Pattern("data.bin", Size));
        byte local;
        IntPtr outside = (IntPtr)(&local); // this thread's stack: no map
        IntPtr inside = (IntPtr)map.DangerousGetPointer() + 8192;
        IntPtr last = AddVectoredExceptionHandler(0, &Last);
        try
        {
            RaiseInPageError(outside, StatusDeviceDataError);
            Assert.Equal(outside, s_seenByLast);
            // A write to a read-only map is a plain access violation: not a replacement, so not the engine's.
            Raise(AccessViolation, 0, inside, write: 1);
            Assert.Equal(inside, s_seenByLast);
        }
        finally { RemoveVectoredExceptionHandler(last); }
        Assert.Null(map.Fault);
        Assert.Equal(0, map.Read<byte>(0)); // the pattern's first byte: the map was left alone
    }

    private static IntPtr s_seenByLast;

    /// <summary>A handler behind every other: it sees what the engine's and the runtime's passed on, and continues
    /// after the RaiseException the test made.</summary>
    [UnmanagedCallersOnly]
    private static int Last(EXCEPTION_POINTERS* pointers)
    {
        EXCEPTION_RECORD* record = pointers->ExceptionRecord;
        if (record->ExceptionCode is not (InPageError or AccessViolation) || record->NumberParameters < 2) return 0; // EXCEPTION_CONTINUE_SEARCH
        s_seenByLast = (IntPtr)(long)record->ExceptionInformation[1];
        return -1; // EXCEPTION_CONTINUE_EXECUTION
    }

    private static void SkipUnlessActive()
    {
        Skip.IfNot(OperatingSystem.IsWindows(), "the Windows handler: Linux recovery is FaultRecoveryTests'");
        Skip.IfNot(FaultRecovery.IsActive, $"fault recovery is {FaultRecovery.Status}");
    }

    private static void RaiseInPageError(IntPtr address, uint status) => Raise(InPageError, status, address, write: 0);

    /// <summary>The exception the memory manager raises for a fault: [0] read (0) or write (1), [1] the address, and for an
    /// in-page error [2] the NTSTATUS of the failed read.</summary>
    private static void Raise(uint code, uint status, IntPtr address, int write)
    {
        var arguments = stackalloc nuint[3] { (nuint)write, (nuint)(long)address, status };
        RaiseException(code, 0, code == InPageError ? 3u : 2u, arguments);
    }

    private static bool Freed(IntPtr address) =>
        Kernel32.VirtualQuery(address, out Kernel32.MEMORY_BASIC_INFORMATION info, (nuint)sizeof(Kernel32.MEMORY_BASIC_INFORMATION)) != 0 &&
        info.State == Kernel32.MEM_FREE;

    [StructLayout(LayoutKind.Sequential)]
    private struct EXCEPTION_POINTERS { public EXCEPTION_RECORD* ExceptionRecord; public IntPtr ContextRecord; }

    [StructLayout(LayoutKind.Sequential)]
    private struct EXCEPTION_RECORD
    {
        public uint ExceptionCode, ExceptionFlags;
        public IntPtr Record, Address;
        public uint NumberParameters;
        public fixed ulong ExceptionInformation[15];
    }

    [DllImport("kernel32.dll")] private static extern void RaiseException(uint code, uint flags, uint count, nuint* arguments);
    [DllImport("kernel32.dll")] private static extern IntPtr AddVectoredExceptionHandler(uint first, delegate* unmanaged<EXCEPTION_POINTERS*, int> handler);
    [DllImport("kernel32.dll")] private static extern uint RemoveVectoredExceptionHandler(IntPtr handle);
}
