using System;
using System.Diagnostics;
using System.Threading;

namespace Mmap
{
    /// <summary>
    /// A lock-free single-producer single-consumer byte ring on a mirrored map, usable in one process or, through
    /// a tag, between two processes. Every write and read is one contiguous copy: the data block is mirrored, so
    /// bytes that run past its end land at its start.
    /// <para>Layout of a tagged ring's segment: [header][data block]. The header takes one allocation granularity
    /// (so the data block starts at a mappable offset) and is mapped once, plainly; only the data block is mirrored,
    /// by views at the data block's offset. The header holds a magic number, the version, the header size and the
    /// capacity, then the head (bytes ever written, owned by the producer) and the tail (bytes ever read, owned by
    /// the consumer) as 64-bit counters on separate cache lines. A counter is published with a release write
    /// after the bytes it covers are copied, and read with an acquire read, so the other side never sees a count
    /// before its bytes. The magic is written last at creation, so an attacher never sees a half-made header.</para>
    /// <para>One thread (or process) may write and one may read at a time; more of either need their own lock. Besides
    /// the copies (TryWrite, TryRead), the producer can write in place (<see cref="TryReserve"/>, <see cref="Commit"/>)
    /// and the consumer can read in place (<see cref="Peek()"/>, <see cref="Advance"/>): one contiguous span each, across
    /// the wrap too.</para>
    /// <para>The other process is untrusted: before every copy the counters are checked (0 &lt;= tail &lt;= head &lt;=
    /// tail + capacity, with room left below long.MaxValue) and a tagged ring's segment size is checked against what
    /// the ring needs, so a scribbled header is invalid_argument and a cut segment file_too_short, never a copy outside
    /// the data block or a SIGBUS (a cut landing during the copy itself still can: see docs/reliability.md).</para>
    /// </summary>
    public sealed unsafe partial class ByteRing : IDisposable
    {
        /// <summary>"MMAPRING" as a little-endian 64-bit number: the first 8 bytes of every ring's header.</summary>
        public const ulong Magic = 0x474E4952_50414D4D;

        /// <summary>The header layout this engine writes and accepts.</summary>
        public const int Version = 1;

        private const int MagicAt = 0, VersionAt = 8, HeaderSizeAt = 12, CapacityAt = 16, HeadAt = 64, TailAt = 128, HeaderUsed = 136;
        private const int SpinLooks = 6;
        private static readonly TimeSpan YieldFor = TimeSpan.FromMilliseconds(50);

        private readonly MemoryMap _header;
        private readonly MirroredMap _data;
        private readonly long* _head;
        private readonly long* _tail;
        private readonly byte* _block;
        private readonly bool _checkSegment;
        private readonly AccessGuard _guard = new AccessGuard();
        private int _disposed, _freed;

        private ByteRing(MemoryMap header, MirroredMap data, long capacity)
        {
            _header = header;
            _data = data;
            Capacity = capacity;
            // The header map decided whether its segment can be cut behind its back (a tag on POSIX, with SizeCheck on); an
            // anonymous ring's memory is this process's own.
            _checkSegment = header.ChecksSize;
            _head = (long*)(header.DangerousGetPointer() + HeadAt);
            _tail = (long*)(header.DangerousGetPointer() + TailAt);
            _block = data.DangerousGetPointer();
        }

        /// <summary>A ring for threads of this process, over anonymous memory.</summary>
        /// <param name="capacity">Bytes the ring holds; aligned up to the allocation granularity.</param>
        public static ByteRing Create(long capacity)
        {
            long size = CheckCapacity(capacity, null);
            MemoryMap header = MemoryMap.MapAnonymous(HeaderSize, new MapOptions { Access = MapAccess.ReadWrite });
            try { return Initialise(header, MirroredMap.MapAnonymous(size), size); }
            catch { header.Dispose(); throw; }
        }

        /// <summary>A ring in the new shared memory tag <paramref name="tag"/>, for another process to <see cref="Attach"/>.
        /// The tag must not exist (already_exists); its whole size is reserved now (a full /dev/shm: disk_full).
        /// Unlink the tag (<see cref="SharedMemory.Unlink"/>) when no process needs to attach any more.</summary>
        /// <param name="tag">The new tag.</param>
        /// <param name="capacity">Bytes the ring holds; aligned up to the allocation granularity.</param>
        /// <param name="options">SizeCheck, Placement and Populate are used; access, execute, offset, size and address are
        /// the ring's own. SizeCheck (on by default) costs one fstat per TryWrite, TryRead and UsedBytes (about 1.7 us on a
        /// 2-core VM); turn it off only when no other process can truncate the tag.</param>
        /// <param name="tagOptions">Permission and Global are used; the mode is the ring's own (CreateNew).</param>
        /// <example>
        /// <code>
        /// using var ring = ByteRing.Create("log-ring", 1 &lt;&lt; 20);            // producer process
        /// ring.TryWrite("record"u8);
        /// using var reader = ByteRing.Attach("log-ring");                  // consumer process
        /// var buffer = new byte[64];
        /// int read = reader.TryRead(buffer);
        /// </code>
        /// </example>
        public static ByteRing Create(string tag, long capacity, MapOptions? options = null, TagOptions? tagOptions = null)
        {
            long size = CheckCapacity(capacity, tag);
            if (size > long.MaxValue - HeaderSize)
                throw new MmapException(MmapError.OutOfMemory, $"A ring of {size} bytes and its {HeaderSize}-byte header overflow a 64-bit size. Use a smaller capacity.", 0, tag);
            var o = RingOptions(options);
            o.Size = HeaderSize + size;
            MemoryMap header = MemoryMap.MapShared(tag, o, RingTag(tagOptions, SharedOpenMode.CreateNew));
            try { return Initialise(header, MirrorData(tag, size, options, tagOptions), size); }
            catch
            {
                header.Dispose();
                try { SharedMemory.Unlink(tag); } catch (MmapException) { }
                throw;
            }
        }

        /// <summary>Attaches to the ring in tag <paramref name="tag"/>, made by <see cref="Create(string, long, MapOptions?, TagOptions?)"/>
        /// in this or another process. Anything else is refused with invalid_argument: a segment too small to hold a
        /// header, a wrong magic number (not a ring), another version, or a capacity that does not fit the segment.
        /// Of <paramref name="options"/> as for Create; of <paramref name="tagOptions"/> only Global (Windows).</summary>
        /// <exception cref="MmapException">no_file when the tag does not exist; invalid_argument as above.</exception>
        public static ByteRing Attach(string tag, MapOptions? options = null, TagOptions? tagOptions = null)
        {
            MemoryMap header = MemoryMap.MapShared(tag, RingOptions(options), RingTag(tagOptions, SharedOpenMode.OpenExisting));
            try
            {
                long capacity = CheckHeader(header, tag);
                return new ByteRing(header, MirrorData(tag, capacity, options, tagOptions), capacity);
            }
            catch { header.Dispose(); throw; }
        }

        /// <summary>The header's size: one allocation granularity, so the data block starts where a view can.</summary>
        public static long HeaderSize => PageInfo.Current.AllocationGranularity;

        /// <summary>Bytes the ring holds.</summary>
        public long Capacity { get; }

        /// <summary>The tag of a shared ring, or null.</summary>
        public string? Tag => _header.Tag;

        /// <summary>Bytes written and not yet read. Read by a thread that is neither the producer nor the consumer, it is a
        /// snapshot of a moving ring, at most the capacity.</summary>
        /// <exception cref="MmapException">invalid_argument when another process scribbled on the header's counters;
        /// file_too_short when it cut a tagged ring's segment (as for <see cref="TryWrite"/> and <see cref="TryRead"/>).</exception>
        public long UsedBytes
        {
            get
            {
                ReaderSlot slot = Enter();
                try
                {
                    var (head, tail) = Counters(observer: true);
                    return Math.Min(head - tail, Capacity);
                }
                finally { Leave(slot); }
            }
        }

        /// <summary>Bytes that can be written now.</summary>
        public long FreeBytes => Capacity - UsedBytes;

        /// <summary>Writes all of <paramref name="source"/> if the ring has room for it, else nothing.</summary>
        /// <returns>True when written; false when the ring is too full now.</returns>
        /// <exception cref="MmapException">invalid_argument when <paramref name="source"/> is larger than the capacity, or
        /// when the header's counters are not ones a producer and consumer can have written; file_too_short when
        /// another process cut the tag below the ring's size. Nothing is copied then.</exception>
        public bool TryWrite(ReadOnlySpan<byte> source)
        {
            CheckFits(source.Length);
            ReaderSlot slot = Enter();
            try
            {
                ThrowIfReserving();
                var (head, tail) = Counters(); // head is ours (no other writer), but the header is shared: read it once
                if (Capacity - (head - tail) < source.Length) return false;
                source.CopyTo(new Span<byte>(_block + head % Capacity, source.Length));
                ThrowIfFaulted(); // a copy that met a fault published nothing
                Volatile.Write(ref *_head, head + source.Length);
                return true;
            }
            finally { Leave(slot); }
        }

        /// <summary>Reads up to destination.Length bytes, as many as there are.</summary>
        /// <returns>The bytes read; 0 when the ring is empty.</returns>
        /// <exception cref="MmapException">invalid_argument or file_too_short as for <see cref="TryWrite"/>; nothing is copied then.</exception>
        public int TryRead(Span<byte> destination)
        {
            ReaderSlot slot = Enter();
            try
            {
                ThrowIfPeeking();
                var (head, tail) = Counters(); // tail is ours (no other reader), but the header is shared: read it once
                int count = (int)Math.Min(head - tail, destination.Length);
                if (count == 0) return 0;
                new ReadOnlySpan<byte>(_block + tail % Capacity, count).CopyTo(destination);
                ThrowIfFaulted(); // the bytes copied may be the fault handler's zeros: consume nothing
                Volatile.Write(ref *_tail, tail + count);
                return count;
            }
            finally { Leave(slot); }
        }

        /// <summary>Writes all of <paramref name="source"/>, waiting up to <paramref name="timeout"/> for room
        /// (<see cref="Timeout.InfiniteTimeSpan"/>: no limit). It spins a few microseconds, then yields the CPU, and after
        /// 50 ms of waiting sleeps 1 ms between looks.</summary>
        /// <returns>False when the time ran out; nothing was written then.</returns>
        public bool Write(ReadOnlySpan<byte> source, TimeSpan timeout)
        {
            var wait = new Waiter(timeout);
            while (!TryWrite(source))
                if (!wait.Next()) return false;
            return true;
        }

        /// <summary>Reads up to destination.Length bytes, waiting up to <paramref name="timeout"/> for at least one.</summary>
        /// <returns>The bytes read; 0 when the time ran out.</returns>
        public int Read(Span<byte> destination, TimeSpan timeout)
        {
            if (destination.Length == 0) return 0;
            var wait = new Waiter(timeout);
            int count;
            while ((count = TryRead(destination)) == 0)
                if (!wait.Next()) return 0;
            return count;
        }

        /// <summary>Frees this process's maps of the ring; a tag's memory lives on until unlinked and unmapped everywhere.</summary>
        /// <remarks>A span handed out by <see cref="TryReserve"/> or <see cref="Peek()"/> and not yet ended keeps the maps
        /// until its <see cref="Commit"/> or <see cref="Advance"/>, which then refuses with ObjectDisposedException and frees
        /// them.</remarks>
        public void Dispose()
        {
            _guard.Close(); // calls running on other threads finish first; later ones are refused
            Volatile.Write(ref _disposed, 1);
            Interlocked.MemoryBarrier(); // the store above before the reads of the windows (see EndWindowAfterDispose)
            if (NoWindowOpen) FreeMaps();
        }

        /// <summary>Unmaps the ring, once: Dispose and the end of the last window after it may both get here.</summary>
        private void FreeMaps()
        {
            if (Interlocked.Exchange(ref _freed, 1) != 0) return;
            _data.Dispose();
            _header.Dispose();
        }

        /// <inheritdoc/>
        public override string ToString() => $"ByteRing {ByteSize.ToText(Capacity)}" + (Tag is null ? "" : $" tag '{Tag}'");

        private static long CheckCapacity(long capacity, string? tag)
        {
            if (capacity <= 0)
                throw new MmapException(MmapError.InvalidArgument, $"Ring capacity {capacity} is not valid: give the number of bytes the ring holds.", 0, tag);
            long granularity = PageInfo.Current.AllocationGranularity;
            if (capacity > long.MaxValue - (granularity - 1))
                throw new MmapException(MmapError.OutOfMemory, $"A ring of {capacity} bytes cannot be aligned up to {granularity} bytes without overflowing a 64-bit size. Use a smaller capacity.", 0, tag);
            return PageInfo.Current.AlignUp(capacity);
        }

        private static MapOptions RingOptions(MapOptions? options)
        {
            var o = options?.Clone() ?? new MapOptions();
            o.Access = MapAccess.ReadWrite;
            o.Execute = false; // a ring holds data, never code
            o.Offset = 0;
            o.Size = null;
            o.Address = null;
            return o;
        }

        private static TagOptions RingTag(TagOptions? tagOptions, SharedOpenMode mode)
        {
            var t = tagOptions?.Clone() ?? new TagOptions();
            t.Mode = mode;
            return t;
        }

        private static MirroredMap MirrorData(string tag, long capacity, MapOptions? options, TagOptions? tagOptions)
        {
            var o = RingOptions(options);
            o.Offset = HeaderSize;
            return MirroredMap.MapShared(tag, capacity, 2, o, RingTag(tagOptions, SharedOpenMode.OpenExisting));
        }

        private static ByteRing Initialise(MemoryMap header, MirroredMap data, long capacity)
        {
            byte* h = header.DangerousGetPointer();
            *(int*)(h + VersionAt) = Version;
            *(int*)(h + HeaderSizeAt) = (int)HeaderSize;
            *(long*)(h + CapacityAt) = capacity;
            *(long*)(h + HeadAt) = 0;
            *(long*)(h + TailAt) = 0;
            Volatile.Write(ref *(ulong*)(h + MagicAt), Magic);
            return new ByteRing(header, data, capacity);
        }

        /// <summary>Reads and checks a header; returns the capacity.</summary>
        private static long CheckHeader(MemoryMap header, string tag)
        {
            if (header.Size < HeaderSize + HeaderUsed)
                throw NotARing(tag, $"its {header.Size} bytes cannot hold a ring header ({HeaderSize} bytes) and data");
            ulong magic = Volatile.Read(ref *(ulong*)(header.DangerousGetPointer() + MagicAt));
            if (magic != Magic)
                throw NotARing(tag, $"it starts with 0x{magic:X16}, not the ring magic 0x{Magic:X16}");
            int version = header.Read<int>(VersionAt);
            if (version != Version)
                throw NotARing(tag, $"its header is version {version}; this engine reads version {Version}. Use the same Mmap version on both sides");
            int headerSize = header.Read<int>(HeaderSizeAt);
            long capacity = header.Read<long>(CapacityAt);
            if (headerSize != HeaderSize || capacity <= 0 || capacity % PageInfo.Current.AllocationGranularity != 0 || headerSize + capacity != header.Size)
                throw NotARing(tag, $"its header says {headerSize} header bytes and capacity {capacity}, which do not fit its {header.Size} bytes here");
            return capacity;
        }

        private static MmapException NotARing(string tag, string why) =>
            new MmapException(MmapError.InvalidArgument,
                $"Shared memory tag '{tag}' is not a ByteRing this engine can attach to: {why}. Attach only to tags made by ByteRing.Create.", 0, tag);

        private void CheckFits(int length)
        {
            if (length > Capacity)
                throw new MmapException(MmapError.InvalidArgument,
                    $"Cannot write {length} bytes at once into a ring of {Capacity} bytes. Write in pieces of at most {Capacity} bytes, or make a larger ring.", 0, Tag);
        }

        /// <summary>The head and tail, each read once, after the segment is known to hold the whole ring. Checked so
        /// that every offset the caller derives lies in the mirror: head % capacity and tail % capacity are in [0,
        /// capacity) only for counters &gt;= 0, a copy of at most head - tail &lt;= capacity bytes from there stays inside
        /// the two copies, and head + capacity cannot overflow when published. The tail is read first: both only grow and
        /// the tail never passes the head, so even an <paramref name="observer"/> (neither producer nor consumer) sees
        /// tail &lt;= head; only the distance can exceed the capacity for it, the producer having moved on meanwhile.</summary>
        private (long Head, long Tail) Counters(bool observer = false)
        {
            if (_checkSegment) CheckSegment();
            long tail = Volatile.Read(ref *_tail), head = Volatile.Read(ref *_head);
            ThrowIfFaulted(); // counters read from the fault handler's zeros are none: a fault earlier or now refuses the call
            if (tail < 0 || head < tail || (!observer && head - tail > Capacity) || head > long.MaxValue - Capacity)
                throw Scribbled(head, tail, $"they need 0 <= tail <= head <= tail + {Capacity}, below {long.MaxValue - Capacity}");
            return (head, tail);
        }

        private MmapException Scribbled(long head, long tail, string why) =>
            new MmapException(MmapError.InvalidArgument,
                $"The ring's head ({head}) and tail ({tail}) are not counters one ByteRing producer and consumer can have written " +
                $"({why}): another process scribbled on its header. Nothing was copied or published. Make a new ring.", 0, Tag);

        /// <summary>A page of the segment past its end raises SIGBUS, which .NET cannot catch: check its size first.</summary>
        private void CheckSegment()
        {
            long needed = HeaderSize + Capacity;
            long size = _header.BackingSize(); // the ring's guard keeps the header mapped
            if (size < needed)
                throw new MmapException(MmapError.FileTooShort,
                    $"The ring in tag '{Tag}' is now {size} bytes: another process truncated it below the {needed} bytes the ring needs. " +
                    "Nothing was copied. Make a new ring (ByteRing.Create), or have its creator grow the tag back.", 0, Tag);
        }

        /// <summary>Enters the ring's guard for the length of a call, with no locked instruction (the producer and consumer
        /// would otherwise bounce one reference count between their CPUs on every call): Dispose on another thread waits
        /// for the call, and later calls fail cleanly. The ring alone disposes its maps, after closing the guard.</summary>
        private ReaderSlot Enter()
        {
            ReaderSlot slot = ReaderSlot.Mine;
            if (!_guard.TryEnter(slot)) throw Disposed();
            return slot;
        }

        /// <summary>A fault in the header or the data block during the call (a peer cut the tag): their map's error.</summary>
        private void ThrowIfFaulted()
        {
            _header.ThrowIfFaulted();
            _data.ThrowIfFaulted();
        }

        private ObjectDisposedException Disposed() =>
            new ObjectDisposedException(nameof(ByteRing), $"The {this} was disposed. Create or attach a ring again to use it.");

        private void Leave(ReaderSlot slot)
        {
            AccessGuard.Leave(slot);
            GC.KeepAlive(this); // the maps' finalizers must not run while a call uses their memory
        }

        /// <summary>Spin a few microseconds (the other side is usually just behind), then give the CPU away (yield) for
        /// up to <see cref="YieldFor"/>, then sleep 1 ms per look so a stalled peer costs no CPU; the deadline is
        /// checked on every look. The spin is short on purpose: Thread.SpinWait(n) lasts n times 35-70 ns, and a
        /// waiter that spins for milliseconds holds a CPU its peer may need (two threads sharing one busy core then
        /// hand over only when the spinner's time slice ends: a 1 GiB stream took seconds instead of 0.1 s).</summary>
        internal struct Waiter
        {
            private readonly Stopwatch _clock;
            private readonly TimeSpan _timeout;
            private int _looks;

            internal Waiter(TimeSpan timeout)
            {
                if (timeout < TimeSpan.Zero && timeout != Timeout.InfiniteTimeSpan)
                    throw new ArgumentOutOfRangeException(nameof(timeout), timeout, "Give a timeout of zero or more, or Timeout.InfiniteTimeSpan.");
                _timeout = timeout;
                _clock = Stopwatch.StartNew();
                _looks = 0;
            }

            internal bool Next()
            {
                if (_timeout != Timeout.InfiniteTimeSpan && _clock.Elapsed >= _timeout) return false;
                int spins = SpinIterations(++_looks);
                if (spins > 0) Thread.SpinWait(spins);
                else if (_clock.Elapsed < YieldFor) Thread.Yield();
                else Thread.Sleep(1);
                return true;
            }

            /// <summary>The busy wait of look <paramref name="look"/> (1, 2, ...) in Thread.SpinWait iterations: doubling
            /// from 2 for the first <see cref="SpinLooks"/> looks (126 in all), then 0: yield or sleep instead.</summary>
            internal static int SpinIterations(int look) => look >= 1 && look <= SpinLooks ? 1 << look : 0;
        }
    }
}
