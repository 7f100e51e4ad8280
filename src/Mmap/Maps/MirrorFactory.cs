using Mmap.Platform;

namespace Mmap
{
    /// <summary>Builds mirrors from a file, a tag or anonymous memory; the OS layer does the race-free mapping, and a
    /// <see cref="Rollback"/> undoes what was opened, created or grown if any step fails.</summary>
    internal static class MirrorFactory
    {
        private static IPlatformMapper Os => OsLayer.Current;

        /// <summary>The options of a mirror, resolved (ReadWrite by default), with the block as their size; anonymous
        /// memory is a segment made for this mirror alone, so it starts at offset 0.</summary>
        private static MapOptions Resolve(long size, int times, MapOptions? options, string target, bool anonymous, out long block)
        {
            var given = options ?? new MapOptions();
            block = MirrorRules.CheckMirror(size, times, given.AccessFor(MapKind.Mirror), Os.PageInfo, target);
            var o = given.Clone();
            o.Size = block;
            if (anonymous) o.Offset = 0;
            return MapRules.Resolve(o, MapKind.Mirror, Os.PageInfo);
        }

        internal static MirroredMap FromFile(string path, long size, int times, MapOptions? options)
        {
            MapRules.CheckPath(path);
            var o = Resolve(size, times, options, path, anonymous: false, out long block);
            string fullPath = System.IO.Path.GetFullPath(path);
            using (var rollback = new Rollback())
            {
                var opened = MapFactory.OpenFile(rollback, fullPath, o.ResolvedAccess == MapAccess.ReadWrite);
                NativeFile file = opened.File;
                var (_, identity) = MapFactory.PrepareFile(rollback, file, opened.Status, fullPath, o);
                if (identity is null)
                    throw new MmapException(MmapError.InvalidArgument, $"'{fullPath}' is a device; only regular files can be mirrored. Give the path of a regular file, or mirror a tag or anonymous memory.", 0, fullPath);
                return Build(rollback, file, o, block, times, $"'{fullPath}'", fullPath, identity, null);
            }
        }

        internal static MirroredMap FromTag(string tag, long size, int times, MapOptions? options, TagOptions tagOptions)
        {
            TagRules.CheckTag(tag, TagRules.Current);
            var o = Resolve(size, times, options, tag, anonymous: false, out long block);
            using (var rollback = new Rollback())
            {
                var segment = SharedFactory.OpenSegment(rollback, tag, o, tagOptions, block);
                return Build(rollback, segment.File, o, block, times, segment.Description, null, segment.Identity, tag);
            }
        }

        internal static MirroredMap Anonymous(long size, int times, MapOptions? options)
        {
            var o = Resolve(size, times, options, "anonymous memory", anonymous: true, out long block);
            string description = $"{ByteSize.ToText(block)} of anonymous memory";
            using (var rollback = new Rollback())
            {
                NativeFile segment = rollback.Own(Os.CreateMemorySegment(block, description, out bool sizeFixed));
                o.BackingSizeFixed = sizeFixed;
                o.SizeCheck &= !sizeFixed; // a size nobody can change needs no check per call
                return Build(rollback, segment, o, block, times, description, null, Os.Stat(segment, description).Identity, null);
            }
        }

        /// <summary>Maps the mirror and hands it, with <paramref name="file"/>, to the handle that frees both.</summary>
        private static MirroredMap Build(Rollback rollback, NativeFile file, MapOptions o, long block, int times, string description,
            string? path, FileIdentity? identity, string? tag)
        {
            PlacementRules.Check(o.Placement, o.Address, block * times); // the whole range must fit the window
            var view = RetiredRange.MapMirror(new MirrorRequest(
                new MapRequest(file, o.Offset, block, o.ResolvedAccess, o.Execute, o.Address, o.Populate, description, o.Placement), times));
            return MemoryMapRegistry.Register(new MirroredMap(rollback.HandOver(view, file), o, view.Length, path, identity, tag, block, times));
        }
    }
}
