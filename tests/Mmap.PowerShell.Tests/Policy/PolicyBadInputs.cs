using Mmap;
using Mmap.Commands;
using Mmap.Commands.Policy;
using static Mmap.MmapError;

namespace Mmap.PowerShell.Tests.Policy;

/// <summary>Bad values for the decisions the cmdlets leave to Policy, the command core.</summary>
public static class PolicyBadInputs
{
    private static readonly long Page = PageInfo.Current.AllocationGranularity;

    /// <summary>Bad inputs open no map, so nothing is ever kept here.</summary>
    private static readonly ModuleSession Session = new("test");

    public static IEnumerable<BadInput> All() =>
        Planners().Concat(Paths()).Concat(Ranges()).Concat(Arguments()).Concat(Permissions()).Concat(Removal());

    private static NewMapParameters P(string set, Action<NewMapParameters>? change = null)
    {
        var p = new NewMapParameters { ParameterSet = set };
        change?.Invoke(p);
        return p;
    }

    private static IEnumerable<BadInput> Planners()
    {
        var g = new CaseList("NewMapPlanner / MirrorPlanner")
        {
            { "file: size 0", InvalidArgument, "at least 1 byte", s => NewMapPlanner.Open(P(NewMapCmdlet.PathSet, p => p.Size = 0), s.Data, Session) },
            { "file: offset -1", InvalidArgument, "File offsets start at 0", s => NewMapPlanner.Open(P(NewMapCmdlet.LiteralPathSet, p => p.Offset = -1), s.Data, Session) },
            { "file: unaligned offset", InvalidArgument, "multiple of the allocation granularity", s => NewMapPlanner.Open(P(NewMapCmdlet.PathSet, p => p.Offset = 1), s.Data, Session) },
            { "file: address 0", InvalidArgument, "Leave the address out", s => NewMapPlanner.Open(P(NewMapCmdlet.PathSet, p => p.Address = 0), s.Data, Session) },
            { "file: address in use", OutOfMemory, "Leave the address out", s => NewMapPlanner.Open(P(NewMapCmdlet.PathSet, p => { p.Address = s.AddressInUse(); p.Size = Sandbox.DataLength; }), s.Data, Session) },
            { "file: directory", InvalidArgument, "Give the path of a file", s => NewMapPlanner.Open(P(NewMapCmdlet.PathSet), s.Dir, Session) },
            { "file: FIFO", InvalidArgument, "Copy the data to a file first", s => NewMapPlanner.Open(P(NewMapCmdlet.PathSet), s.Fifo, Session), true },
            { "file: missing, default (Read) access", NoFile, "map it with ReadWrite access to create it", s => NewMapPlanner.Open(P(NewMapCmdlet.PathSet), s.Missing, Session) },
            { "file: dangling symlink, ReadWrite", NoFile, "point it at an existing file", s => NewMapPlanner.Open(P(NewMapCmdlet.PathSet, p => { p.Access = MapAccess.ReadWrite; p.Size = Page; }), s.Dangling, Session) },
            { "file: access 99", InvalidArgument, "is not one of Read", s => NewMapPlanner.Open(P(NewMapCmdlet.PathSet, p => p.Access = (MapAccess)99), s.Data, Session) },
            { "tag: with '/'", InvalidArgument, "use no slashes", s => NewMapPlanner.Open(P(NewMapCmdlet.TagSet, p => { p.Tag = s.Marker + "/x"; p.Size = Page; }), null, Session) },
            { "tag: '..'", InvalidArgument, "Use single dots only", s => NewMapPlanner.Open(P(NewMapCmdlet.TagSet, p => { p.Tag = ".."; p.Size = Page; }), null, Session) },
            { "tag: over-long", InvalidArgument, "Use a shorter tag", s => NewMapPlanner.Open(P(NewMapCmdlet.TagSet, p => { p.Tag = new string('t', 300); p.Size = Page; }), null, Session) },
            { "tag: permission '999'", InvalidArgument, "Give octal digits", s => NewMapPlanner.Open(P(NewMapCmdlet.TagSet, p => { p.Tag = s.Marker; p.Size = Page; p.Permission = "999"; }), null, Session) },
            { "tag: mode 99", InvalidArgument, "is not one of OpenOrCreate", s => NewMapPlanner.Open(P(NewMapCmdlet.TagSet, p => { p.Tag = s.Marker; p.Size = Page; p.TagMode = (SharedOpenMode)99; }), null, Session) },
            { "tag: missing, OpenExisting", NoFile, "Check the tag", s => NewMapPlanner.Open(P(NewMapCmdlet.TagSet, p => { p.Tag = s.Marker; p.TagMode = SharedOpenMode.OpenExisting; }), null, Session) },
            { "anonymous: size -1", InvalidArgument, "at least 1 byte", s => NewMapPlanner.Open(P(NewMapCmdlet.AnonymousSet, p => p.Size = -1), null, Session) },
            { "anonymous: size long.MaxValue", OutOfMemory, "Ask for a smaller size", s => NewMapPlanner.Open(P(NewMapCmdlet.AnonymousSet, p => p.Size = long.MaxValue), null, Session) },
            { "anonymous: placement 99", InvalidArgument, "is not one of Any", s => NewMapPlanner.Open(P(NewMapCmdlet.AnonymousSet, p => { p.Size = Page; p.Placement = (MapPlacement)99; }), null, Session) },
            { "mirror: times 1", InvalidArgument, "at least 2 times", s => MirrorPlanner.Open(P(NewMapCmdlet.AnonymousSet, p => p.Size = Page), null, 1, Session) },
            { "mirror: size 0", InvalidArgument, "at least 1", s => MirrorPlanner.Open(P(NewMapCmdlet.AnonymousSet, p => p.Size = 0), null, 2, Session) },
            { "mirror: CopyOnWrite file", InvalidArgument, "Use ReadWrite (or Read)", s => MirrorPlanner.Open(P(NewMapCmdlet.PathSet, p => { p.Size = Page; p.Access = MapAccess.CopyOnWrite; }), s.Data, 2, Session) },
            { "mirror: dangling symlink", NoFile, "point it at an existing file", s => MirrorPlanner.Open(P(NewMapCmdlet.LiteralPathSet, p => p.Size = Page), s.Dangling, 2, Session) },
            { "mirror: tag with '\\'", InvalidArgument, "use no slashes", s => MirrorPlanner.Open(P(NewMapCmdlet.TagSet, p => { p.Size = Page; p.Tag = s.Marker + "\\x"; }), null, 2, Session) },
            { "mirror: permission 'rwxrwxrwt'", InvalidArgument, "Give octal digits", s => MirrorPlanner.Open(P(NewMapCmdlet.TagSet, p => { p.Size = Page; p.Tag = s.Marker; p.Permission = "rwxrwxrwt"; }), null, 2, Session) },
        };
        g.Throws<ArgumentOutOfRangeException>("unknown parameter set", "Unknown New-MemoryMap parameter set", s => NewMapPlanner.Open(P("Bogus"), s.Data, Session));
        g.Throws<ArgumentNullException>("file set without a provider path", "providerPath", s => NewMapPlanner.Open(P(NewMapCmdlet.PathSet), null, Session));
        return g;
    }

    private static IEnumerable<BadInput> Paths()
    {
        var g = new CaseList("PathRules / FileSizeChange")
        {
            { "Registry provider", InvalidArgument, "Give a file path", s => PathRules.CheckProvider("Registry", "HKLM:\\Software") },
            { "Variable provider", InvalidArgument, "Give a file path", s => PathRules.CheckProvider("Variable", "variable:x") },
            { "empty provider name", InvalidArgument, "Give a file path", s => PathRules.CheckProvider("", "x") },
            { "pattern matching nothing", NoFile, "Check the pattern", s => PathRules.Choose("*.nothing", true, Array.Empty<string>(), PathMultiplicity.ExactlyOne) },
            { "pattern matching nothing (each)", NoFile, "Check the pattern", s => PathRules.Choose("*.nothing", true, Array.Empty<string>(), PathMultiplicity.Each) },
            { "pattern matching two files for a map", InvalidArgument, "Narrow the pattern", s => PathRules.Choose("*.bin", true, new[] { s.Data, s.Empty }, PathMultiplicity.ExactlyOne) },
            { "unresolvable drive", NoFile, "Cannot resolve", s => throw PathRules.NotFound("Q:\\x", "Cannot find drive.") },
            { "size change of a directory", InvalidArgument, "only files have a size to set", s => FileSizeChange.ForFile(s.Dir, 1, new ModuleSession("test")) },
            { "size change of an empty path", InvalidArgument, "Give the path of the file", s => FileSizeChange.ForFile("", 1, new ModuleSession("test")) },
            { "size change of a path with NUL", InvalidArgument, "Remove it", s => FileSizeChange.ForFile(s.Data + "\0", 1, new ModuleSession("test")) },
            // Planned as the link itself, these asked whether to truncate the link's own few bytes: no plan, no question.
            { "size change through a dangling link", NoFile, "never creates a file through a link", s => FileSizeChange.ForFile(s.Dangling, 0, new ModuleSession("test")) },
            { "size change through a link loop", InvalidArgument, "Fix the link", s => FileSizeChange.ForFile(s.Loop, 0, new ModuleSession("test")) },
        };
        g.Throws<ArgumentException>("plain path resolving to two", "not 2", s => PathRules.Choose("a", false, new[] { "a", "b" }, PathMultiplicity.Each));
        return g;
    }

    private static IEnumerable<BadInput> Ranges()
    {
        var g = new CaseList("DataRanges");
        const string Inside = "Keep offset and count inside the map";
        foreach (long offset in new[] { -1L, 8193L, long.MaxValue, long.MinValue })
        {
            g.Add($"read count from offset {offset}", InvalidArgument, Inside, s => DataRanges.ReadCount(8192, offset, null));
            g.Add($"sync length from offset {offset}", InvalidArgument, Inside, s => DataRanges.RangeLength(8192, offset, null, "flush"));
        }
        g.Add("read the rest of a 3 GiB map", InvalidArgument, "Give -Count", s => DataRanges.ReadCount(3L << 30, 0, null));
        g.Add("read the rest of a long.MaxValue map", InvalidArgument, "Give -Count", s => DataRanges.ReadCount(long.MaxValue, 0, null));
        g.Add("read -Count one above the largest array", InvalidArgument, "step -Offset", s => DataRanges.ReadCount(8L << 30, 0, DataRanges.MaxArrayLength + 1L));
        g.Add("read -Count long.MaxValue", InvalidArgument, "step -Offset", s => DataRanges.ReadCount(1000, 0, long.MaxValue));
        return g;
    }

    private static IEnumerable<BadInput> Arguments()
    {
        var g = new CaseList("TextEncodings / AddressArgument");
        foreach (string name in new[] { "nope", "utf-9", "utf8 ", "99999", "-1", "65536", "ütf8", new string('x', 1000) })
            g.Add($"encoding '{(name.Length > 12 ? name.Substring(0, 12) + "..." : name)}'", InvalidArgument, "Use one of utf8", s => TextEncodings.Resolve(name));
        g.Add("encoding NUL (quoted printably)", InvalidArgument, "Use one of utf8", s => TextEncodings.Resolve("\0"));
        g.Add("encoding argument of another type", InvalidArgument, "Use one of utf8", s => TextEncodings.From(new object()));
        g.Add("encoding code page -1", InvalidArgument, "Use one of utf8", s => TextEncodings.From(-1));
        g.Add("address 'NUL'", InvalidArgument, "$map.Address", s => AddressArgument.From("\0"));
        g.Add("address of another type", InvalidArgument, "$map.Address", s => AddressArgument.From(new object()));
        return g;
    }

    private static IEnumerable<BadInput> Permissions()
    {
        var g = new CaseList("TagPermission");
        foreach (string text in new[] { "8", "999", "1000", "0o600", "-600", "+600", "60 0", " ", "0x180", "rwxrwxrwt", "rwsr-xr-x", "rw-r--r--x", "RW-------", "७७७" })
            g.Add($"permission '{text}'", InvalidArgument, "Give octal digits from 0 to 777", s => TagPermission.Parse(text));
        g.Add("permission with a NUL (quoted printably)", InvalidArgument, "Give octal digits from 0 to 777", s => TagPermission.Parse("rw-------\0"));
        return g;
    }

    private static IEnumerable<BadInput> Removal() => new CaseList("MapRemoval")
    {
        { "-Unlink of a file map", InvalidArgument, "Free it without -Unlink", s => new MapRemoval(unlink: true, Session).Check(s.MapData()) },
        { "-Unlink of anonymous memory", InvalidArgument, "Free it without -Unlink", s => new MapRemoval(unlink: true, Session).Check(s.Own(MemoryMap.MapAnonymous(Page))) },
        { "-Unlink of a tag removed elsewhere", NoFile, "Check the tag", s =>
            {
                var map = MemoryMap.MapShared(s.Marker, new MapOptions { Access = MapAccess.ReadWrite, Size = Page });
                SharedMemory.Unlink(s.Marker);
                new MapRemoval(unlink: true, Session).Remove(map);
            }, Expect.MappedTagsKeepTheirNameOnWindows },
    };
}
