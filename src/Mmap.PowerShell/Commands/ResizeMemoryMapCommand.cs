using System.Management.Automation;
using Mmap.Commands.Policy;

namespace Mmap.Commands
{
    /// <summary>Resize-MemoryMap: gives a live map a new size (MemoryMap.Resize). A ReadWrite map grows its file or tag's
    /// memory as New-MemoryMap would, and a shrink cuts the file when the map reached its end, so it is confirmable at
    /// Medium impact (Set-FileSize's); the ShouldProcess text names what happens to the file. Resize is the approved verb
    /// for a size (Resize-Partition, Resize-VHD).</summary>
    [Cmdlet(VerbsCommon.Resize, "MemoryMap", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(MemoryMap))]
    public sealed class ResizeMemoryMapCommand : MapInputCmdlet
    {
        /// <summary>The new size in bytes (KB, MB and GB suffixes work).</summary>
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateRange(1L, long.MaxValue)]
        public long Size { get; set; }

        /// <summary>Output the map after the change.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        private protected override void Process(MemoryMap map)
        {
            if (!ShouldProcess(MapChanges.Target(map), MapChanges.ResizeAction(map, Size))) return;
            bool moved = map.Resize(Size);
            WriteVerbose(MapChanges.Resized(map, moved));
            if (PassThru) WriteObject(map);
        }
    }
}
