using Mmap;

namespace Mmap.TestHelper;

/// <summary>
/// Every safe call on a map whose file was cut to less than one page by someone else: the calls past the cut must
/// give file_too_short (not SIGBUS), the ones inside the first page still work. Used on both sides of the
/// truncation tests (the test process and the helper), so both probe exactly the same calls.
/// </summary>
public static class TruncationProbe
{
    /// <summary>Each call's name and its result: "ok" or the engine's error code.</summary>
    public static IReadOnlyList<(string Op, string Result)> Run(MemoryMap map)
    {
        long past = map.Size - 8; // in the last page: gone after the cut
        var buffer = new byte[8];
        var calls = new (string, Action)[]
        {
            ("read", () => map.Read(past, buffer)),
            ("read-long", () => map.Read<long>(past)),
            ("read-bytes", () => map.ReadBytes(past, 8)),
            ("gather", () => map.Gather<long>(new[] { 0L, past }, new long[2])),
            ("write", () => map.Write(past, buffer)),
            ("write-long", () => map.Write<long>(past, 42)),
            ("flush", () => map.Flush()),
            ("flush-async", () => map.Flush(async: true)),
            ("read-head", () => map.Read(0, buffer)),
            ("write-head", () => map.Write<long>(0, 42)),
            ("flush-head", () => map.Flush(0, 4096)),
        };
        var results = new List<(string, string)>();
        foreach (var (op, call) in calls)
        {
            try
            {
                call();
                results.Add((op, "ok"));
            }
            catch (MmapException e) { results.Add((op, e.Code)); }
        }
        return results;
    }
}
