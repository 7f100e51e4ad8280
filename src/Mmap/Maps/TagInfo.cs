using System;

namespace Mmap
{
    /// <summary>A shared-memory tag that exists on the machine (<see cref="SharedMemory.GetTags"/>): whether a map of it is
    /// open anywhere or not (a crashed job leaves its tags behind until they are unlinked).</summary>
    public sealed class TagInfo
    {
        internal TagInfo(string tag, long size, long ownerId, string? owner, int permission, DateTime lastWriteTimeUtc)
        {
            Tag = tag;
            Size = size;
            OwnerId = ownerId;
            Owner = owner;
            Permission = permission;
            LastWriteTimeUtc = lastWriteTimeUtc;
        }

        /// <summary>The tag's name, as <see cref="MemoryMap.MapShared"/> takes it.</summary>
        public string Tag { get; }

        /// <summary>Its size in bytes.</summary>
        public long Size { get; }

        /// <summary>The user id that owns it.</summary>
        public long OwnerId { get; }

        /// <summary>The owner's user name; null when the user database has no entry for <see cref="OwnerId"/>.</summary>
        public string? Owner { get; }

        /// <summary>The permission bits (0x180 is 0600, owner read and write), as <see cref="TagOptions.Permission"/> takes them.</summary>
        public int Permission { get; }

        /// <summary>The permission bits as ls -l shows them (rw-------).</summary>
        public string Mode
        {
            get
            {
                const string letters = "rwxrwxrwx";
                var mode = new char[letters.Length];
                for (int i = 0; i < letters.Length; i++)
                    mode[i] = (Permission & (0x100 >> i)) != 0 ? letters[i] : '-';
                return new string(mode);
            }
        }

        /// <summary>When it was last written through a descriptor or resized (writes through a map may not update it).</summary>
        public DateTime LastWriteTimeUtc { get; }

        /// <inheritdoc/>
        public override string ToString() => Tag;
    }
}
