using System;
using Mmap.Platform;

namespace Mmap
{
    /// <summary>Builds mirrors from a file, a tag or anonymous memory; the OS layer does the race-free mapping.</summary>
    internal static class MirrorFactory
    {
        private static IPlatformMapper Os => OsLayer.Current;

        /// <summary>Options for a mirror: ReadWrite unless the caller said otherwise, and the block as the size.</summary>
        private static MapOptions Prepare(long size, int times, MapOptions? options, string target, out long block)
        {
            var o = options?.Clone() ?? new MapOptions { Access = MapAccess.ReadWrite };
            block = MirrorRules.CheckMirror(size, times, o, Os.PageInfo, target);
            o.Size = block;
            return o;
        }

        internal static MirroredMap FromFile(string path, long size, int times, MapOptions? options)
        {
            MapRules.CheckPath(path);
            var o = Prepare(size, times, options, path, out long block);
            MapRules.CheckOptions(o, Os.PageInfo, fileBacked: true);
            string fullPath = System.IO.Path.GetFullPath(path);
            bool write = o.Access == MapAccess.ReadWrite;
            NativeFile file = Os.OpenFile(fullPath, write, create: write, out bool created);
            return MapFactory.PrepareFile(file, fullPath, fullPath, o, created, (plan, identity) =>
            {
                if (identity is null)
                    throw new MmapException(MmapError.InvalidArgument, $"'{fullPath}' is a device; only regular files can be mirrored. Give the path of a regular file, or mirror a tag or anonymous memory.", 0, fullPath);
                return Build(file, o, block, times, $"'{fullPath}'", fullPath, identity, null);
            });
        }

        internal static MirroredMap FromTag(string tag, long size, int times, MapOptions? options)
        {
            TagRules.CheckTag(tag, TagRules.Current);
            var o = Prepare(size, times, options, tag, out long block);
            SharedFactory.Check(tag, o);
            using (var segment = SharedFactory.SharedSegment.Open(tag, o, block))
            {
                var mirror = Build(segment.File, o, block, times, segment.Description, null, segment.Identity, tag);
                segment.Keep();
                return mirror;
            }
        }

        internal static MirroredMap Anonymous(long size, int times, MapOptions? options)
        {
            var o = Prepare(size, times, options, "anonymous memory", out long block);
            o.Offset = 0;
            MapRules.CheckOptions(o, Os.PageInfo, fileBacked: false);
            string description = $"{MapRules.Human(block)} of anonymous memory";
            NativeFile segment = Os.CreateMemorySegment(block, description, out bool sizeFixed);
            o.CheckFileSize &= !sizeFixed; // a size nobody can change needs no check per call
            try { return Build(segment, o, block, times, description, null, Os.Stat(segment, description).Identity, null); }
            catch { Os.CloseFile(segment); throw; }
        }

        /// <summary>Maps the mirror and hands it to a MapHandle, which from then on owns the views and <paramref name="file"/>.</summary>
        private static MirroredMap Build(NativeFile file, MapOptions o, long block, int times, string description,
            string? path, FileIdentity? identity, string? tag)
        {
            PlacementRules.Check(o.Placement, o.Address, block * times); // the whole range must fit the window
            var view = Os.MapMirror(new MirrorRequest(
                new MapRequest(file, o.Offset, block, o.Access, o.Execute, o.Address, o.Populate, description, o.Placement), times));
            return MemoryMapRegistry.Register(new MirroredMap(new MapHandle(view, file), o, view.Length, path, identity, tag, block, times));
        }
    }
}
