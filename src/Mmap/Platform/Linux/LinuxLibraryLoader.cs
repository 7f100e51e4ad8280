using System;
using System.Runtime.InteropServices;
using System.Text;

namespace Mmap.Platform
{
    /// <summary>The dynamic loader of glibc (<see cref="LibDl"/>).</summary>
    internal sealed unsafe class LinuxLibraryLoader : INativeLoader
    {
        public IntPtr Open(string path)
        {
            fixed (byte* p = Encoding.UTF8.GetBytes(path + "\0")) return LibDl.dlopen(p, LibDl.RTLD_NOW);
        }

        public void* Symbol(IntPtr library, string name)
        {
            fixed (byte* p = Encoding.ASCII.GetBytes(name + "\0")) return (void*)LibDl.dlsym(library, p);
        }

        public string LastError() => Marshal.PtrToStringAnsi(LibDl.dlerror()) ?? "no reason given";
    }
}
