using System;
using System.Management.Automation;
using Mmap.Commands.Policy;

namespace Mmap.Commands
{
    /// <summary>New-MemoryMap: maps a file (by -Path or -LiteralPath), shared memory by -Tag, or anonymous memory.
    /// Creating or extending a file or tag is confirmable (Medium impact, as New-Item): -WhatIf creates nothing.</summary>
    [Cmdlet(VerbsCommon.New, "MemoryMap", DefaultParameterSetName = PathSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(MemoryMap))]
    public sealed class NewMemoryMapCommand : NewMapCmdlet
    {
        /// <summary>Map zeroed private memory instead of a file.</summary>
        [Parameter(ParameterSetName = AnonymousSet, Mandatory = true)]
        public SwitchParameter Anonymous { get; set; }

        /// <summary>Bytes to map: the rest of the file or tag when left out; required for anonymous memory and new tags.</summary>
        [Parameter(ParameterSetName = PathSet)]
        [Parameter(ParameterSetName = LiteralPathSet)]
        [Parameter(ParameterSetName = TagSet)]
        [Parameter(ParameterSetName = AnonymousSet, Mandatory = true)]
        [ValidateRange(1L, long.MaxValue)]
        public long Size { get; set; }

        /// <summary>Also allow executing the mapped bytes.</summary>
        [Parameter]
        public SwitchParameter Execute { get; set; }

        /// <summary>Fault every page in while mapping.</summary>
        [Parameter]
        public SwitchParameter Populate { get; set; }

        /// <summary>Anonymous memory on explicit large pages of this size: one of Get-PageSize -LargePages (2MB, 1GB).</summary>
        [Parameter(ParameterSetName = AnonymousSet)]
        [ValidateRange(1L, long.MaxValue)]
        public long PageSize { get; set; }

        /// <summary>Anonymous memory on the system's default large pages (Get-PageSize's LargePageSize).</summary>
        [Parameter(ParameterSetName = AnonymousSet)]
        public SwitchParameter LargePages { get; set; }
        /// <summary>Anonymous memory only: reserve no memory or swap for it up front (MAP_NORESERVE), so a map larger than
        /// RAM plus swap can be made; a page touched when the system has no memory left then ends a process (Linux's OOM
        /// killer), which no error can report. Not on Windows (not_supported).</summary>
        [Parameter(ParameterSetName = AnonymousSet)]
        public SwitchParameter NoReserve { get; set; }

        /// <summary>Address space to hold so that Resize-MemoryMap up to this size grows the map in place (it never moves):
        /// room only, no memory. At least -Size. Not with -Address or -Placement; not on Windows (not_supported).</summary>
        [Parameter]
        [ValidateRange(1L, long.MaxValue)]
        public long MaxSize { get; set; }

        /// <summary>How the map will be used (Normal, Random, Sequential, WillNeed), given to the OS once the map is made
        /// (Set-MemoryMap -Advice changes it later).</summary>
        [Parameter]
        public MapAdvice Advice { get; set; }

        /// <summary>Skip the per-access check that the file or tag was not truncated by someone else.</summary>
        [Parameter(ParameterSetName = PathSet)]
        [Parameter(ParameterSetName = LiteralPathSet)]
        [Parameter(ParameterSetName = TagSet)]
        public SwitchParameter NoSizeCheck { get; set; }

        private protected override NewMapParameters Bind()
        {
            NewMapParameters request = base.Bind();
            request.Size = this.IsBound(nameof(Size)) ? Size : (long?)null;
            request.Execute = Execute;
            request.Populate = false; // done by Prepare, in steps
            request.NoSizeCheck = NoSizeCheck;
            request.PageSize = this.IsBound(nameof(PageSize)) ? PageSize : (long?)null;
            request.LargePages = LargePages;
            request.NoReserve = NoReserve;
            request.MaxSize = this.IsBound(nameof(MaxSize)) ? MaxSize : (long?)null;
            return request;
        }

        /// <summary>-Advice, then -Populate in steps (the engine's MAP_POPULATE is one system call that no Ctrl+C interrupts: 8 s for
        /// a cold multi-GB file), with progress.</summary>
        private protected override void Prepare(MemoryMap map)
        {
            if (this.IsBound(nameof(Advice))) map.Advise(Advice);
            if (!Populate) return;
            var buffer = new byte[(int)Math.Min(LongWork.StepBytes, map.Size)];
            InSteps(MapChanges.Populating(map), map.Size, (done, count) => MapPopulation.Step(map, done, buffer.AsSpan(0, count)));
        }

        private protected override SourceChange? ChangeOf(NewMapParameters request, string? path) => NewMapPlanner.ChangeOf(request, path);

        private protected override MemoryMap Open(NewMapParameters request, string? path) =>
            NewMapPlanner.Open(request, path, CmdletSupport.CurrentSession);
    }
}
