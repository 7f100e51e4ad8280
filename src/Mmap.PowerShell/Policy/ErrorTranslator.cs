using System;
using System.Management.Automation;

namespace Mmap.Commands.Policy
{
    /// <summary>
    /// Turns what the engine throws into error records: the engine code as ErrorId and docs/design.md's
    /// ErrorCategory. Ids of errors the cmdlets raise themselves live here too, so every id is in one place.
    /// </summary>
    internal static class ErrorTranslator
    {
        /// <summary>A map used after Remove-MemoryMap (or Dispose).</summary>
        internal const string MapFreedId = "map_freed";

        /// <summary>No live map of this session has the -Id asked for.</summary>
        internal const string MapNotFoundId = "map_not_found";

        /// <summary>Write-MemoryMap -Expect found other bytes than expected, and wrote nothing.</summary>
        internal const string UnexpectedContentId = "unexpected_content";

        /// <summary>Set-FileSize would truncate without -Force, and the host cannot ask whether to.</summary>
        internal const string ConfirmationRequiredId = "confirmation_required";

        /// <summary>Whether a cmdlet reports <paramref name="exception"/> as a per-item error (true) or lets it
        /// terminate the pipeline as a bug (false).</summary>
        internal static bool IsExpected(Exception exception) =>
            exception is MmapException || exception is ObjectDisposedException;

        /// <summary>The error record for an exception <see cref="IsExpected"/> accepts.</summary>
        internal static ErrorRecord Translate(Exception exception, object? target)
        {
            switch (exception)
            {
                case MmapException e:
                    return new ErrorRecord(e, e.Code, CategoryOf(e.Error), target ?? e.Target);
                case ObjectDisposedException e:
                    return new ErrorRecord(e, MapFreedId, ErrorCategory.InvalidOperation, target);
                default:
                    throw new ArgumentException($"{exception.GetType().Name} is not an engine error; let it terminate.", nameof(exception));
            }
        }

        /// <summary>docs/design.md's table. No default branch: a new MmapError value must be given its category here
        /// (a test enumerates every value).</summary>
        internal static ErrorCategory CategoryOf(MmapError error)
        {
            switch (error)
            {
                case MmapError.NoFile: return ErrorCategory.ObjectNotFound;
                case MmapError.FileTooShort: return ErrorCategory.InvalidData;
                case MmapError.DiskFull: return ErrorCategory.ResourceUnavailable;
                case MmapError.OutOfMemory: return ErrorCategory.ResourceUnavailable;
                case MmapError.AccessDenied: return ErrorCategory.PermissionDenied;
                case MmapError.InvalidArgument: return ErrorCategory.InvalidArgument;
                case MmapError.NotSupported: return ErrorCategory.NotImplemented;
                case MmapError.OsError: return ErrorCategory.NotSpecified;
                case MmapError.AlreadyExists: return ErrorCategory.ResourceExists;
                case MmapError.IoError: return ErrorCategory.ReadError;
            }
            throw new ArgumentOutOfRangeException(nameof(error), error, "This MmapError has no PowerShell category yet: add it to ErrorTranslator.CategoryOf.");
        }

        /// <summary>An -Id that names no live map of this session (ObjectNotFound, like Get-Process -Id).</summary>
        internal static ErrorRecord MapNotFound(long id) =>
            new ErrorRecord(
                new ArgumentException(CmdletMessages.NoMapWithId(id, HeldElsewhere(id))),
                MapNotFoundId, ErrorCategory.ObjectNotFound, id);

        /// <summary>Who holds a live map that is not this session's: another runspace's session, or .NET code; null
        /// when no live map has the id.</summary>
        private static string? HeldElsewhere(long id)
        {
            if (ModuleSessions.Holding(id) is ModuleSession other) return $"a map of {other.Owner}, another runspace of this process";
            return MemoryMapRegistry.Find(id) != null ? "a map .NET code made ([Mmap.MemoryMap]::MapFile, say)" : null;
        }
    }
}
