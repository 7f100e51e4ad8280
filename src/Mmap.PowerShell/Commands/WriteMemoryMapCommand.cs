using System;
using System.Management.Automation;
using System.Text;
using Mmap.Commands.Policy;

namespace Mmap.Commands
{
    /// <summary>Write-MemoryMap: copies bytes or encoded text into maps (bounds-checked). Every write is confirmable, so
    /// -WhatIf changes no map of any kind; its impact is Low, so writes ask only with -Confirm or $ConfirmPreference = 'Low'.
    /// (ConfirmImpact is one per cmdlet, and the everyday write into private memory must not ask.)</summary>
    /// <remarks>Parameter sets: Bytes (-Value, also from the pipeline) and String (-String, -Encoding). A new kind of data
    /// gets a set of its own beside them, with the shared -InputObject, -Offset, -PassThru; -Encoding is in every set
    /// (see its remark).</remarks>
    [Cmdlet(VerbsCommunications.Write, "MemoryMap", DefaultParameterSetName = BytesSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
    [OutputType(typeof(MemoryMap))]
    public sealed class WriteMemoryMapCommand : MapInputCmdlet
    {
        /// <summary>The set of -Value: raw bytes.</summary>
        private const string BytesSet = "Bytes";

        /// <summary>The set of -String: text.</summary>
        private const string StringSet = "String";

        private byte[] _data = Array.Empty<byte>();
        private long _at;
        private bool _piped;

        /// <summary>The bytes to write; an empty array writes nothing (a loop's last, empty chunk is no error). Piped
        /// bytes (with -InputObject given) are the data, as Set-Content takes its value: each piped chunk (a byte[] from
        /// Read-MemoryMap, or single bytes) lands right after the one before, from -Offset on.</summary>
        [Parameter(ParameterSetName = BytesSet, Mandatory = true, Position = 0, ValueFromPipeline = true)]
        [AllowEmptyCollection]
        public byte[] Value { get; set; } = Array.Empty<byte>();

        /// <summary>Text to write, encoded with -Encoding (no byte-order mark).</summary>
        [Parameter(ParameterSetName = StringSet, Mandatory = true)]
        [AllowEmptyString]
        public string String { get; set; } = "";

        /// <summary>The text encoding for -String: an [Encoding], a name or a code page (utf8 by default). In every set,
        /// as Set-Content has it, so $PSDefaultParameterValues['*:Encoding'] binds everywhere; with -Value it is not used.</summary>
        [Parameter]
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
        protected override void BeginProcessing()
        {
            _at = Offset;
            _piped = ParameterSetName == BytesSet && !this.IsBound(nameof(Value)); // bound later, per pipeline item
            if (!_piped) _data = ParameterSetName == StringSet ? Encoding.GetBytes(String) : Value;
        }

        /// <inheritdoc/>
        protected override void ProcessRecord()
        {
            if (_piped) _data = Value;
            base.ProcessRecord();
            if (_piped) _at += _data.Length;
        }

        private protected override void Process(MemoryMap map)
        {
            if (!ShouldProcess(MapChanges.Target(map), MapChanges.WriteAction(map, _data.Length, _at))) return;
            DataRanges.CheckWrite(map.Size, _at, _data.Length);
            InSteps(MapChanges.Writing(map, _data.Length, _at), _data.Length,
                (done, count) => map.Write(_at + done, _data.AsSpan((int)done, count)));
            WriteVerbose(MapChanges.Wrote(map, _data.Length, _at));
            if (PassThru) WriteObject(map);
        }
    }
}
