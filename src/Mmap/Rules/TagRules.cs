using System;
using System.Text;

namespace Mmap
{
    /// <summary>The OS families whose tag limits differ.</summary>
    internal enum TagSystem { Linux, MacOS, Windows }

    /// <summary>
    /// Rules for tags (names of shared memory) and tagged-map options, as pure functions run before any OS call,
    /// so a bad tag never creates, opens or unlinks anything.
    /// </summary>
    internal static class TagRules
    {
        /// <summary>Linux: NAME_MAX (255) bytes for the file in /dev/shm, i.e. the name without its leading '/'.</summary>
        internal const int LinuxMaxBytes = 255;
        /// <summary>macOS: PSHMNAMLEN (31) bytes including the leading '/'.</summary>
        internal const int MacMaxBytes = 30;
        /// <summary>Windows: object names stop at MAX_PATH (260) characters, which must also hold "Global\" (7).</summary>
        internal const int WindowsMaxChars = 253;
        /// <summary>Linux: glibc's sem_open names its files /dev/shm/sem.NAME, so tags must not start with it.</summary>
        internal const string SemaphorePrefix = "sem.";

        internal static readonly TagSystem Current =
            Platform.HostPlatform.IsWindows ? TagSystem.Windows
            : Platform.HostPlatform.IsMac ? TagSystem.MacOS
            : TagSystem.Linux;

        /// <summary>The longest tag <paramref name="system"/> accepts: UTF-8 bytes on Linux/macOS, characters on Windows.</summary>
        internal static int MaxLength(TagSystem system) =>
            system == TagSystem.Windows ? WindowsMaxChars : system == TagSystem.MacOS ? MacMaxBytes : LinuxMaxBytes;

        /// <summary>Throws invalid_argument naming the broken rule unless <paramref name="tag"/> is a usable tag.</summary>
        internal static void CheckTag(string? tag, TagSystem system)
        {
            if (string.IsNullOrEmpty(tag))
                throw Bad(tag, "The tag is null or empty. Give a name such as 'my-app-state'.");
            for (int i = 0; i < tag!.Length; i++)
            {
                char c = tag[i];
                if (c == '/' || c == '\\')
                    throw Bad(tag, $"Tag '{Printable(tag)}' contains '{c}' at position {i}. Tags are plain names: use no slashes or backslashes.");
                if (char.IsControl(c))
                    throw Bad(tag, $"Tag '{Printable(tag)}' contains the control character U+{(int)c:X4} at position {i}. Use printable characters only.");
                if (char.IsHighSurrogate(c) && i + 1 < tag.Length && char.IsLowSurrogate(tag[i + 1]))
                    i++; // a pair: one character outside the BMP
                else if (char.IsSurrogate(c)) // UTF-8 would write it as U+FFFD: two different tags, one segment
                    throw Bad(tag, $"Tag '{Printable(tag)}' contains an unpaired UTF-16 surrogate (U+{(int)c:X4}) at position {i}. Use valid Unicode text.");
            }
            if (tag.IndexOf("..", StringComparison.Ordinal) >= 0)
                throw Bad(tag, $"Tag '{tag}' contains '..'. Use single dots only.");
            if (tag == ".")
                throw Bad(tag, "Tag '.' names a directory, not shared memory. Use another name.");
            // glibc keeps named semaphores beside the segments, as /dev/shm/sem.NAME: such a tag would open one.
            if (system == TagSystem.Linux && tag.StartsWith(SemaphorePrefix, StringComparison.Ordinal))
                throw Bad(tag, $"Tag '{tag}' starts with '{SemaphorePrefix}', which Linux keeps for named semaphores (sem_open). Use another name.");
            int max = MaxLength(system);
            int length = system == TagSystem.Windows ? tag.Length : Encoding.UTF8.GetByteCount(tag);
            if (length > max)
                throw Bad(tag, $"Tag '{tag}' is {length} {(system == TagSystem.Windows ? "characters" : "bytes")} long; {system} allows at most {max}. Use a shorter tag.");
        }

        /// <summary>Checks the tag-specific options (<see cref="MapOptions.TagMode"/>, <see cref="MapOptions.TagPermissions"/>)
        /// and decides whether this request may create the segment.</summary>
        /// <returns>True when a missing segment should be created.</returns>
        internal static bool CheckSharedOptions(MapOptions options, string tag)
        {
            if (!Enum.IsDefined(typeof(SharedOpenMode), options.TagMode))
                throw Bad(tag, $"TagMode '{options.TagMode}' is not one of OpenOrCreate, OpenExisting, CreateNew.");
            if (options.TagPermissions < 0 || options.TagPermissions > 0x1FF)
                throw Bad(tag, $"TagPermissions {Convert.ToString(options.TagPermissions, 8)} (octal) is not a permission mode from 0 to 777 (octal). " +
                    "Give owner/group/other bits only, such as 0x180 (600) or 0x1B6 (666).");
            bool write = options.Access == MapAccess.ReadWrite;
            if (options.TagMode == SharedOpenMode.CreateNew && (!write || options.Size is null))
                throw Bad(tag, $"Creating the new tag '{tag}' needs ReadWrite access and a size. Give both, or use OpenExisting to open it.");
            return options.TagMode != SharedOpenMode.OpenExisting && write && options.Size is long;
        }

        private static MmapException Bad(string? tag, string message) => new MmapException(MmapError.InvalidArgument, message, 0, tag);

        /// <summary>The text (a tag, or any value a message quotes) with control characters shown as \uXXXX, so a message never carries them.</summary>
        internal static string Printable(string tag)
        {
            var sb = new StringBuilder(tag.Length);
            foreach (char c in tag)
                sb.Append(char.IsControl(c) ? $"\\u{(int)c:X4}" : c.ToString());
            return sb.ToString();
        }
    }
}
