namespace Mmap.TestHelper;

/// <summary>
/// A deterministic byte stream both sides of a ring test can generate: the 8 bytes at stream position 8*i are
/// a mix of i, so a lost, repeated or reordered byte changes the running hash. Lengths are multiples of 8.
/// </summary>
public static class TestStream
{
    /// <summary>Fills <paramref name="chunk"/> (a multiple of 8 bytes) with the stream from <paramref name="position"/>.</summary>
    public static void Fill(Span<byte> chunk, long position)
    {
        var words = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, ulong>(chunk);
        ulong index = (ulong)position / 8;
        for (int i = 0; i < words.Length; i++) words[i] = Mix(index + (ulong)i);
    }

    /// <summary>An order-sensitive hash of the stream's bytes, updated chunk by chunk (multiples of 8 bytes).</summary>
    public static ulong Hash(ulong hash, ReadOnlySpan<byte> chunk)
    {
        foreach (ulong w in System.Runtime.InteropServices.MemoryMarshal.Cast<byte, ulong>(chunk))
            hash = (hash ^ w) * 0x100000001B3UL + 0x9E3779B97F4A7C15UL;
        return hash;
    }

    /// <summary>The hash of the first <paramref name="length"/> bytes of the stream, computed without any ring.</summary>
    public static ulong ExpectedHash(long length, int chunkSize)
    {
        var buffer = new byte[chunkSize];
        ulong hash = 0;
        for (long at = 0; at < length; at += chunkSize)
        {
            Fill(buffer, at);
            hash = Hash(hash, buffer);
        }
        return hash;
    }

    /// <summary>splitmix64's finaliser: every index gives a different, well-spread word.</summary>
    private static ulong Mix(ulong x)
    {
        x += 0x9E3779B97F4A7C15UL;
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
        return x ^ (x >> 31);
    }

    /// <summary>Writes <paramref name="length"/> bytes of the stream into the ring in chunks; returns their hash.</summary>
    public static ulong Produce(ByteRing ring, long length, int chunkSize, TimeSpan stallLimit)
    {
        var chunk = new byte[chunkSize];
        ulong hash = 0;
        for (long at = 0; at < length; at += chunkSize)
        {
            Fill(chunk, at);
            hash = Hash(hash, chunk);
            if (!ring.Write(chunk, stallLimit))
                throw new TimeoutException($"The consumer took no data for {stallLimit} at stream position {at}.");
        }
        return hash;
    }

    /// <summary>Reads exactly <paramref name="length"/> bytes of the stream from the ring; returns their hash.</summary>
    public static ulong Consume(ByteRing ring, long length, int chunkSize, TimeSpan stallLimit)
    {
        var chunk = new byte[chunkSize];
        ulong hash = 0;
        for (long at = 0; at < length; at += chunkSize)
        {
            int filled = 0;
            while (filled < chunkSize)
            {
                int n = ring.Read(chunk.AsSpan(filled), stallLimit);
                if (n == 0) throw new TimeoutException($"The producer sent no data for {stallLimit} at stream position {at + filled}.");
                filled += n;
            }
            hash = Hash(hash, chunk);
        }
        return hash;
    }
}
