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

        public void Extend(in NativeView view, long length, in MapRequest request, MapAccess access)
        {
            long page = PageInfo.Current.PageSize;
            long from = PageMath.AlignUp(view.Length, page), to = PageMath.AlignUp(length, page);
            if (to <= from) return; // the last page mapped already holds it
            bool anonymous = !request.File.IsOpen;
            int flags = MAP_FIXED | (anonymous ? MAP_PRIVATE | MAP_ANONYMOUS : request.Access == MapAccess.CopyOnWrite ? MAP_PRIVATE : MAP_SHARED);
            if (request.NoReserve) flags |= MAP_NORESERVE;
            IntPtr at = new IntPtr(view.Address.ToInt64() + from);
            if (mmap(at, new UIntPtr((ulong)(to - from)), Protection(access, request.Execute), flags,
                    anonymous ? -1 : request.File.Handle.ToInt32(), anonymous ? 0 : request.Offset + from) != MAP_FAILED)
                return;
            int errno = Errno;
            throw OsFailure.About(Translate(errno), errno, $"grow to {length} bytes in place", request.Description);
        }

        public void Shrink(in NativeView view, long length)
        {
            long page = PageInfo.Current.PageSize;
            long from = PageMath.AlignUp(length, page), to = PageMath.AlignUp(view.Length, page);
            if (to > from)
                mmap(new IntPtr(view.Address.ToInt64() + from), new UIntPtr((ulong)(to - from)), PROT_NONE,
                    MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_FIXED, -1, 0); // if refused, the pages stay mapped: harmless
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
