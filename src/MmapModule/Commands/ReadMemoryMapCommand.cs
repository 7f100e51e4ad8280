using System;
using System.Management.Automation;
using System.Text;
using Mmap.Commands.Core;

namespace Mmap.Commands
{
    /// <summary>Read-MemoryMap: bytes of a map as one byte[], or as text with -AsString.</summary>
    [Cmdlet(VerbsCommunications.Read, "MemoryMap", DefaultParameterSetName = DataSets.Bytes)]
    [OutputType(typeof(byte[]), ParameterSetName = new[] { DataSets.Bytes })]
    [OutputType(typeof(string), ParameterSetName = new[] { DataSets.String })]
    public sealed class ReadMemoryMapCommand : PSCmdlet
    {
        private Encoding? _encoding;

        /// <summary>The maps to read (pipeline; mirrors are maps too).</summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNull]
        public MemoryMap[] InputObject { get; set; } = Array.Empty<MemoryMap>();

        /// <summary>Where to start reading in the map.</summary>
        [Parameter(Position = 0)]
        [ValidateRange(0L, long.MaxValue)]
        public long Offset { get; set; }

        /// <summary>Bytes to read; the rest of the map when left out.</summary>
        [Parameter(Position = 1)]
        [ValidateRange(0, int.MaxValue)]
        public int Count { get; set; }

        /// <summary>Decode the bytes as text.</summary>
        [Parameter(ParameterSetName = DataSets.String, Mandatory = true)]
        public SwitchParameter AsString { get; set; }

        /// <summary>The text encoding for -AsString (utf8 by default).</summary>
        [Parameter(ParameterSetName = DataSets.String)]
        [ArgumentCompleter(typeof(EncodingNameCompleter))]
        public string Encoding { get; set; } = TextEncodings.Default;

        /// <inheritdoc/>
        protected override void BeginProcessing()
        {
            if (ParameterSetName != DataSets.String) return;
            try { _encoding = TextEncodings.Resolve(Encoding); }
            catch (MmapException e) { this.ThrowCommandError(ErrorTranslator.Translate(e, Encoding)); }
        }

        /// <inheritdoc/>
        protected override void ProcessRecord()
        {
            int? count = this.IsBound(nameof(Count)) ? Count : (int?)null;
            foreach (var map in InputObject)
            {
                this.RunItem(map, () =>
                {
                    byte[] bytes = map.ReadBytes(Offset, DataRanges.ReadCount(map.Size, Offset, count));
                    if (_encoding != null) WriteObject(_encoding.GetString(bytes));
                    else WriteObject(bytes, enumerateCollection: false);
                });
            }
        }
    }
}
