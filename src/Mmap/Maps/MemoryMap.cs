using System;
using System.IO;
using System.Threading;
using Microsoft.Win32.SafeHandles;
using Mmap.Platform;

namespace Mmap
{
    /// <summary>
    /// A mapped range of a file or of anonymous memory. Create one with <see cref="MapFile(string, MapOptions?)"/>
    /// or <see cref="MapAnonymous"/>; free it with <see cref="Dispose"/> (or let the finalizer do it).
    /// The safe members (<c>Read</c>, <c>Write</c>, <c>Flush</c>) are bounds-checked, refuse writes to read-only
    /// maps, detect files truncated behind the map's back, and throw <see cref="ObjectDisposedException"/>
    /// after Dispose instead of touching unmapped memory. <see cref="DangerousGetPointer"/> and <see cref="GetSpan"/>
    /// give full speed without those checks. Every public property is a plain value, so a shell can format,
    /// select and serialize a map. <see cref="MirroredMap"/> is the one kind of map with members of its own.
    /// </summary>
    public unsafe partial class MemoryMap : IDisposable, IDescribed
    {
        /// <summary>The map's view and its lifetime: every access to the memory goes through here.</summary>
        private MapGate _gate;
        private readonly DateTime _createdUtc;
        /// <summary>Whether safe calls check the backing's size (recovery does not cover the map).</summary>
        private readonly bool _checksSize;
        /// <summary>Whether the calls that check once (Flush, Acquire) check the backing's size: a cut is no fault msync
        /// reports, and a lease refused at once beats one that faults in its loop.</summary>
        private readonly bool _checksSizeOnce;
        /// <summary>A size-checked shared map of a file or tag: Read of a span is one pread, not an fstat and a copy (see Read).</summary>
        private readonly bool _readsThroughFile;
        private readonly bool _flushesToFile;
        /// <summary>Guards the lease tokens and the examination of a fault.</summary>
        private readonly object _sync = new object();

        /// <summary>A map built by a factory from resolved options (<see cref="MapRules.Resolve"/>); <paramref name="tag"/>
        /// names its shared memory, or is null. What differs by kind is decided here, once.</summary>
        internal MemoryMap(MapHandle handle, MapKind kind, MapOptions options, long size, string? path, FileIdentity? identity, string? tag = null)
        {
            Kind = kind;
            Path = path;
            Tag = tag;
            FileIdentity = identity;
            bool hasBacking = kind == MapKind.File || kind == MapKind.Shared || kind == MapKind.Mirror && (path != null || tag != null);
            Offset = hasBacking ? options.Offset : 0;
            // Whatever has a descriptor can be truncated by another process (a file, a tag, a mirror's segment), which
            // turns an access past the new end into SIGBUS. Where fault recovery covers the map, that is an error after
            // the access (the view's fault cell). Elsewhere check its size per call: not devices (no size), not a size
            // nobody can change (a sealed memfd: its factory turns SizeCheck off), and not where the OS refuses to cut a
            // mapped file (Windows).
            _covered = !options.SkipFaultRecovery;
            if (_covered) handle.Cover();
            bool canBeCut = OsLayer.Current.Facts.BackingCanShrinkUnderMap && handle.File.IsOpen && (kind != MapKind.File || identity.HasValue);
            CannotFault = !handle.File.IsOpen || options.BackingSizeFixed;
            _checksSizeOnce = options.SizeCheck && canBeCut;
            _checksSize = _checksSizeOnce && handle.Fault.Slot < 0;
            var access = options.ResolvedAccess;
            // Where the OS can retire a view in place, safe calls need no per-thread bookkeeping: see MapGate.
            bool writesShared = access == MapAccess.ReadWrite && (kind == MapKind.File || path != null || tag != null);
            bool retires = MapRules.RetiresInPlace(options, OsLayer.Current.Facts, IntPtr.Size, writesShared);
            _plain = retires && !_checksSize;
            _mappedAccess = access;
            _placement = options.Placement;
            _placedAtAddress = options.Address.HasValue;
            _noReserve = options.NoReserve;
            _hasGrowRoom = options.MaxSize.HasValue;
            _gate = new MapGate(new MapView(handle, access, options.Execute, _plain), retires);
            // A shared mapping and its file show the same page-cache pages (a private one's written pages are its own);
            // not every backing can be read through its descriptor (macOS POSIX shm has no read).
            _readsThroughFile = _checksSize && access != MapAccess.CopyOnWrite && OsLayer.Current.Facts.CanReadThrough(kind);
            // Only file-backed pages have somewhere to go: anonymous, shared-memory and copy-on-write pages do not.
            _flushesToFile = access != MapAccess.CopyOnWrite && (kind == MapKind.File || kind == MapKind.Mirror && path != null);
            _createdUtc = DateTime.UtcNow; // the local time is worked out when asked: a map made in a loop never needs it
            Id = MemoryMapRegistry.NewId(); // listed by the factory once fully built (MemoryMapRegistry.Register)
            handle.RegistryId = Id;
        }

        /// <summary>Maps the file at <paramref name="path"/> (created when missing and the access is ReadWrite).</summary>
        /// <exception cref="MmapException">no_file, file_too_short, disk_full, out_of_mem, access_denied, invalid_argument.</exception>
        /// <example>
        /// <code>
        /// using var map = MemoryMap.MapFile("data.bin", new MapOptions { Access = MapAccess.ReadWrite, Size = 1 &lt;&lt; 20 });
        /// map.Write&lt;long&gt;(0, 42);
        /// map.Flush();
        /// </code>
        /// </example>
        public static MemoryMap MapFile(string path, MapOptions? options = null) => MapFactory.MapPath(path, options ?? new MapOptions());

        /// <summary>Maps the file behind an open stream. Its write buffer is flushed first; the stream stays
        /// open and owned by the caller (the map keeps its own duplicate of the handle).</summary>
        public static MemoryMap MapFile(FileStream stream, MapOptions? options = null)
        {
            if (stream is null) throw new ArgumentNullException(nameof(stream));
            // A closed FileStream can neither flush nor give its handle: say so instead of ObjectDisposedException.
            if (!stream.CanRead && !stream.CanWrite)
                throw new MmapException(MmapError.InvalidArgument, $"The stream of '{stream.Name}' is closed. Pass an open FileStream.", 0, stream.Name);
            stream.Flush();
            return MapFactory.MapDuplicate(stream.SafeFileHandle, stream.Name, stream.Name, options ?? new MapOptions());
        }

        /// <summary>Maps the file behind an open handle (file descriptor on Linux/macOS). The handle stays
        /// owned by the caller, who may close it at once: the map keeps its own duplicate.</summary>
        public static MemoryMap MapFile(SafeFileHandle handle, MapOptions? options = null)
        {
            if (handle is null) throw new ArgumentNullException(nameof(handle));
            return MapFactory.MapDuplicate(handle, $"handle {handle.DangerousGetHandle()}", null, options ?? new MapOptions());
        }

        /// <summary>Maps <paramref name="size"/> bytes of zeroed private memory (lua-mmapfile's malloc).</summary>
        /// <remarks>Access defaults to ReadWrite (<see cref="MapOptions.DefaultAccess"/>).</remarks>
        /// <example>
        /// <code>
        /// using var scratch = MemoryMap.MapAnonymous(64 &lt;&lt; 20);
        /// scratch.GetSpan(0, 4096).Fill(0xFF);
        /// </code>
        /// </example>
        public static MemoryMap MapAnonymous(long size, MapOptions? options = null)
        {
            var o = (options ?? new MapOptions()).Clone();
            o.Size = size;
            return MapFactory.MapAnonymous(o);
        }

        /// <summary>Process-unique id, by which hosts (the registry, a shell) name the map.</summary>
        public long Id { get; }

        /// <summary>What backs the map.</summary>
        public MapKind Kind { get; }

        /// <summary>Read, ReadWrite or CopyOnWrite (<see cref="ChangeAccess"/> changes it).</summary>
        public MapAccess Access => _gate.Current.Access;

        /// <summary>Whether the bytes may be executed (<see cref="ChangeAccess"/> changes it).</summary>
        public bool Execute => _gate.Current.Execute;

        /// <summary>Where the map starts. Valid until Dispose, or until a <see cref="Resize"/> that moves the map.</summary>
        public IntPtr Address => (IntPtr)_gate.Current.Start;

        /// <summary>The start as a byte pointer, for callers who want full speed and manage lifetime themselves.</summary>
        /// <remarks>Safety: nothing checks accesses through the pointer. It dangles once the map is disposed (or
        /// finalized: keep the map reachable while you use it), stays within [0, <see cref="Size"/>) only if you keep
        /// it there, and a file truncated by another process raises SIGBUS on access, which no .NET code can catch.
        /// Prefer <see cref="GetSpan"/>, <see cref="AsRef{T}"/> or the safe Read/Write members.</remarks>
        public byte* DangerousGetPointer() => _gate.Current.Start;

        /// <summary>Mapped bytes (<see cref="Resize"/> changes it).</summary>
        public long Size => _gate.Current.Size;

        /// <summary>Offset of the map in its file (0 for anonymous memory).</summary>
        public long Offset { get; }

        /// <summary>Full path of the mapped file, or null.</summary>
        public string? Path { get; }

        /// <summary>When the map was made (local time).</summary>
        public DateTime CreatedAt => _createdUtc.ToLocalTime();

        /// <summary>True after <see cref="Dispose"/> or finalization.</summary>
        public bool IsDisposed => _gate.Current.IsFreed;

        internal FileIdentity? FileIdentity { get; }

        /// <summary>The view published now (the closed one after Dispose).</summary>
        internal MapView CurrentView => _gate.Current;

        /// <summary>Whether safe calls check the backing's size (decided once, in the constructor).</summary>
        internal bool ChecksSize => _checksSize;

        /// <summary>Unmaps the memory and closes what the engine opened. Safe to call more than once. Every call after
        /// Dispose throws <see cref="ObjectDisposedException"/>; a safe call running on another thread meanwhile either
        /// completes or throws it, and never touches unmapped memory (docs/design.md: a map placed anywhere on Linux or
        /// macOS that another thread used has its addresses held by inert memory until the map is collected; other maps
        /// wait for calls in flight). A lease (<see cref="Acquire"/>) or pointer (<see cref="AcquirePointer"/>) still
        /// held keeps the memory mapped until it is released.</summary>
        public void Dispose()
        {
            // New calls are refused from here on. With a retired range, calls still running meet harmless memory and then
            // the closed view; with a guard, Close waits for them. Only pins (leases, pointers) can still use the memory.
            MapView? open = _gate.Close();
            if (open is null) return;
            if (open.Faulted) Examine(open); // remembered: the cell goes to another map
            open.Handle.Dispose();
        }

        /// <summary>A span over [<paramref name="offset"/>, offset+length): bounds-checked once, then raw.</summary>
        /// <remarks>Safety: the span does not keep the map alive and nothing checks it afterwards: used after Dispose (or
        /// finalization) it touches unmapped memory, and a file truncated by another process raises SIGBUS on access.
        /// Hold the pointer (<see cref="AcquirePointer"/>) across a Dispose on another thread, or use Read/Write.</remarks>
        public Span<byte> GetSpan(long offset, int length)
        {
            MapView view = OpenView();
            MapRules.CheckRange(offset, length, view.Size, "get a span of");
            return new Span<byte>(view.Start + offset, length);
        }

        /// <summary>A typed view of a struct in the map (lua-mmapfile's struct views): bounds-checked once, then raw.</summary>
        /// <remarks>Safety: as for <see cref="GetSpan"/>, the reference dangles after Dispose and is not checked against
        /// truncation by another process; a value another process writes meanwhile can tear unless it is aligned and
        /// accessed with <see cref="System.Threading.Interlocked"/> or <see cref="System.Threading.Volatile"/>.</remarks>
        public ref T AsRef<T>(long offset) where T : unmanaged
        {
            MapView view = OpenView();
            MapRules.CheckRange(offset, sizeof(T), view.Size, $"view a {typeof(T).Name} of");
            return ref *(T*)(view.Start + offset);
        }

        /// <summary>A short description used in messages and by hosts' default views.</summary>
        public string Description => Path is null ? $"{Kind.ToString().ToLowerInvariant()} map #{Id}" + (Tag is null ? "" : $" of tag '{Tag}'") : $"map #{Id} of '{Path}'";

        /// <inheritdoc/>
        public override string ToString() =>
            $"#{Id} {Kind} {Access}{(Execute ? "+Execute" : "")} {ByteSize.ToText(Size)} at 0x{Address.ToInt64():X}" + (Path is null ? "" : $" {Path}") + (Tag is null ? "" : $" tag '{Tag}'");

        /// <summary>The published view, or ObjectDisposedException once the map is closed.</summary>
        private MapView OpenView()
        {
            MapView view = _gate.Current;
            if (view.IsFreed) throw Disposed();
            return view;
        }

        private ObjectDisposedException Disposed() =>
            new ObjectDisposedException(nameof(MemoryMap), $"The {Description} was freed. Map the file or memory again to use it.");
    }
}
