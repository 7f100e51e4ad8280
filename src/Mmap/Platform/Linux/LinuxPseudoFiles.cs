using static Mmap.Platform.Libc;

namespace Mmap.Platform
{
    /// <summary>
    /// Linux: file systems whose regular files the kernel makes up on each read (procfs, sysfs, ...). Their sizes are
    /// not sizes (0 or 4096 for any content), they cannot be truncated or grown, and glibc's posix_fallocate, finding no
    /// fallocate there, would emulate it by writing a byte into the file: such files must never be sized.
    /// </summary>
    internal static unsafe class LinuxPseudoFiles
    {
        /// <summary>f_type values from linux/magic.h.</summary>
        private static readonly (long Magic, string Name)[] Known =
        {
            (0x9fa0, "procfs (/proc)"), (0x62656572, "sysfs (/sys)"), (0x64626720, "debugfs"), (0x74726163, "tracefs"),
            (0x73636673, "securityfs"), (0x27e0eb, "cgroup"), (0x63677270, "cgroup2"), (0x62656570, "configfs"),
            (0xcafe4a11, "bpf"), (0x6165676C, "pstore"), (0xde5e81e4, "efivarfs"), (0xf97cff8c, "selinuxfs"),
            (0x43415d53, "smackfs"), (0x65735543, "fusectl"), (0x42494e4d, "binfmt_misc"), (0x6e736673, "nsfs"),
        };

        /// <summary>The pseudo file system <paramref name="fd"/> lies on, or null (a real one, or fstatfs failed).
        /// <paramref name="identity"/> is the file's, from fstat.</summary>
        internal static string? Name(int fd, FileIdentity? identity)
        {
            // Every pseudo file system has an anonymous device (major 0): a file on a block device needs no fstatfs.
            if (identity is FileIdentity file && Major(file.Device) != 0) return null;
            byte* buffer = stackalloc byte[256]; // struct statfs is 120 bytes on 64-bit Linux
            if (fstatfs(fd, buffer) != 0) return null;
            long type = *(long*)buffer; // f_type: the first field, a long (StatLayout admits 64-bit Linux only)
            foreach (var (magic, name) in Known)
                if (type == magic) return name;
            return null;
        }

        /// <summary>The major number of a Linux dev_t (glibc's gnu_dev_major).</summary>
        internal static ulong Major(ulong device) => ((device >> 8) & 0xfff) | ((device >> 32) & ~0xfffUL);
    }
}
