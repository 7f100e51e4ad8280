using System;
using System.IO;
using System.Management.Automation;
using Mmap.Commands.Core;

namespace Mmap.Commands
{
    /// <summary>Set-FileSize: creates, extends or truncates files; truncation asks first.</summary>
    [Cmdlet(VerbsCommon.Set, "FileSize", DefaultParameterSetName = PathSets.Path, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(FileInfo))]
    public sealed class SetFileSizeCommand : PSCmdlet
    {
        /// <summary>The files to size; wildcards size every match, a plain path that does not exist is created.</summary>
        [Parameter(ParameterSetName = PathSets.Path, Mandatory = true, Position = 0, ValueFromPipeline = true)]
        [ValidateNotNullOrEmpty]
        [SupportsWildcards]
        public string[] Path { get; set; } = Array.Empty<string>();

        /// <summary>The files to size, taken literally; binds FileInfo objects by their PSPath.</summary>
        [Parameter(ParameterSetName = PathSets.LiteralPath, Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [Alias("PSPath", "LP")]
        [ValidateNotNullOrEmpty]
        public string[] LiteralPath { get; set; } = Array.Empty<string>();

        /// <summary>The new size in bytes.</summary>
        [Parameter(Mandatory = true, Position = 1)]
        [ValidateRange(0L, long.MaxValue)]
        public long Size { get; set; }

        /// <summary>Grow without reserving disk space.</summary>
        [Parameter]
        public SwitchParameter Sparse { get; set; }

        /// <summary>Truncate without the extra question.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>Output the file's FileInfo.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        /// <inheritdoc/>
        protected override void ProcessRecord()
        {
            bool literal = ParameterSetName == PathSets.LiteralPath;
            foreach (string input in literal ? LiteralPath : Path)
            {
                this.RunItem(input, () =>
                {
                    foreach (string path in this.ResolveFilePaths(input, literal, PathMultiplicity.Each))
                        this.RunItem(path, () => Resize(path));
                });
            }
        }

        private void Resize(string path)
        {
            var change = FileSizeChange.ForFile(path, Size);
            if (change.ChangesFile)
            {
                if (!ShouldProcess(path, change.Action)) return;
                if (change.NeedsTruncationQuestion(Force, ConfirmExplicitlyOff()) && !ShouldContinue(change.TruncationQuestion, "Truncate file"))
                    return;
            }
            FileSizer.SetSize(path, Size, Sparse);
            if (PassThru) WriteObject(new FileInfo(path));
        }

        private bool ConfirmExplicitlyOff() =>
            MyInvocation.BoundParameters.TryGetValue("Confirm", out object? value) && value is SwitchParameter confirm && !confirm.IsPresent;
    }
}
