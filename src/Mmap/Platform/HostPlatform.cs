using System.Runtime.InteropServices;

namespace Mmap.Platform
{
    /// <summary>The operating systems the engine tells apart.</summary>
    internal enum HostOs { Linux, MacOS, Windows, Other }

    /// <summary>
    /// The OS and the process's architecture, detected once: every OS or ABI decision of the native layer asks here.
    /// The process's architecture, not the OS's: a 32-bit process on a 64-bit OS gets the 32-bit ABI (struct layouts,
    /// pointer size).
    /// </summary>
    internal static class HostPlatform
    {
        internal static readonly HostOs Os =
            RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? HostOs.Windows
            : RuntimeInformation.IsOSPlatform(OSPlatform.OSX) ? HostOs.MacOS
            : RuntimeInformation.IsOSPlatform(OSPlatform.Linux) ? HostOs.Linux
            : HostOs.Other;

        internal static readonly Architecture Architecture = RuntimeInformation.ProcessArchitecture;

        internal static bool IsWindows => Os == HostOs.Windows;

        internal static bool IsMac => Os == HostOs.MacOS;

        internal static bool IsArm64 => Architecture == Architecture.Arm64;

        /// <summary>"Linux X64", "MacOS Arm64": how messages name this platform.</summary>
        internal static string Describe(HostOs os, Architecture architecture) => $"{os} {architecture}";
    }
}
