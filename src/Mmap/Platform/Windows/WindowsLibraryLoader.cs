using System;
using System.Runtime.InteropServices;

namespace Mmap.Platform
{
    /// <summary>LoadLibraryW and GetProcAddress (<see cref="Kernel32"/>).</summary>
    internal sealed unsafe class WindowsLibraryLoader : INativeLoader
    {
        private int _error;

        public IntPtr Open(string path)
        {
            IntPtr library = Kernel32.LoadLibraryW(path);
            _error = Marshal.GetLastWin32Error();
            return library;
        }

        public void* Symbol(IntPtr library, string name)
        {
            void* symbol = (void*)Kernel32.GetProcAddress(library, name);
            _error = Marshal.GetLastWin32Error();
            return symbol;
        }

        public string LastError() => $"Windows error {_error}";
    }
}
