using System;

namespace Mmap.Commands.Policy
{
    /// <summary>
    /// Turns what the engine throws into ErrorRecord parts: the engine code as ErrorId and docs/design.md's
    /// ErrorCategory. Ids of errors the cmdlets raise themselves live here too, so every id is in one place.
    /// </summary>
    internal static class ErrorTranslator
    {
        /// <summary>A map used after Remove-MemoryMap (or Dispose).</summary>
        internal const string MapFreedId = "map_freed";

        /// <summary>No live map of this session has the -Id asked for.</summary>
        internal const string MapNotFoundId = "map_not_found";

        /// <summary>Set-FileSize would truncate without -Force, and the host cannot ask whether to.</summary>
        internal const string ConfirmationRequiredId = "confirmation_required";

        /// <summary>Whether a cmdlet reports <paramref name="exception"/> as a per-item error (true) or lets it
        /// terminate the pipeline as a bug (false).</summary>
        internal static bool IsExpected(Exception exception) =>
            exception is MmapException || exception is ObjectDisposedException;

        /// <summary>The error record parts for an exception <see cref="IsExpected"/> accepts.</summary>
        internal static CommandError Translate(Exception exception, object? target)
        {
            switch (exception)
            {
                case MmapException e:
                    return new CommandError(e, e.Code, CategoryOf(e.Error), target ?? e.Target);
                case ObjectDisposedException e:
                    return new CommandError(e, MapFreedId, CommandErrorCategory.InvalidOperation, target);
                default:
                    throw new ArgumentException($"{exception.GetType().Name} is not an engine error; let it terminate.", nameof(exception));
            }
        }

        /// <summary>docs/design.md's table. No default branch: a new MmapError value must be given its category here
        /// (a test enumerates every value).</summary>
        internal static CommandErrorCategory CategoryOf(MmapError error)
        {
            switch (error)
            {
                case MmapError.NoFile: return CommandErrorCategory.ObjectNotFound;
                case MmapError.FileTooShort: return CommandErrorCategory.InvalidData;
                case MmapError.DiskFull: return CommandErrorCategory.ResourceUnavailable;
                case MmapError.OutOfMemory: return CommandErrorCategory.ResourceUnavailable;
                case MmapError.AccessDenied: return CommandErrorCategory.PermissionDenied;
                case MmapError.InvalidArgument: return CommandErrorCategory.InvalidArgument;
                case MmapError.NotSupported: return CommandErrorCategory.NotImplemented;
                case MmapError.OsError: return CommandErrorCategory.NotSpecified;
                case MmapError.AlreadyExists: return CommandErrorCategory.ResourceExists;
            }
            throw new ArgumentOutOfRangeException(nameof(error), error, "This MmapError has no PowerShell category yet: add it to ErrorTranslator.CategoryOf.");
        }

        /// <summary>An -Id that names no live map of this session (ObjectNotFound, like Get-Process -Id).</summary>
        internal static CommandError MapNotFound(long id) =>
            new CommandError(
                new ArgumentException($"No live map of this session has id {id}. Run Get-MemoryMap to list the maps open in this session."),
                MapNotFoundId, CommandErrorCategory.ObjectNotFound, id);
    }
}
