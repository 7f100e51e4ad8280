using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using Mmap.Commands.Policy;

namespace Mmap.Commands
{
    /// <summary>The few PowerShell calls every cmdlet shares; the decisions behind them live in Policy.</summary>
    internal static class CmdletSupport
    {
        /// <summary>The maps of the runspace running this thread's pipeline: cmdlets, completers and Remove-Module all
        /// run on that thread, so each runspace (a thread job, a ForEach-Object -Parallel block) has its own.</summary>
        internal static ModuleSession CurrentSession
        {
            get
            {
                Runspace runspace = Runspace.DefaultRunspace ?? throw new InvalidOperationException("No PowerShell runspace runs on this thread.");
                return ModuleSessions.For(runspace, $"runspace '{runspace.Name}' (Id {runspace.Id})", session => FreeWhenClosed(runspace, session));
            }
        }

        /// <summary>A runspace closed or broken without Remove-Module (a disposed hosted runspace, a finished thread
        /// job, the runspaces of ForEach-Object -Parallel) frees its maps then, not when a GC finds the runspace: until
        /// then they kept their files mapped and locked against Set-FileSize.</summary>
        private static void FreeWhenClosed(Runspace runspace, ModuleSession session) =>
            runspace.StateChanged += (_, e) =>
            {
                if (e.RunspaceStateInfo.State is RunspaceState.Closed or RunspaceState.Broken) session.FreeAll();
            };

        /// <summary>Whether the caller gave the parameter (value parameters have no "not given" value of their own).</summary>
        internal static bool IsBound(this PSCmdlet cmdlet, string parameterName) =>
            cmdlet.MyInvocation.BoundParameters.ContainsKey(parameterName);

        /// <summary>Runs one pipeline item's work; engine errors become a non-terminating error about <paramref name="target"/>.</summary>
        internal static void RunItem(this PSCmdlet cmdlet, object? target, Action action)
        {
            try { action(); }
            catch (Exception e) when (ErrorTranslator.IsExpected(e))
            {
                cmdlet.WriteError(ErrorTranslator.Translate(e, target));
            }
        }

        /// <summary>A matcher for a -Path filter, made absolute against the PowerShell location.</summary>
        internal static Func<string, bool> PathMatcher(this PSCmdlet cmdlet, string pattern)
        {
            ParseWildcard(pattern, WildcardOptions.None, hasLiteralPath: false);
            string full;
            try { full = cmdlet.SessionState.Path.GetUnresolvedProviderPathFromPSPath(pattern); }
            catch (SessionStateException e) { throw PathRules.NotFound(pattern, e.Message); }
            return ParseWildcard(full, PathRules.PathsIgnoreCase ? WildcardOptions.IgnoreCase : WildcardOptions.None, hasLiteralPath: false).IsMatch;
        }

        /// <summary>A matcher for a -LiteralPath filter: the one file the path names, made absolute against the
        /// PowerShell location (a PSPath too), compared as the file system compares names.</summary>
        internal static Func<string, bool> LiteralPathMatcher(this PSCmdlet cmdlet, string literal)
        {
            string full;
            try { full = cmdlet.SessionState.Path.GetUnresolvedProviderPathFromPSPath(literal); }
            catch (SessionStateException e) { throw PathRules.NotFound(literal, e.Message); }
            return path => string.Equals(path, full, PathRules.PathsIgnoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);
        }

        /// <summary>A matcher for a -Tag filter (wildcards; case-insensitive where the OS compares tags so).</summary>
        internal static Func<string, bool> TagMatcher(string pattern) =>
            ParseWildcard(pattern, TagNames.IgnoreCase ? WildcardOptions.IgnoreCase : WildcardOptions.None, hasLiteralPath: false).IsMatch;

        /// <summary>The pattern, parsed now: PowerShell parses on first match, so a bad pattern would otherwise surface
        /// as a WildcardPatternException at the first map it meets (or never, with no maps).</summary>
        internal static WildcardPattern ParseWildcard(string pattern, WildcardOptions options, bool hasLiteralPath)
        {
            var wildcard = new WildcardPattern(pattern, options);
            try { wildcard.IsMatch(""); }
            catch (WildcardPatternException) { throw PathRules.BadWildcard(pattern, WildcardPattern.Escape(pattern), hasLiteralPath); }
            return wildcard;
        }
    }
}
