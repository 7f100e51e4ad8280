using System;
using static Mmap.Platform.Libc;

namespace Mmap.Platform
{
    /// <summary>Linux and macOS: what a change of a live map asks of the OS (mprotect, Linux's mremap).</summary>
    internal sealed unsafe partial class PosixMapper
    {
        private static int Protection(MapAccess access, bool execute) =>
            PROT_READ | (access != MapAccess.Read ? PROT_WRITE : 0) | (execute ? PROT_EXEC : 0);

        public void Protect(in NativeView view, MapAccess access, bool execute, IDescribed subject)
        {
            if (mprotect(view.Address, new UIntPtr((ulong)view.Length), Protection(access, execute)) == 0) return;
            int errno = Errno;
            string rights = access + (execute ? " and Execute" : "");
            if (errno == EACCES)
                throw new MmapException(MmapError.AccessDenied,
                    $"The OS refuses {rights} for {subject.Description}: its file or memory was not opened for it. Map it again with that access.", errno, subject.Description);
            throw OsFailure.About(Translate(errno), errno, $"give {rights} to", subject.Description);
        }

        public bool TryMove(in NativeView view, long newSize, out NativeView moved)
        {
            moved = view;
            if (IsMac) return false;
            IntPtr p = LinuxRemap.Move(view.Address, view.Length, newSize);
            if (p == MAP_FAILED) return false; // the old mapping is untouched: the caller maps anew, and reports what that meets
            moved = new NativeView(p, newSize, IntPtr.Zero);
            return true;
        }
    }
}
