using System.Runtime.InteropServices;

namespace Mmap.Platform
{
    /// <summary>
    /// Where struct stat keeps the fields the engine reads (device, inode, mode, size, owner, modification time), per OS and architecture.
    /// The layout is hand-coded because netstandard2.0 has no fstat; a wrong one would read sizes and kinds from
    /// the wrong bytes, so it is chosen once, here.
    /// </summary>
    internal sealed class StatLayout
    {
        private StatLayout(int modeOffset, bool modeIs16Bits, bool deviceIs32Bits, int sizeOffset, int fxstatVersion, int ownerOffset, int modifiedOffset)
        {
            OwnerOffset = ownerOffset;
            ModifiedOffset = modifiedOffset;
            ModeOffset = modeOffset;
            ModeIs16Bits = modeIs16Bits;
            DeviceIs32Bits = deviceIs32Bits;
            SizeOffset = sizeOffset;
            FxstatVersion = fxstatVersion;
        }

        /// <summary>Bytes the engine hands fstat: more than any layout below needs.</summary>
        internal const int BufferSize = 256;

        /// <summary>st_dev is at 0 and st_ino at 8 in every layout below.</summary>
        internal const int InodeOffset = 8;

        internal int ModeOffset { get; }
        internal bool ModeIs16Bits { get; }
        internal bool DeviceIs32Bits { get; }
        internal int SizeOffset { get; }

        /// <summary>st_uid, 32 bits.</summary>
        internal int OwnerOffset { get; }

        /// <summary>st_mtime: seconds, then nanoseconds, 64 bits each.</summary>
        internal int ModifiedOffset { get; }

        /// <summary>glibc's _STAT_VER for __fxstat (glibc before 2.33 exports no fstat).</summary>
        internal int FxstatVersion { get; }

        /// <summary>Linux x86-64 (asm/stat.h): st_nlink is 64-bit, so st_mode comes at 24.</summary>
        private static readonly StatLayout LinuxX64 = new StatLayout(24, false, false, 48, 1, ownerOffset: 28, modifiedOffset: 88);

        /// <summary>Linux arm64 (asm-generic/stat.h): st_mode at 16, then a 32-bit st_nlink.</summary>
        private static readonly StatLayout LinuxArm64 = new StatLayout(16, false, false, 48, 0, ownerOffset: 24, modifiedOffset: 88);

        /// <summary>macOS x64 and arm64 (struct stat64, the 64-bit-inode one): 32-bit st_dev, 16-bit st_mode.</summary>
        private static readonly StatLayout MacOS = new StatLayout(4, true, true, 96, 0, ownerOffset: 16, modifiedOffset: 48);

        private static readonly StatLayout? s_current = For(HostPlatform.Os, HostPlatform.Architecture);

        /// <summary>The layout for this process.</summary>
        /// <exception cref="MmapException">not_supported where the layout is not known.</exception>
        internal static StatLayout Current => s_current ?? throw Unsupported(HostPlatform.Os, HostPlatform.Architecture);

        /// <summary>The layout for <paramref name="os"/> on <paramref name="architecture"/>, or not_supported.</summary>
        internal static StatLayout Require(HostOs os, Architecture architecture) => For(os, architecture) ?? throw Unsupported(os, architecture);

        /// <summary>Only the layouts checked against the OS headers; anything else (riscv64, loongarch64, s390x,
        /// ppc64le, every 32-bit ABI, other OSes) is null, never a guess.</summary>
        internal static StatLayout? For(HostOs os, Architecture architecture)
        {
            bool x64 = architecture == Architecture.X64, arm64 = architecture == Architecture.Arm64;
            if (os == HostOs.MacOS && (x64 || arm64)) return MacOS;
            if (os == HostOs.Linux && x64) return LinuxX64;
            if (os == HostOs.Linux && arm64) return LinuxArm64;
            return null;
        }

        private static MmapException Unsupported(HostOs os, Architecture architecture) =>
            new MmapException(MmapError.NotSupported,
                $"Mmap cannot read file sizes and kinds on {HostPlatform.Describe(os, architecture)}: it knows the struct stat layout of " +
                "Linux x64 and arm64 and of macOS only, and will not guess at another. Anonymous maps work; for files and tags use one of those platforms.");
    }
}
