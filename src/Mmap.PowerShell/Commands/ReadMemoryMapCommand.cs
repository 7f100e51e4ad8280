using System;
using System.Management.Automation;
using System.Text;
using Mmap.Commands.Policy;

namespace Mmap.Commands
{
    /// <summary>Read-MemoryMap: bytes of a map as one byte[], text with -AsString, or numbers with -Type (one value as a
    /// number, several as one typed array, in either byte order); -Tail reads the last bytes or values.</summary>
    [Cmdlet(VerbsCommunications.Read, "MemoryMap", DefaultParameterSetName = BytesSet)]
    [OutputType(typeof(byte[]), ParameterSetName = new[] { BytesSet })] // none with -Buffer
    [OutputType(typeof(string), ParameterSetName = new[] { StringSet })]
    [OutputType(typeof(ValueType), typeof(Array), ParameterSetName = new[] { TypedSet })]
    public sealed class ReadMemoryMapCommand : TypedDataCmdlet
    {
        /// <summary>The set without -AsString (the default): raw bytes.</summary>
        private const string BytesSet = "Bytes";

        /// <summary>The set of -AsString: text.</summary>
        private const string StringSet = "String";


        /// <summary>Where to start reading in the map; with -Match, bytes from the match's start.</summary>
        [Parameter(Position = 0)]
        [ValidateRange(0L, long.MaxValue)]
        public long Offset { get; set; }

        /// <summary>Bytes to read (values with -Type); the rest of the map when left out (one value with -Type). At most what
        /// one array holds (0x7FFFFFC7 bytes); typed long so that a larger count is a clean per-map error, not a binding error.</summary>
        [Parameter(Position = 1)]
        [ValidateRange(0L, long.MaxValue)]
        public long Count { get; set; }

        /// <summary>Read into this array (from its start) instead of a new one, and output nothing: for loops of big reads,
        /// which then reuse one buffer as a FileStream loop does, instead of making the runtime find a fresh megabyte (and
        /// the OS fault in its pages) for every chunk. -Count defaults to the buffer's length.</summary>
        [Parameter(ParameterSetName = BytesSet)]
        [ValidateNotNull]
        public byte[]? Buffer { get; set; }

        /// <summary>Read the last this many bytes (values with -Type) of the map, without -Offset or -Count.</summary>
        [Parameter]
        [ValidateRange(0L, long.MaxValue)]
        public long Tail { get; set; }

        /// <summary>Decode the bytes as text.</summary>
        [Parameter(ParameterSetName = StringSet, Mandatory = true)]
        public SwitchParameter AsString { get; set; }

        /// <summary>The text encoding for -AsString: an [Encoding], a name or a code page (utf8 by default). In every
        /// set, as Get-Content has it, so a profile's $PSDefaultParameterValues['*:Encoding'] cannot turn a byte read
        /// into a text read that lacks -AsString; without -AsString it is not used.</summary>
        [Parameter]
        [EncodingTransformation]
        [ArgumentCompleter(typeof(EncodingNameCompleter))]
        public Encoding Encoding { get; set; } = TextEncodings.Utf8;

        private protected override void Process(MemoryMap map)
        {
            ValueKind kind = Kind;
            long? count = Given(nameof(Count), Count) ?? (Buffer is null || this.IsBound(nameof(Tail)) ? (long?)null : Buffer.Length);
            long? tail = Given(nameof(Tail), Tail);
            if (tail.HasValue && Match != null)
                throw new MmapException(MmapError.InvalidArgument, CmdletMessages.TailWithRange("a match of Find-MemoryMap (-Match)"));
            var (offset, length) = DataRanges.ReadRange(map.Size, StartIn(map, Offset, this.IsBound(nameof(Offset))), count, tail, kind.Size, Typed);
            if (Buffer != null && length > Buffer.Length)
                throw new MmapException(MmapError.InvalidArgument, CmdletMessages.BufferTooSmall(length, Buffer.Length));
            Read(map, kind, offset, length);
        }

        /// <summary>Reads <paramref name="count"/> values at <paramref name="offset"/> into -Buffer or a new array, and outputs them.</summary>
        private void Read(MemoryMap map, ValueKind kind, long offset, int count)
        {
            Array values = Buffer ?? kind.Allocate(count);
            int length = count * kind.Size;
            InSteps(MapChanges.Reading(map, length, offset), length, (done, step) => map.Read(offset + done, kind.BytesOf(values).Slice((int)done, step)));
            WriteVerbose(MapChanges.Read(map, length, offset));
            if (Buffer != null) return;
            if (AsString) WriteObject(TextEncodings.Decode((byte[])values, Encoding, atStart: offset == 0));
            else if (!Typed) WriteObject(values, enumerateCollection: false);
            else
            {
                kind.Reorder(values, ByteOrder);
                WriteObject(count == 1 ? values.GetValue(0) : values, enumerateCollection: false);
            }
        }

        private long? Given(string parameter, long value) => this.IsBound(parameter) ? value : (long?)null;
    }
}
