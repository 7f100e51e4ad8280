using System;

namespace Mmap.Commands.Policy
{
    /// <summary>Everything a cmdlet needs for one ErrorRecord, decided without PowerShell types.</summary>
    internal sealed class CommandError
    {
        internal CommandError(Exception exception, string errorId, CommandErrorCategory category, object? target)
        {
            Exception = exception;
            ErrorId = errorId;
            Category = category;
            Target = target;
        }

        /// <summary>The exception whose message the user sees.</summary>
        internal Exception Exception { get; }

        /// <summary>The stable id; PowerShell prefixes the FullyQualifiedErrorId with it.</summary>
        internal string ErrorId { get; }

        internal CommandErrorCategory Category { get; }

        /// <summary>The path, tag or map the error is about.</summary>
        internal object? Target { get; }
    }
}
