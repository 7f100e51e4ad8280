using System.Management.Automation;
using Mmap.Commands.Policy;

namespace Mmap.Commands
{
    /// <summary>The -Match of Read-MemoryMap and Write-MemoryMap: a match of Find-MemoryMap piped in binds itself here (by
    /// value) and its map to -InputObject (by property name, through the Map alias), and the call starts at the match.
    /// -Offset cannot bind by property name instead: a piped map's own Offset is where it starts in its file.</summary>
    public abstract class MatchInputCmdlet : MapInputCmdlet
    {
        /// <summary>A match of Find-MemoryMap: where the read or write starts (-Offset then counts from it).</summary>
        [Parameter(ValueFromPipeline = true)]
        [ValidateNotNull]
        public MapMatch? Match { get; set; }

        /// <summary>Where the call starts in <paramref name="map"/>: -Offset from the match when one is given (0 when -Offset
        /// is left out), else -Offset or null when it is left out.</summary>
        private protected long? StartIn(MemoryMap map, long offset, bool offsetGiven) =>
            Match is null ? (offsetGiven ? offset : (long?)null) : MatchOffsets.Start(map, Match.Map, Match.Offset, offsetGiven ? offset : 0);
    }
}
