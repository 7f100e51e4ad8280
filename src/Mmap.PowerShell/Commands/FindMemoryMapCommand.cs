using System;
using System.Management.Automation;
using System.Text;
using Mmap.Commands.Policy;

namespace Mmap.Commands
{
    /// <summary>Find-MemoryMap: where a byte pattern or a text occurs in maps, by the engine's vectorized search, without
    /// reading the map into PowerShell. A search that takes more than a second shows progress; Ctrl+C stops it within one
    /// step of the engine's search (4 MiB).</summary>
    [Cmdlet(VerbsCommon.Find, "MemoryMap", DefaultParameterSetName = BytesSet)]
    [OutputType(typeof(MapMatch))]
    public sealed class FindMemoryMapCommand : MapInputCmdlet
    {
        /// <summary>The set of -Pattern: bytes.</summary>
        private const string BytesSet = "Bytes";

        /// <summary>The set of -String: text.</summary>
        private const string StringSet = "String";

        private byte[] _pattern = Array.Empty<byte>();

        /// <summary>The maps to search (pipeline). Also positional, after -Pattern's place, so the map can come first as
        /// in Select-String's "pattern, then where": <c>Find-MemoryMap $map -String 'ERR'</c>,
        /// <c>Find-MemoryMap $map -Pattern $bytes</c> and <c>$map | Find-MemoryMap $bytes</c> all bind.</summary>
        [Parameter(ParameterSetName = BytesSet, Mandatory = true, Position = 1, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Parameter(ParameterSetName = StringSet, Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Map")]
        [ValidateNotNull]
        public override MemoryMap[] InputObject { get; set; } = Array.Empty<MemoryMap>();

        /// <summary>The bytes to find.</summary>
        [Parameter(ParameterSetName = BytesSet, Mandatory = true, Position = 0)]
        public byte[] Pattern { get; set; } = Array.Empty<byte>();

        /// <summary>Text to find, encoded with -Encoding (no byte-order mark).</summary>
        [Parameter(ParameterSetName = StringSet, Mandatory = true)]
        public string String { get; set; } = "";

        /// <summary>The text encoding for -String: an [Encoding], a name or a code page (utf8 by default).</summary>
        [Parameter(ParameterSetName = StringSet)]
        [EncodingTransformation]
        [ArgumentCompleter(typeof(EncodingNameCompleter))]
        public Encoding Encoding { get; set; } = TextEncodings.Utf8;

        /// <summary>Where the searched range starts in the map.</summary>
        [Parameter]
        [ValidateRange(0L, long.MaxValue)]
        public long Offset { get; set; }

        /// <summary>Bytes the searched range covers; the rest of the map when left out.</summary>
        [Parameter]
        [ValidateRange(0L, long.MaxValue)]
        public long Count { get; set; }

        /// <summary>Every match, not only the first (matches do not overlap).</summary>
        [Parameter]
        public SwitchParameter All { get; set; }

        /// <summary>The last match instead of the first; with -All, every match from the last to the first.</summary>
        [Parameter]
        public SwitchParameter Last { get; set; }

        /// <inheritdoc/>
        protected override void BeginProcessing() =>
            _pattern = ParameterSetName == StringSet ? Encoding.GetBytes(String) : Pattern;

        private protected override void Process(MemoryMap map)
        {
            long count = DataRanges.SearchCount(map.Size, Offset, this.IsBound(nameof(Count)) ? Count : (long?)null);
            var progress = new CmdletProgress(this, $"Searching {MapWording.Name(map)} for {MapWording.Count(_pattern.Length)}", count);
            int found = 0;
            try
            {
                foreach (long at in MapSearch.Matches(map, _pattern, Offset, count, All, Last, StopToken, progress))
                {
                    var (start, length) = MapSearch.Context(map.Size, at, _pattern.Length);
                    WriteObject(new MapMatch(map, at, _pattern.Length, map.ReadBytes(start, length), start));
                    found++;
                }
            }
            catch (OperationCanceledException) when (StopToken.IsCancellationRequested)
            {
                throw new PipelineStoppedException();
            }
            progress.Complete();
            WriteVerbose(MapChanges.Searched(map, Offset, count, _pattern.Length, found));
        }
    }
}
