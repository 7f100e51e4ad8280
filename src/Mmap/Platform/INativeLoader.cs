using System;

namespace Mmap.Platform
{
    /// <summary>Loads a native library by its full path and finds its exports: netstandard2.0 has no NativeLibrary.</summary>
    internal unsafe interface INativeLoader
    {
        /// <summary>The library's handle, or zero (<see cref="LastError"/> says why).</summary>
        IntPtr Open(string path);

        /// <summary>The address of an export, or null.</summary>
        void* Symbol(IntPtr library, string name);

        /// <summary>Why the last Open or Symbol failed, in the loader's words.</summary>
        string LastError();
    }
}
