using System;
using System.Management.Automation;
using System.Text;
using Mmap.Commands.Policy;

namespace Mmap.Commands
{
    /// <summary>Write-MemoryMap: copies bytes or encoded text into maps (bounds-checked). Every write is confirmable, so
    /// -WhatIf changes no map of any kind; its impact is Low, so writes ask only with -Confirm or $ConfirmPreference = 'Low'.
    /// (ConfirmImpact is one per cmdlet, and the everyday write into private memory must not ask.)</summary>
    [Cmdlet(VerbsCommunications.Write, "MemoryMap", DefaultParameterSetName = BytesSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
    [OutputType(typeof(MemoryMap))]
    public sealed class WriteMemoryMapCommand : MapInputCmdlet
    {
        /// <summary>The set of -Value: raw bytes.</summary>
        private const string BytesSet = "Bytes";

        /// <summary>The set of -String: text.</summary>
        private const string StringSet = "String";

        private byte[] _data = Array.Empty<byte>();

        /// <summary>The bytes to write; an empty array writes nothing (a loop's last, empty chunk is no error).</summary>
        [Parameter(ParameterSetName = BytesSet, Mandatory = true, Position = 0)]
        [AllowEmptyCollection]
        public byte[] Value { get; set; } = Array.Empty<byte>();

        /// <summary>Text to write, encoded with -Encoding (no byte-order mark).</summary>
        [Parameter(ParameterSetName = StringSet, Mandatory = true)]
        [AllowEmptyString]
        public string String { get; set; } = "";

        /// <summary>The text encoding for -String: an [Encoding], a name or a code page (utf8 by default).</summary>
        [Parameter(ParameterSetName = StringSet)]
        [EncodingTransformation]
        [ArgumentCompleter(typeof(EncodingNameCompleter))]
        public Encoding Encoding { get; set; } = TextEncodings.Utf8;

        /// <summary>Where to write in the map.</summary>
        [Parameter(Position = 1)]
        [ValidateRange(0L, long.MaxValue)]
        public long Offset { get; set; }

        /// <summary>Output the map after writing.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        /// <inheritdoc/>
        protected override void BeginProcessing() =>
            _data = ParameterSetName == StringSet ? Encoding.GetBytes(String) : Value;

        private protected override void Process(MemoryMap map)
        {
            if (!ShouldProcess(MapChanges.Target(map), MapChanges.WriteAction(map, _data.Length, Offset))) return;
            map.Write(Offset, _data);
            WriteVerbose(MapChanges.Wrote(map, _data.Length, Offset));
            if (PassThru) WriteObject(map);
        }
    }
}
