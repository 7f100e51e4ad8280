using System;
using System.IO;
using System.Management.Automation;
using System.Management.Automation.Host;
using Mmap.Commands.Policy;

namespace Mmap.Commands
{
    /// <summary>Set-FileSize: creates, extends or truncates files; truncation asks first.</summary>
    [Cmdlet(VerbsCommon.Set, "FileSize", DefaultParameterSetName = PathSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(FileInfo))]
    public sealed class SetFileSizeCommand : FileCmdlet
    {
        private bool _yesToAll, _noToAll;

        /// <summary>The new size in bytes.</summary>
        [Parameter(Mandatory = true, Position = 1)]
        [ValidateRange(0L, long.MaxValue)]
        public long Size { get; set; }

        /// <summary>Grow without reserving disk space (see the help for the risk of writing into holes through a map).</summary>
        [Parameter]
        public SwitchParameter Sparse { get; set; }

        /// <summary>Truncate without the extra question (-Confirm:$false does not skip it: truncation loses data).</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>Output the file as Get-Item would (a FileInfo with the provider's PS* properties).</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        /// <inheritdoc/>
        protected override void ProcessRecord() =>
            ForEachFile(PathMultiplicity.Each, Resize);

        private void Resize(string path)
        {
            var change = FileSizeChange.ForFile(path, Size, CmdletSupport.CurrentSession);
            if (change.ChangesFile)
            {
                if (!ShouldProcess(path, change.Action)) return;
                if (change.NeedsTruncationQuestion(Force) && !ConfirmTruncation(change)) return;
            }
            if (change.GrowsInSteps(Sparse)) Grow(change);
            else FileSizer.SetSize(path, Size, Sparse);
            WriteVerbose(change.Done);
            // What Get-Item gives (PSPath, PSParentPath... note properties), so the output pipes on like a provider item.
            if (PassThru) WriteObject(InvokeProvider.Item.Get(new[] { path }, false, true), enumerateCollection: true);
        }

        /// <summary>Grows the file a step at a time (each step reserves its blocks), so a big growth shows progress and
        /// stops within a second; a stop or a failure half-way (disk_full) puts the file back as it was.</summary>
        private void Grow(FileSizeChange change)
        {
            long from = change.CurrentSize ?? 0;
            try
            {
                FileSizer.SetSize(change.Path, from); // creates a missing file, as the first step would
                InSteps(change.Activity, change.Growth, (done, count) => FileSizer.SetSize(change.Path, from + done + count));
            }
            catch (Exception e) when (e is PipelineStoppedException || ErrorTranslator.IsExpected(e))
            {
                change.PutBack();
                throw;
            }
        }

        /// <summary>The truncation question; a host that cannot ask gets confirmation_required and the file stays as it is.</summary>
        private bool ConfirmTruncation(FileSizeChange change)
        {
            // pwsh's console host reads answers from standard input. Redirected, no person is there to answer: at its end
            // the host takes the empty line as the default Yes (or fails with a NullReferenceException of its own).
            if (Host.Name == "ConsoleHost" && Console.IsInputRedirected)
            {
                WriteError(change.ConfirmationRequired("its standard input is redirected, so no one can answer"));
                return false;
            }
            try { return ShouldContinue(change.TruncationQuestion, "Truncate file", ref _yesToAll, ref _noToAll); }
            catch (PSInvalidOperationException) // pwsh -NonInteractive
            {
                WriteError(change.ConfirmationRequired("PowerShell runs non-interactively"));
            }
            catch (HostException) // no user interface: thread jobs, ForEach-Object -Parallel, hosted runspaces
            {
                WriteError(change.ConfirmationRequired("it has no user interface"));
            }
            return false;
        }
    }
}
