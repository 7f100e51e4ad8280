namespace Mmap.Platform
{
    /// <summary>
    /// How one OS names shared memory: how long a tag may be and in what unit, which names it keeps for itself, and
    /// whether case tells two tags apart. Data only: <see cref="TagRules.CheckTag"/> applies it, the same way on every OS.
    /// </summary>
    internal sealed class TagNameRules
    {
        /// <summary>glibc's sem_open names its files /dev/shm/sem.NAME, so Linux tags must not start with it.</summary>
        internal const string SemaphorePrefix = "sem.";

        /// <summary>Linux: NAME_MAX (255) bytes for the file in /dev/shm, i.e. the name without its leading '/'.</summary>
        internal static readonly TagNameRules Linux = new TagNameRules { OsName = "Linux", MaxLength = 255, ReservesSemaphorePrefix = true };

        /// <summary>macOS: PSHMNAMLEN (31) bytes including the leading '/'.</summary>
        internal static readonly TagNameRules MacOS = new TagNameRules { OsName = "MacOS", MaxLength = 30 };

        /// <summary>Windows: object names stop at MAX_PATH (260) characters, which must also hold "Global\" (7); the
        /// object manager compares them without case.</summary>
        internal static readonly TagNameRules Windows = new TagNameRules { OsName = "Windows", MaxLength = 253, CountsCharacters = true, IgnoreCase = true };

        private TagNameRules() { }

        /// <summary>The OS as messages name it ("Linux", "MacOS", "Windows").</summary>
        internal string OsName { get; private set; } = "";

        /// <summary>The longest tag: UTF-8 bytes, or characters where <see cref="CountsCharacters"/>.</summary>
        internal int MaxLength { get; private set; }

        /// <summary>True where <see cref="MaxLength"/> counts UTF-16 characters (Windows) rather than UTF-8 bytes.</summary>
        internal bool CountsCharacters { get; private set; }

        /// <summary>True where tags starting with <see cref="SemaphorePrefix"/> would name a named semaphore (Linux).</summary>
        internal bool ReservesSemaphorePrefix { get; private set; }

        /// <summary>True where two tags that differ only in case name the same memory (Windows).</summary>
        internal bool IgnoreCase { get; private set; }
    }
}
