using System;
using System.Management.Automation;
using Mmap.Commands.Core;

namespace Mmap.Commands
{
    /// <summary>Write-MemoryMap: copies bytes or encoded text into maps (bounds-checked).</summary>
    [Cmdlet(VerbsCommunications.Write, "MemoryMap", DefaultParameterSetName = DataSets.Bytes, SupportsShouldProcess = true)]
    [OutputType(typeof(MemoryMap))]
    public sealed class WriteMemoryMapCommand : PSCmdlet
    {
        private byte[] _data = Array.Empty<byte>();

        /// <summary>The maps to write into (pipeline; mirrors are maps too).</summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNull]
        public MemoryMap[] InputObject { get; set; } = Array.Empty<MemoryMap>();

        /// <summary>The bytes to write.</summary>
        [Parameter(ParameterSetName = DataSets.Bytes, Mandatory = true, Position = 0)]
        [ValidateNotNull]
        public byte[] Value { get; set; } = Array.Empty<byte>();

        /// <summary>Text to write, encoded with -Encoding (no byte-order mark).</summary>
        [Parameter(ParameterSetName = DataSets.String, Mandatory = true)]
        [AllowEmptyString]
        public string String { get; set; } = "";

        /// <summary>The text encoding for -String (utf8 by default).</summary>
        [Parameter(ParameterSetName = DataSets.String)]
        [ArgumentCompleter(typeof(EncodingNameCompleter))]
        public string Encoding { get; set; } = TextEncodings.Default;

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
            if (ParameterSetName != DataSets.String)
            {
                _data = Value;
                return;
            }
            try { _data = TextEncodings.Resolve(Encoding).GetBytes(String); }
            catch (MmapException e) { this.ThrowCommandError(ErrorTranslator.Translate(e, Encoding)); }
        }

        /// <inheritdoc/>
        protected override void ProcessRecord()
        {
            foreach (var map in InputObject)
            {
                this.RunItem(map, () =>
                {
                    if (MapChanges.WriteIsConfirmable(map) &&
                        !ShouldProcess(MapChanges.Target(map), MapChanges.WriteAction(map, _data.Length, Offset)))
                        return;
                    map.Write(Offset, _data);
                    if (PassThru) WriteObject(map);
                });
            }
        }
    }
}
