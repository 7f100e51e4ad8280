using System.Management.Automation;
using Mmap.Commands.Policy;

namespace Mmap.Commands
{
    /// <summary>The -Offset and -Length of the cmdlets that act on a range of pages of each map (Sync-, Lock-, Unlock-,
    /// Set- and Measure-MemoryMap): the whole map when both are left out; a start inside a page covers that page.</summary>
    public abstract class MapRangeCmdlet : MapInputCmdlet
    {
        /// <summary>Start of the range in the map; aligned left to its page.</summary>
        [Parameter(Position = 0)]
        [ValidateRange(0L, long.MaxValue)]
        public long Offset { get; set; }

        /// <summary>Bytes the range covers; the rest of the map from -Offset when left out.</summary>
        [Parameter(Position = 1)]
        [ValidateRange(0L, long.MaxValue)]
        public long Length { get; set; }

        /// <summary>The range's length in <paramref name="map"/>, checked before anything is done.</summary>
        private protected long LengthIn(MemoryMap map, string action) =>
            DataRanges.RangeLength(map.Size, Offset, this.IsBound(nameof(Length)) ? Length : (long?)null, action);
    }
}
