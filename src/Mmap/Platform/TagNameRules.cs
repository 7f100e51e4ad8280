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
        internal static readonly TagNameRules Linux = new TagNameRules("Linux", 255, countsCharacters: false, reservesSemaphorePrefix: true, ignoreCase: false);

        /// <summary>macOS: PSHMNAMLEN (31) bytes including the leading '/'.</summary>
        internal static readonly TagNameRules MacOS = new TagNameRules("MacOS", 30, countsCharacters: false, reservesSemaphorePrefix: false, ignoreCase: false);

        /// <summary>Windows: object names stop at MAX_PATH (260) characters, which must also hold "Global\" (7); the
        /// object manager compares them without case.</summary>
        internal static readonly TagNameRules Windows = new TagNameRules("Windows", 253, countsCharacters: true, reservesSemaphorePrefix: false, ignoreCase: true);

        private TagNameRules(string osName, int maxLength, bool countsCharacters, bool reservesSemaphorePrefix, bool ignoreCase)
        {
            OsName = osName;
            MaxLength = maxLength;
            CountsCharacters = countsCharacters;
            ReservesSemaphorePrefix = reservesSemaphorePrefix;
            IgnoreCase = ignoreCase;
        }

        /// <summary>The OS as messages name it ("Linux", "MacOS", "Windows").</summary>
        internal string OsName { get; }

        /// <summary>The longest tag: UTF-8 bytes, or characters where <see cref="CountsCharacters"/>.</summary>
        internal int MaxLength { get; }

        /// <summary>True where <see cref="MaxLength"/> counts UTF-16 characters (Windows) rather than UTF-8 bytes.</summary>
        internal bool CountsCharacters { get; }

        /// <summary>True where tags starting with <see cref="SemaphorePrefix"/> would name a named semaphore (Linux).</summary>
        internal bool ReservesSemaphorePrefix { get; }

        /// <summary>True where two tags that differ only in case name the same memory (Windows).</summary>
        internal bool IgnoreCase { get; }
    }
}
