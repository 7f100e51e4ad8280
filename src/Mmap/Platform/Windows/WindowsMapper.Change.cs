using System;
using static Mmap.Platform.Kernel32;

namespace Mmap.Platform
{
    /// <summary>Windows: what a change of a live map asks of the OS (VirtualProtect; a view cannot be moved).</summary>
    internal sealed partial class WindowsMapper
    {
        private static uint PageProtection(MapAccess access, bool execute) => access switch
        {
            MapAccess.ReadWrite => execute ? PAGE_EXECUTE_READWRITE : PAGE_READWRITE,
            MapAccess.CopyOnWrite => execute ? PAGE_EXECUTE_WRITECOPY : PAGE_WRITECOPY,
            _ => execute ? PAGE_EXECUTE_READ : PAGE_READONLY,
        };

        public void Protect(in NativeView view, MapAccess access, bool execute, IDescribed subject)
        {
            if (VirtualProtect(view.Address, new UIntPtr((ulong)view.Length), PageProtection(access, execute), out _)) return;
            int error = System.Runtime.InteropServices.Marshal.GetLastWin32Error();
            string rights = access + (execute ? " and Execute" : "");
            // A view allows at most what it was mapped with (FILE_MAP_*): the OS says access denied or invalid parameter.
            if (error == ERROR_ACCESS_DENIED || error == ERROR_INVALID_PARAMETER)
                throw new MmapException(MmapError.AccessDenied,
                    $"Windows refuses {rights} for {subject.Description}: its view was not mapped with those rights. Map it again with that access.", error, subject.Description);
            throw OsFailure.Create(Translate(error), error, $"give {rights} to", subject.Description);
        }

        /// <summary>Never called: MapOptions.MaxSize is refused on Windows (a reservation there needs placeholders).</summary>
        public void Extend(in NativeView view, long length, in MapRequest request, MapAccess access) =>
            throw new MmapException(MmapError.NotSupported, $"Cannot grow {request.Description} in place: Windows maps reserve no room to grow.");

        /// <inheritdoc cref="Extend"/>
        public void Shrink(in NativeView view, long length) =>
            throw new MmapException(MmapError.NotSupported, "Windows maps reserve no room to grow or shrink in place.");

        /// <summary>Windows has no mremap: the caller maps anew.</summary>
        public bool TryMove(in NativeView view, long newSize, out NativeView moved)
        {
            moved = view;
            return false;
        }
    }
}
