using System;
using System.Text;
using Mmap.Platform;

namespace Mmap
{
    /// <summary>
    /// Rules for tags (names of shared memory) and tagged-map options, as pure functions run before any OS call,
    /// so a bad tag never creates, opens or unlinks anything. What differs between OSes (limits, reserved names) is
    /// data, <see cref="TagNameRules"/>; the checks are the same everywhere.
    /// </summary>
    internal static class TagRules
    {
        /// <summary>This OS's tag names.</summary>
        internal static TagNameRules Current => OsLayer.Current.Facts.Tags;

        /// <summary>Throws invalid_argument naming the broken rule unless <paramref name="tag"/> is a usable tag under <paramref name="rules"/>.</summary>
        internal static void CheckTag(string? tag, TagNameRules rules)
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
            if (rules.ReservesSemaphorePrefix && tag.StartsWith(TagNameRules.SemaphorePrefix, StringComparison.Ordinal))
                throw Bad(tag, $"Tag '{tag}' starts with '{TagNameRules.SemaphorePrefix}', which Linux keeps for named semaphores (sem_open). Use another name.");
            int max = rules.MaxLength;
            int length = rules.CountsCharacters ? tag.Length : Encoding.UTF8.GetByteCount(tag);
            if (length > max)
                throw Bad(tag, $"Tag '{tag}' is {length} {(rules.CountsCharacters ? "characters" : "bytes")} long; {rules.OsName} allows at most {max}. Use a shorter tag.");
        }

        /// <summary>Checks the tag's own settings against the resolved map options and decides whether this request
        /// may create the segment.</summary>
        /// <returns>True when a missing segment should be created.</returns>
        internal static bool CheckSharedOptions(MapOptions options, TagOptions tagOptions, string tag)
        {
            if (tagOptions is null) throw new ArgumentNullException(nameof(tagOptions));
            if (!Enum.IsDefined(typeof(SharedOpenMode), tagOptions.Mode))
                throw Bad(tag, Messages.NotOneOf("Tag mode", tagOptions.Mode, "OpenOrCreate, OpenExisting, CreateNew"));
            if (tagOptions.Permission < 0 || tagOptions.Permission > 0x1FF)
                throw Bad(tag, $"Permission {Convert.ToString(tagOptions.Permission, 8)} (octal) is not a permission mode from 0 to 777 (octal). " +
                    "Give owner/group/other bits only, such as 0x180 (600) or 0x1B6 (666).");
            CheckBackingAccess(options.ResolvedAccess, OsLayer.Current.Facts, tag);
            bool write = options.ResolvedAccess == MapAccess.ReadWrite;
            if (tagOptions.Mode == SharedOpenMode.CreateNew && (!write || options.Size is null))
                throw Bad(tag, $"Creating the new tag '{tag}' needs ReadWrite access and a size. Give both, or use OpenExisting to open it.");
            return tagOptions.Mode != SharedOpenMode.OpenExisting && write && options.Size is long;
        }

        /// <summary>not_supported, before any OS call, for an access the tag's backing cannot be mapped with here:
        /// CopyOnWrite on macOS, whose POSIX shm maps MAP_SHARED only.</summary>
        internal static void CheckBackingAccess(MapAccess access, PlatformFacts facts, string tag)
        {
            if (access == MapAccess.CopyOnWrite && !facts.Of(facts.TagBacking).CopyOnWrite)
                throw new MmapException(MmapError.NotSupported,
                    $"Cannot map the shared memory tag '{tag}' CopyOnWrite: {facts.Tags.OsName} maps shared memory segments shared only. " +
                    "Map it Read and copy what you need, or use ReadWrite.", 0, tag);
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
