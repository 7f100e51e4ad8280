using System.Collections.Generic;
using Mmap.Platform;

namespace Mmap
{
    /// <summary>How <see cref="MemoryMap.MapShared"/> treats a tag that does or does not exist.</summary>
    public enum SharedOpenMode
    {
        /// <summary>Open the tag; create it when missing (needs ReadWrite access and a size).</summary>
        OpenOrCreate,
        /// <summary>Open the tag only; a missing tag is no_file.</summary>
        OpenExisting,
        /// <summary>Create the tag only; an existing tag is already_exists.</summary>
        CreateNew,
    }

    /// <summary>
    /// Tags: names of shared memory that every process of the same user (or, widened, other users) can map.
    /// Linux and macOS use POSIX shared memory (shm_open; on Linux a file in /dev/shm); Windows uses a named
    /// section in the Local\ (or Global\) namespace. A tag is a plain name: not empty, no '/', '\' or '..',
    /// no control characters or unpaired surrogates, not starting with 'sem.' on Linux (glibc's named semaphores live
    /// there too), and at most 255 UTF-8 bytes on Linux, 30 on macOS, 253 characters on Windows.
    /// </summary>
    public static class SharedMemory
    {
        /// <summary>The default permissions of a new tag: 0600 (octal), read and write for the owner only.</summary>
        public const int OwnerOnly = 0x180;

        /// <summary>The longest tag this OS accepts (UTF-8 bytes on Linux and macOS, characters on Windows).</summary>
        public static int MaxTagLength => TagRules.Current.MaxLength;

        /// <summary>Throws invalid_argument, naming the rule broken, unless <paramref name="tag"/> is a valid tag
        /// on this OS. Touches nothing.</summary>
        public static void CheckTag(string tag) => TagRules.CheckTag(tag, TagRules.Current);

        /// <summary>Removes the tag's name (luapower <c>mmap.unlink</c>): new opens of it fail or create a new
        /// segment, while maps already made stay valid until freed. Windows: a section's name dies with its last
        /// handle, so this only checks the tag exists (a documented no-op).</summary>
        /// <exception cref="MmapException">no_file when the tag does not exist; invalid_argument for a bad tag.</exception>
        public static void Unlink(string tag)
        {
            CheckTag(tag);
            OsLayer.Current.UnlinkShared(tag);
        }

        /// <summary>The tags that exist now, sorted (Linux: the files in /dev/shm, less the sem.* named semaphores).</summary>
        /// <exception cref="MmapException">not_supported on macOS and Windows, which have no call to list them.</exception>
        public static IReadOnlyList<string> ListTags() => OsLayer.Current.ListShared();

        /// <summary>The tags that exist now, sorted, with their size, owner, permission and modification time: tags that no
        /// process maps any more (a crashed job's) included, so they can be found and unlinked (<see cref="Unlink"/>).</summary>
        /// <exception cref="MmapException">not_supported on macOS and Windows, which have no call to list them.</exception>
        public static IReadOnlyList<TagInfo> GetTags() => OsLayer.Current.DescribeShared();
    }
}
