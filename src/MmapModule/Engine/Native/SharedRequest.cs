namespace Mmap.Native
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

    /// <summary>One validated mirror request: [Offset, Offset+BlockSize) of File, Times times in a row.</summary>
    internal readonly struct MirrorRequest
    {
        internal MirrorRequest(NativeFile file, long offset, long blockSize, int times, MapAccess access, bool execute, ulong? address, bool populate, string description,
            MapPlacement placement = MapPlacement.Any)
        {
            File = file; Offset = offset; BlockSize = blockSize; Times = times; Access = access;
            Execute = execute; Address = address; Populate = populate; Description = description; Placement = placement;
        }
        internal NativeFile File { get; }
        internal long Offset { get; }
        internal long BlockSize { get; }
        internal int Times { get; }
        internal MapAccess Access { get; }
        internal bool Execute { get; }
        internal ulong? Address { get; }
        internal bool Populate { get; }
        internal string Description { get; }
        /// <summary>Where the whole range may lie; used only when <see cref="Address"/> is null.</summary>
        internal MapPlacement Placement { get; }
        internal long TotalSize => BlockSize * Times;

        /// <summary>True when the reservation must be placed by <see cref="Placement"/> rather than at an exact address.</summary>
        internal bool IsPlaced => Address is null && Placement != MapPlacement.Any;

        /// <summary>The same request as one plain map of the whole range, for the shared error messages.</summary>
        internal MapRequest AsMapRequest() => new MapRequest(File, Offset, TotalSize, Access, Execute, Address, Populate, Description, Placement);
    }
}
