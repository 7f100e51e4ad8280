using System;
using System.IO;
using System.Runtime.InteropServices;

namespace Mmap.Platform
{
    /// <summary>
    /// The engine's native fault handler for this process (src/Mmap.Native, shipped as runtimes/&lt;rid&gt;/native/ beside
    /// Mmap.dll): a SIGBUS handler chained in front of the runtime's on Linux (libmmapfault.so), a vectored exception
    /// handler ahead of the runtime's on Windows (mmapfault.dll). Loaded and installed once per process.
    /// </summary>
    internal static unsafe class FaultHandlerBinary
    {
        /// <summary>The runtime identifier whose binary this process needs, or null where none is shipped (macOS: cannot
        /// be built here; 32-bit processes and Windows on Arm: no compiler here).</summary>
        internal static string? RuntimeId(HostOs os, Architecture architecture, int pointerSize)
        {
            if (pointerSize != 8) return null;
            if (os == HostOs.Linux && architecture == Architecture.X64) return "linux-x64";
            if (os == HostOs.Linux && architecture == Architecture.Arm64) return "linux-arm64";
            if (os == HostOs.Windows && architecture == Architecture.X64) return "win-x64";
            return null;
        }

        /// <summary>The binary's file name for <paramref name="rid"/>.</summary>
        internal static string FileName(string rid) => IsWindows(rid) ? "mmapfault.dll" : "libmmapfault.so";

        /// <summary>What the handler is, for <see cref="FaultRecovery.Status"/>.</summary>
        internal static string Describe(string rid) =>
            IsWindows(rid) ? $"vectored exception handler {rid}, ahead of the runtime's" : $"SIGBUS handler {rid}, chained to the runtime's";

        /// <summary>Where the binary for <paramref name="rid"/> lies: the runtimes folder beside the engine's assembly.</summary>
        internal static string LibraryPath(string rid)
        {
            string? dir = System.IO.Path.GetDirectoryName(typeof(FaultHandlerBinary).Assembly.Location);
            return System.IO.Path.Combine(dir ?? "", "runtimes", rid, "native", FileName(rid));
        }

        /// <summary>Loads the library and installs its handler with <paramref name="root"/> as the table it reads; null on
        /// success, else why not (the caller keeps the size check then).</summary>
        internal static string? Install(string rid, string path, IntPtr root)
        {
            if (!File.Exists(path)) return $"its native handler {path} is missing";
            INativeLoader loader = LoaderFor(rid);
            IntPtr library = loader.Open(path);
            if (library == IntPtr.Zero) return $"{path} cannot be loaded ({loader.LastError()})";
            var install = (delegate* unmanaged[Cdecl]<IntPtr, int>)loader.Symbol(library, "mmap_fault_install");
            if (install == null) return $"{path} has no mmap_fault_install ({loader.LastError()})";
            int error = install(root);
            return error == 0 ? null : $"installing the handler failed with error {error}";
        }

        /// <summary>The SHA-256 of the source the library at <paramref name="path"/> was built from (tests compare it with
        /// the committed source), or null when it cannot be loaded.</summary>
        internal static string? SourceHash(string rid, string path)
        {
            INativeLoader loader = LoaderFor(rid);
            IntPtr library = loader.Open(path);
            if (library == IntPtr.Zero) return null;
            var hash = (delegate* unmanaged[Cdecl]<IntPtr>)loader.Symbol(library, "mmap_fault_source_sha256");
            return hash == null ? null : Marshal.PtrToStringAnsi(hash());
        }

        private static bool IsWindows(string rid) => rid.StartsWith("win", StringComparison.Ordinal);

        private static INativeLoader LoaderFor(string rid) => IsWindows(rid) ? new WindowsLibraryLoader() : new LinuxLibraryLoader();
    }
}
