using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Text;
using Mmap.Commands.Policy;

namespace Mmap.Commands
{
    /// <summary>Write-MemoryMap: copies bytes or encoded text into maps (bounds-checked). Every write is confirmable, so
    /// -WhatIf changes no map of any kind; its impact is Low, so writes ask only with -Confirm or $ConfirmPreference = 'Low'.
    /// (ConfirmImpact is one per cmdlet, and the everyday write into private memory must not ask.)</summary>
    /// <remarks>Parameter sets: Bytes (-Value, also from the pipeline), String (-String, -Encoding) and Typed (-Number,
    /// -Type, -ByteOrder). A new kind of data gets a set of its own beside them, with the shared -InputObject, -Offset,
    /// -Expect, -PassThru; -Encoding is in every set (see its remark).</remarks>
    [Cmdlet(VerbsCommunications.Write, "MemoryMap", DefaultParameterSetName = BytesSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
    [OutputType(typeof(MemoryMap))]
    public sealed class WriteMemoryMapCommand : TypedDataCmdlet
    {
        /// <summary>The set of -Value: raw bytes.</summary>
        private const string BytesSet = "Bytes";

        /// <summary>The set of -String: text.</summary>
        private const string StringSet = "String";


        private byte[] _data = Array.Empty<byte>();
        private byte[]? _expected;
        private readonly HashSet<MemoryMap> _unexpected = new HashSet<MemoryMap>(); // maps whose -Expect failed: no later chunk lands
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

        /// <summary>Numbers to write as -Type values, one or an array, in -ByteOrder; a number that does not fit the type
        /// is an error and nothing is written.</summary>
        [Parameter(ParameterSetName = TypedSet, Mandatory = true)]
        public object[] Number { get; set; } = Array.Empty<object>();

        /// <summary>What must be at -Offset for the write to happen (compared over its own length): bytes; with -Type,
        /// numbers of that type; with -String, a text. Anything else there is unexpected_content and nothing is written.</summary>
        [Parameter]
        [ValidateNotNull]
        public object? Expect { get; set; }

        /// <summary>Where to write in the map; with -Match, bytes from the match's start.</summary>
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
            try
            {
                if (!_piped) _data = ParameterSetName == StringSet ? Encoding.GetBytes(String)
                    : Typed ? Kind.Encode(Number, ByteOrder, "-Number")
                    : Value;
                if (Expect != null) _expected = ExpectedBytes(Expect);
            }
            catch (MmapException e) { ThrowTerminatingError(ErrorTranslator.Translate(e, null)); }
        }

        /// <summary>-Expect as bytes: a text with -String, numbers of -Type with -Number, else bytes (each a number from 0 to 255).</summary>
        private byte[] ExpectedBytes(object expect)
        {
            object bare = expect is PSObject wrapped ? wrapped.BaseObject : expect;
            if (ParameterSetName == StringSet && bare is string text) return Encoding.GetBytes(text);
            if (Typed) return Kind.Encode(ValueKind.Items(bare), ByteOrder, "-Expect");
            return bare as byte[] ?? ValueKind.Bytes.Encode(ValueKind.Items(bare), ByteOrder.LittleEndian, "-Expect");
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
            // Each match is a write of its own; piped chunks land one after another from -Offset.
            long at = Match is null ? _at : StartIn(map, Offset, this.IsBound(nameof(Offset)))!.Value;
            // -Expect is checked before the first write to a map (piped chunks: before the first chunk), all or nothing.
            if (Match is null && _unexpected.Contains(map)) return;
            byte[]? found = _expected != null && (Match != null || _at == Offset) ? map.ReadBytes(at, _expected.Length) : null;
            if (found != null && !found.AsSpan().SequenceEqual(_expected))
            {
                if (Match is null) _unexpected.Add(map);
                WriteError(ExpectedContent.Mismatch(map, at, found, _expected!, _data, Typed ? Kind : null, ByteOrder));
                return;
            }
            string action = MapChanges.WriteAction(map, _data.Length, at) + (found is null ? "" : ExpectedContent.Change(found, _data));
            if (!ShouldProcess(MapChanges.Target(map), action)) return;
            DataRanges.CheckWrite(map.Size, at, _data.Length);
            InSteps(MapChanges.Writing(map, _data.Length, at), _data.Length,
                (done, count) => map.Write(at + done, _data.AsSpan((int)done, count)));
            WriteVerbose(MapChanges.Wrote(map, _data.Length, at));
            if (PassThru) WriteObject(map);
        }
    }
}
