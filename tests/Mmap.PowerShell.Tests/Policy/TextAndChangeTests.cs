using System.Management.Automation;
using System.Text;
using Mmap;
using Mmap.Commands;
using Mmap.Commands.Policy;

namespace Mmap.PowerShell.Tests.Policy;

public sealed class TextAndChangeTests : IDisposable
{
    private readonly TempDir _dir = new();
    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("utf8")]
    [InlineData("UTF8")]
    [InlineData("utf8NoBOM")]
    [InlineData("utf8BOM")]
    public void Utf8_is_the_default_and_writes_no_byte_order_mark(string? name)
    {
        var e = TextEncodings.Resolve(name);
        Assert.Equal(Encoding.UTF8.CodePage, e.CodePage);
        Assert.Empty(e.GetPreamble());
        Assert.Equal(new byte[] { 0x68, 0xC3, 0xA9 }, e.GetBytes("hé"));
    }

    [Theory]
    [InlineData("ascii", new byte[] { 0x68, 0x3F })]
    [InlineData("unicode", new byte[] { 0x68, 0, 0xE9, 0 })]
    [InlineData("bigendianunicode", new byte[] { 0, 0x68, 0, 0xE9 })]
    [InlineData("utf32", new byte[] { 0x68, 0, 0, 0, 0xE9, 0, 0, 0 })]
    [InlineData("bigendianutf32", new byte[] { 0, 0, 0, 0x68, 0, 0, 0, 0xE9 })]
    [InlineData("latin1", new byte[] { 0x68, 0xE9 })]
    [InlineData("28591", new byte[] { 0x68, 0xE9 })]
    [InlineData("utf-16BE", new byte[] { 0, 0x68, 0, 0xE9 })]
    public void Named_encodings_and_code_pages_encode_as_PowerShell_users_expect(string name, byte[] expected)
    {
        // The cmdlets only ever call GetBytes/GetString, which never add a byte-order mark.
        Assert.Equal(expected, TextEncodings.Resolve(name).GetBytes("hé"));
    }

    [Fact]
    public void An_unknown_encoding_lists_the_known_names()
    {
        var e = Expect.Error(MmapError.InvalidArgument, () => TextEncodings.Resolve("klingon"));
        Assert.Contains("'klingon'", e.Message);
        Assert.Contains("bigendianunicode", e.Message);
    }

    [Fact]
    public void Encoding_arguments_are_encodings_names_or_code_pages_as_the_built_in_cmdlets_take_them()
    {
        var given = new UTF32Encoding(true, false);
        Assert.Same(given, TextEncodings.From(given));
        Assert.Equal(1200, TextEncodings.From(1200).CodePage);
        Assert.Equal(1200, TextEncodings.From(1200L).CodePage);
        Assert.Equal(1200, TextEncodings.From((short)1200).CodePage);
        Assert.Equal(28591, TextEncodings.From("28591").CodePage);
        Assert.Equal(28591, TextEncodings.From("iso-8859-1").CodePage);
        Assert.Equal(65001, TextEncodings.From("utf8NoBOM").CodePage);
        Assert.Contains("Code page 99999", Expect.Error(MmapError.InvalidArgument, () => TextEncodings.From(99999)).Message);
        Assert.Contains("-1", Expect.Error(MmapError.InvalidArgument, () => TextEncodings.From(-1)).Message);
        Assert.Contains("a Double", Expect.Error(MmapError.InvalidArgument, () => TextEncodings.From(1.5)).Message);
        Assert.Contains("$null", Expect.Error(MmapError.InvalidArgument, () => TextEncodings.From(null)).Message);
    }

    [Fact]
    public void Ansi_is_the_culture_code_page_and_oem_the_console_one_as_in_PowerShell_7()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance); // pwsh registers it; .NET alone knows only Unicode and Latin-1
        Assert.Equal(System.Globalization.CultureInfo.CurrentCulture.TextInfo.ANSICodePage, TextEncodings.Resolve("ansi").CodePage);
        int oem = OperatingSystem.IsWindows() ? System.Globalization.CultureInfo.CurrentCulture.TextInfo.OEMCodePage : 65001;
        Assert.Equal(oem, TextEncodings.Resolve("OEM").CodePage);
        Assert.Contains("ansi", TextEncodings.KnownNames);
    }

    [Fact]
    public void Completion_offers_known_names_by_prefix()
    {
        Assert.Equal(["utf8", "utf8NoBOM", "utf8BOM", "utf32"], TextEncodings.Complete("UTF"));
        Assert.Equal(TextEncodings.KnownNames, TextEncodings.Complete(null));
        Assert.Empty(TextEncodings.Complete("zz"));
    }

    [Theory]
    [InlineData(null, 10L, "Create")]
    [InlineData(10L, 20L, "Extend")]
    [InlineData(20L, 10L, "Truncate")]
    [InlineData(10L, 10L, "Unchanged")]
    [InlineData(10L, 0L, "Truncate")]
    public void Size_changes_are_classified(long? current, long size, string kind)
    {
        var change = FileSizeChange.Plan("/f", current, size);
        Assert.Equal(kind, change.Kind.ToString());
        Assert.Equal(kind != "Unchanged", change.ChangesFile);
    }

    [Fact]
    public void ShouldProcess_actions_say_what_happens_in_human_units()
    {
        Assert.Equal("Create with 1 KiB (1024 bytes)", FileSizeChange.Plan("/f", null, 1024).Action);
        Assert.Equal("Extend from 10 bytes to 1.5 MiB (1572864 bytes)", FileSizeChange.Plan("/f", 10, 1536 * 1024).Action);
        Assert.Equal("Truncate from 2 GiB (2147483648 bytes) to 0 bytes, discarding the last 2 GiB (2147483648 bytes)",
            FileSizeChange.Plan("/f", 2L << 30, 0).Action);
        Assert.Equal("Keep at 5 bytes", FileSizeChange.Plan("/f", 5, 5).Action);
        Assert.Contains("'/f'", FileSizeChange.Plan("/f", 100, 40).TruncationQuestion);
        Assert.Contains("discards its last 60 bytes", FileSizeChange.Plan("/f", 100, 40).TruncationQuestion);
    }

    [Theory]
    [InlineData(false, true)]
    [InlineData(true, false)]
    public void Only_truncation_asks_the_extra_question_and_only_Force_skips_it(bool force, bool asks)
    {
        Assert.Equal(asks, FileSizeChange.Plan("/f", 100, 10).NeedsTruncationQuestion(force));
        Assert.False(FileSizeChange.Plan("/f", 10, 100).NeedsTruncationQuestion(force));
        Assert.False(FileSizeChange.Plan("/f", null, 100).NeedsTruncationQuestion(force));
    }

    [Fact]
    public void A_host_that_cannot_ask_gets_confirmation_required_naming_the_file_the_sizes_and_Force()
    {
        var error = FileSizeChange.Plan("/f", 100, 10).ConfirmationRequired("PowerShell runs non-interactively");
        Assert.Equal("confirmation_required", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidOperation, error.CategoryInfo.Category);
        Assert.Equal("/f", error.TargetObject);
        Assert.Equal("Truncating '/f' from 100 bytes to 10 bytes needs confirmation, and this host cannot ask (PowerShell runs non-interactively). " +
            "The file was not changed. Add -Force to truncate without the question.", error.Exception.Message);
    }

    [Fact]
    public void Verbose_lines_say_what_was_done_to_the_file()
    {
        Assert.Equal("Created '/f' with 4 KiB (4096 bytes)", FileSizeChange.Plan("/f", null, 4096).Done);
        Assert.Equal("Extended '/f' from 10 bytes to 20 bytes", FileSizeChange.Plan("/f", 10, 20).Done);
        Assert.Equal("Truncated '/f' from 20 bytes to 10 bytes", FileSizeChange.Plan("/f", 20, 10).Done);
        Assert.Equal("Kept '/f' at 5 bytes", FileSizeChange.Plan("/f", 5, 5).Done);
    }

    [Fact]
    public void Mapping_ReadWrite_asks_before_creating_or_extending_a_file_only()
    {
        string existing = _dir.Pattern("e.bin", 100);
        Assert.Equal("Create with 4 KiB (4096 bytes)", FileSizeChange.ForMap(_dir.File("new.bin"), 4096)!.Action);
        Assert.Equal("Extend from 100 bytes to 200 bytes", FileSizeChange.ForMap(existing, 200)!.Action);
        Assert.Null(FileSizeChange.ForMap(existing, 100));
        Assert.Null(FileSizeChange.ForMap(existing, 50)); // a map never truncates
        Assert.Null(FileSizeChange.ForMap(_dir.Path, 4096)); // the engine refuses directories
    }

    [Fact]
    public void Only_ReadWrite_opens_with_a_size_change_their_file_or_tag()
    {
        string existing = _dir.Pattern("s.bin", 100);
        var rw = new MapOptions { Access = MapAccess.ReadWrite };
        var file = SourceChange.Plan(MapSource.File, MapKind.File, rw, null, 4096, _dir.File("n.bin"), null)!;
        Assert.Equal((_dir.File("n.bin"), "Create with 4 KiB (4096 bytes)", $"Created '{_dir.File("n.bin")}' with 4 KiB (4096 bytes)"), (file.Target, file.Action, file.Done));
        Assert.Equal("Extend from 100 bytes to 4 KiB (4096 bytes)", SourceChange.Plan(MapSource.File, MapKind.File, new MapOptions { Access = MapAccess.ReadWrite, Offset = 4000 }, null, 96, existing, null)!.Action);
        Assert.Null(SourceChange.Plan(MapSource.File, MapKind.File, rw, null, null, _dir.File("n.bin"), null));          // no size: maps what is there
        Assert.Null(SourceChange.Plan(MapSource.File, MapKind.File, new MapOptions(), null, 4096, _dir.File("n.bin"), null)); // Read never creates
        Assert.Null(SourceChange.Plan(MapSource.File, MapKind.File, new MapOptions { Access = MapAccess.CopyOnWrite }, null, 4096, existing, null));
        Assert.Null(SourceChange.Plan(MapSource.Anonymous, MapKind.Anonymous, rw, null, 4096, null, null));
        Assert.Null(SourceChange.Plan(MapSource.File, MapKind.File, new MapOptions { Access = MapAccess.ReadWrite, Offset = 1 }, null, long.MaxValue, existing, null));

        var tag = SourceChange.Plan(MapSource.Tag, MapKind.Shared, rw, new TagOptions(), 4096, null, "board")!;
        Assert.Equal(("shared memory tag 'board'", "Open, creating it or extending it to 4 KiB (4096 bytes) as needed", (string?)null), (tag.Target, tag.Action, tag.Done));
        Assert.Equal("Create with 4 KiB (4096 bytes)", SourceChange.Plan(MapSource.Tag, MapKind.Shared, rw, new TagOptions { Mode = SharedOpenMode.CreateNew }, 4096, null, "b")!.Action);
        Assert.Equal("Open, extending it to 4 KiB (4096 bytes) if shorter", SourceChange.Plan(MapSource.Tag, MapKind.Shared, rw, new TagOptions { Mode = SharedOpenMode.OpenExisting }, 4096, null, "b")!.Action);
        Assert.Null(SourceChange.Plan(MapSource.Tag, MapKind.Shared, new MapOptions { Access = MapAccess.Read }, new TagOptions(), 4096, null, "b"));
    }

    [Fact]
    public void The_planners_apply_their_own_access_defaults_and_the_mirror_block_alignment()
    {
        long g = PageInfo.Current.AllocationGranularity;
        string missing = _dir.File("m.bin");
        Assert.Null(NewMapPlanner.ChangeOf(new NewMapParameters { ParameterSet = NewMapCmdlet.PathSet, Size = 10 }, missing)); // files default to Read
        Assert.Equal("Create with 10 bytes", NewMapPlanner.ChangeOf(new NewMapParameters { ParameterSet = NewMapCmdlet.PathSet, Size = 10, Access = MapAccess.ReadWrite }, missing)!.Action);
        Assert.Equal($"Create with {MapWording.Bytes(g)}", MirrorPlanner.ChangeOf(new NewMapParameters { ParameterSet = NewMapCmdlet.LiteralPathSet, Size = 10 }, missing)!.Action); // mirrors default to ReadWrite
        Assert.NotNull(NewMapPlanner.ChangeOf(new NewMapParameters { ParameterSet = NewMapCmdlet.TagSet, Tag = "t", Size = 10 }, null)); // tags default to ReadWrite
        Assert.Null(NewMapPlanner.ChangeOf(new NewMapParameters { ParameterSet = NewMapCmdlet.AnonymousSet, Size = 10 }, null));
        Assert.Null(MirrorPlanner.ChangeOf(new NewMapParameters { ParameterSet = NewMapCmdlet.PathSet, Size = long.MaxValue }, missing));
    }

    [Fact]
    public void ForFile_reads_the_current_size_from_disk()
    {
        Assert.Equal(FileSizeChangeKind.Truncate, FileSizeChange.ForFile(_dir.Pattern("t.bin", 300), 100, new ModuleSession("test")).Kind);
        var missing = FileSizeChange.ForFile(_dir.File("none.bin"), 100, new ModuleSession("test"));
        Assert.Equal(FileSizeChangeKind.Create, missing.Kind);
        Assert.Null(missing.CurrentSize);
        var e = Expect.Error(MmapError.InvalidArgument, () => FileSizeChange.ForFile(_dir.Path, 100, new ModuleSession("test")));
        Assert.Contains("directory", e.Message);
    }

    [Fact]
    public void Map_change_wording_names_the_map()
    {
        string path = _dir.Pattern("w.bin", 100);
        using var file = MemoryMap.MapFile(path);
        using var anon = MemoryMap.MapAnonymous(1536);
        Assert.Equal(path, MapChanges.Target(file));
        Assert.Equal(anon.Description, MapChanges.Target(anon));
        Assert.Equal($"Free map #{anon.Id} (Anonymous, ReadWrite, 1.5 KiB)", MapChanges.FreeAction(anon));
    }

    [Fact]
    public void Views_show_human_sizes_and_hex_addresses()
    {
        Assert.Equal("1.5 KiB", ViewFormat.Size(1536));
        Assert.Equal("100 B", ViewFormat.Size(100));
        Assert.Equal("0x7F3A2C000000", ViewFormat.Address(new IntPtr(0x7F3A2C000000)));
    }
}
