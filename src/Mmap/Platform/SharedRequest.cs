namespace Mmap.Platform
{
    /// <summary>One validated request to open or create tagged shared memory.</summary>
    internal readonly struct SharedRequest
    {
        internal SharedRequest(string tag, bool write, bool create, bool exclusive, int permissions, bool global, long createSize)
        {
            Tag = tag; Write = write; Create = create; Exclusive = exclusive;
            Permissions = permissions; Global = global; CreateSize = createSize;
        }
        /// <summary>The validated tag, without any OS prefix ('/', Local\, Global\).</summary>
        internal string Tag { get; }
        internal bool Write { get; }
        /// <summary>Create the segment when it does not exist.</summary>
        internal bool Create { get; }
        /// <summary>Create only: an existing segment is already_exists.</summary>
        internal bool Exclusive { get; }
        internal int Permissions { get; }
        /// <summary>Windows: Global\ instead of Local\.</summary>
        internal bool Global { get; }
        /// <summary>Windows: the size a new section is created with (POSIX segments are sized afterwards).</summary>
        internal long CreateSize { get; }
    }

    /// <summary>One validated mirror request: <see cref="Block"/> (one copy's file, offset, size, access...)
    /// laid out <see cref="Times"/> times in a row.</summary>
    internal readonly struct MirrorRequest
    {
        internal MirrorRequest(MapRequest block, int times) { Block = block; Times = times; }
        internal MapRequest Block { get; }
        internal int Times { get; }
        internal long BlockSize => Block.Size;
        internal long TotalSize => Block.Size * Times;

        /// <summary>True when the reservation must be placed by the placement rather than at an exact address.</summary>
        internal bool IsPlaced => Block.Address is null && Block.Placement != MapPlacement.Any;

        /// <summary>The same request as one plain map of the whole range, for the shared error messages.</summary>
        internal MapRequest AsMapRequest() => new MapRequest(Block.File, Block.Offset, TotalSize, Block.Access, Block.Execute,
            Block.Address, Block.Populate, Block.Description, Block.Placement);
    }
}
