using System;
using System.Management.Automation;
using System.Text;
using Mmap.Commands.Policy;

namespace Mmap.Commands
{
    /// <summary>Read-MemoryMap: bytes of a map as one byte[], or as text with -AsString.</summary>
    [Cmdlet(VerbsCommunications.Read, "MemoryMap", DefaultParameterSetName = BytesSet)]
    [OutputType(typeof(byte[]), ParameterSetName = new[] { BytesSet })]
    [OutputType(typeof(string), ParameterSetName = new[] { StringSet })]
    public sealed class ReadMemoryMapCommand : MapInputCmdlet
    {
        /// <summary>The set without -AsString (the default): raw bytes.</summary>
        private const string BytesSet = "Bytes";

        /// <summary>The set of -AsString: text.</summary>
        private const string StringSet = "String";

        /// <summary>Where to start reading in the map.</summary>
        [Parameter(Position = 0)]
        [ValidateRange(0L, long.MaxValue)]
        public long Offset { get; set; }

        /// <summary>Bytes to read; the rest of the map when left out. At most what one byte[] holds (0x7FFFFFC7); typed
        /// long so that a larger count is a clean per-map error, not a binding error.</summary>
        [Parameter(Position = 1)]
        [ValidateRange(0L, long.MaxValue)]
        public long Count { get; set; }

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
            var bytes = new byte[DataRanges.ReadCount(map.Size, Offset, this.IsBound(nameof(Count)) ? Count : (long?)null)];
            InSteps(MapChanges.Reading(map, bytes.Length, Offset), bytes.Length, (done, count) => map.Read(Offset + done, bytes.AsSpan((int)done, count)));
            WriteVerbose(MapChanges.Read(map, bytes.Length, Offset));
            if (AsString) WriteObject(TextEncodings.Decode(bytes, Encoding, atStart: Offset == 0));
            else WriteObject(bytes, enumerateCollection: false);
        }
    }
}
