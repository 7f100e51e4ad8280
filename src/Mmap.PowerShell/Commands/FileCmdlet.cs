using System;
using System.Collections.Generic;
using System.Management.Automation;
using Mmap.Commands.Policy;

namespace Mmap.Commands
{
    /// <summary>
    /// The -Path/-LiteralPath pair of the cmdlets that take files (Set-FileSize, and through <see cref="NewMapCmdlet"/>
    /// New-MemoryMap and New-MirroredMap), as Microsoft.PowerShell.Archive declares it, and the resolution of each
    /// value to provider paths against the PowerShell location.
    /// </summary>
    public abstract class FileCmdlet : StoppableCmdlet
    {
        /// <summary>The set of -Path.</summary>
        internal const string PathSet = "Path";

        /// <summary>The set of -LiteralPath.</summary>
        internal const string LiteralPathSet = "LiteralPath";

        /// <summary>The files, wildcards allowed; a plain path may name a file to create. How many files one pattern
        /// may match is the cmdlet's (<see cref="PathMultiplicity"/>).</summary>
        [Parameter(ParameterSetName = PathSet, Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [SupportsWildcards]
        public string[] Path { get; set; } = Array.Empty<string>();

        /// <summary>The files, taken literally; binds FileInfo objects (Get-ChildItem output) by their PSPath.</summary>
        [Parameter(ParameterSetName = LiteralPathSet, Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [Alias("PSPath", "LP")]
        [ValidateNotNullOrEmpty]
        public string[] LiteralPath { get; set; } = Array.Empty<string>();

        /// <summary>Whether the bound set names files (-Path or -LiteralPath).</summary>
        private protected bool NamesFiles => ParameterSetName == PathSet || ParameterSetName == LiteralPathSet;

        /// <summary>Runs <paramref name="action"/> on the provider path of every file the bound -Path or -LiteralPath
        /// values name; a value that names no file (or too many) is a per-item error, and the others still run. An
        /// error of the action is about the plain path, as its message says it, never the PSPath Get-ChildItem binds
        /// (Microsoft.PowerShell.Core\FileSystem::/data/a.bin).</summary>
        private protected void ForEachFile(PathMultiplicity multiplicity, Action<string> action)
        {
            bool literal = ParameterSetName == LiteralPathSet;
            foreach (string input in literal ? LiteralPath : Path)
            {
                IReadOnlyList<string> paths = Array.Empty<string>();
                this.RunItem(input, () => paths = ResolveFilePaths(input, literal, multiplicity));
                foreach (string path in paths)
                    this.RunItem(path, () => action(path));
            }
        }

        /// <summary>The provider paths of one -Path/-LiteralPath value, resolved against the PowerShell location.</summary>
        private IReadOnlyList<string> ResolveFilePaths(string input, bool literal, PathMultiplicity multiplicity)
        {
            bool wildcard = !literal && WildcardPattern.ContainsWildcardCharacters(input);
            if (wildcard) CmdletSupport.ParseWildcard(input, WildcardOptions.None, hasLiteralPath: true); // PowerShell would resolve a bad pattern to nothing
            IReadOnlyList<string> matches;
            ProviderInfo provider;
            try
            {
                matches = wildcard
                    ? SessionState.Path.GetResolvedProviderPathFromPSPath(input, out provider)
                    // -Path escapes wildcard characters with backticks (`[1`].bin); -LiteralPath takes them as typed.
                    : new[] { SessionState.Path.GetUnresolvedProviderPathFromPSPath(literal ? input : WildcardPattern.Unescape(input), out provider, out _) };
            }
            catch (SessionStateException e) // a missing drive or provider
            {
                throw PathRules.NotFound(input, e.Message);
            }
            PathRules.CheckProvider(provider.Name, input);
            return PathRules.Choose(input, wildcard, matches, multiplicity);
        }
    }
}
