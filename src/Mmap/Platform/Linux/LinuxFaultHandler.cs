using System;
using System.IO;
using System.Runtime.InteropServices;
using System.Text;

namespace Mmap.Platform
{
    /// <summary>
    /// Loads the engine's SIGBUS handler (src/Mmap.Native/linux/mmap_fault.c, shipped as
    /// runtimes/&lt;rid&gt;/native/libmmapfault.so beside Mmap.dll) and installs it over the runtime's, once per process.
    /// </summary>
    internal static unsafe class LinuxFaultHandler
    {
        internal const string LibraryName = "libmmapfault.so";

        /// <summary>The runtime identifier whose binary this process needs, or null where none is shipped.</summary>
        internal static string? RuntimeId(HostOs os, Architecture architecture, int pointerSize)
        {
            if (os != HostOs.Linux || pointerSize != 8) return null;
            if (architecture == Architecture.X64) return "linux-x64";
            if (architecture == Architecture.Arm64) return "linux-arm64";
            return null;
        }

        /// <summary>Where the binary for <paramref name="rid"/> lies: the runtimes folder beside the engine's assembly.</summary>
        internal static string LibraryPath(string rid)
        {
            string? dir = System.IO.Path.GetDirectoryName(typeof(LinuxFaultHandler).Assembly.Location);
            return System.IO.Path.Combine(dir ?? "", "runtimes", rid, "native", LibraryName);
        }

        /// <summary>Loads the library and installs its handler with <paramref name="root"/> as the table it reads; null on
        /// success, else why not (the caller keeps the size check then).</summary>
        internal static string? Install(string path, IntPtr root)
        {
            if (!File.Exists(path)) return $"its native handler {path} is missing";
            IntPtr library;
            fixed (byte* p = Encoding.UTF8.GetBytes(path + "\0")) library = LibDl.dlopen(p, LibDl.RTLD_NOW);
            if (library == IntPtr.Zero) return $"{path} cannot be loaded ({LastError()})";
            var install = (delegate* unmanaged[Cdecl]<IntPtr, int>)Symbol(library, "mmap_fault_install");
            if (install == null) return $"{path} has no mmap_fault_install ({LastError()})";
            int errno = install(root);
            return errno == 0 ? null : $"sigaction failed with errno {errno}";
        }

        /// <summary>The SHA-256 of the source the library at <paramref name="path"/> was built from (tests compare it with
        /// the committed source), or null when it cannot be loaded.</summary>
        internal static string? SourceHash(string path)
        {
            IntPtr library;
            fixed (byte* p = Encoding.UTF8.GetBytes(path + "\0")) library = LibDl.dlopen(p, LibDl.RTLD_NOW);
            if (library == IntPtr.Zero) return null;
            var hash = (delegate* unmanaged[Cdecl]<IntPtr>)Symbol(library, "mmap_fault_source_sha256");
            return hash == null ? null : Marshal.PtrToStringAnsi(hash());
        }

        private static void* Symbol(IntPtr library, string name)
        {
            fixed (byte* p = Encoding.ASCII.GetBytes(name + "\0")) return (void*)LibDl.dlsym(library, p);
        }

        private static string LastError() => Marshal.PtrToStringAnsi(LibDl.dlerror()) ?? "no reason given";
    }
}
