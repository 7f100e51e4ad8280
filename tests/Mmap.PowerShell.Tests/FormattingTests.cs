namespace Mmap.PowerShell.Tests;

/// <summary>
/// Every type the cmdlets emit formats, selects and serializes in real PowerShell: default table and list views,
/// Format-List *, Select-Object *, Format-Custom, ConvertTo-Json and Export-Clixml, each with no error record.
/// </summary>
public sealed class FormattingTests : IDisposable
{
    private readonly ModuleHost _host = new();
    private readonly string _dir = Directory.CreateTempSubdirectory("mmap-format-").FullName;

    /// <summary>A script making one object of each kind the module emits (in $args[0], a scratch folder).</summary>
    public static TheoryData<string, string> Outputs() => new()
    {
        { "anonymous map", "New-MemoryMap -Anonymous -Size 4KB" },
        { "file map", "$f = Join-Path $args[0] \"$(New-Guid).bin\"; Set-FileSize $f 8KB; New-MemoryMap -LiteralPath $f -Access ReadWrite" },
        { "tag map", "New-MemoryMap -Tag \"mmap-fmt-$(New-Guid)\" -Size 4KB" },
        { "anonymous mirror", "New-MirroredMap -Size 4KB -Times 3" },
        { "tag mirror", "New-MirroredMap -Tag \"mmap-fmt-$(New-Guid)\" -Size 4KB" },
        { "freed map", "$m = New-MemoryMap -Anonymous -Size 4KB; $m | Remove-MemoryMap; $m" },
        { "page info", "Get-PageSize" },
        { "large page pools", "Get-PageSize -LargePages" },
        { "low-address report", "Test-LowAddressAlloc -Size 64KB" },
        { "address region", "(Test-LowAddressAlloc).Regions | Select-Object -First 1" },
        { "resized file", "Set-FileSize (Join-Path $args[0] \"$(New-Guid).bin\") 4KB -PassThru" },
        { "search match", "$m = New-MemoryMap -Anonymous -Size 4KB; $m | Write-MemoryMap -String 'MARK' -Offset 3; $m | Find-MemoryMap -String 'MARK'" },
        { "value exchange", "New-MemoryMap -Anonymous -Size 4KB | Update-MemoryMapValue 8 -Expect 0 -Value 5" },
        { "tag info", "$t = \"mmap-fmt-$(New-Guid)\"; New-MemoryMap -Tag $t -Size 4KB | Out-Null; Get-MemoryMapTag $t" },
    };

    [SkippableTheory]
    [MemberData(nameof(Outputs))]
    public void Formats_with_every_formatter(string kind, string make)
    {
        SkipUnlessTagsList(kind);
        var formatters = new[]
        {
            "Format-Table | Out-String", "Format-List | Out-String", "Format-List * | Out-String",
            "Select-Object * | Out-String", "Format-Custom | Out-String", "Out-String", "Out-String -Stream",
        };
        foreach (string formatter in formatters)
        {
            string text = string.Concat(_host.Run($"{make} | {formatter}", _dir).Select(o => o.BaseObject as string));
            Assert.False(string.IsNullOrWhiteSpace(text), $"{kind} | {formatter} printed nothing");
        }
    }

    [SkippableTheory]
    [MemberData(nameof(Outputs))]
    public void Serializes_to_json_and_clixml(string kind, string make)
    {
        SkipUnlessTagsList(kind);
        string json = _host.Text($"{make} | ConvertTo-Json -EnumsAsStrings -WarningAction SilentlyContinue", _dir);
        Assert.StartsWith("{", json.TrimStart());
        string xml = Path.Combine(_dir, "out.xml");
        _host.Run($"{make} | Export-Clixml -LiteralPath $args[1]", _dir, xml);
        var back = _host.Run("Import-Clixml -LiteralPath $args[0]", xml);
        Assert.True(back.Count == 1, $"{kind}: Export-Clixml/Import-Clixml gave {back.Count} objects");
    }

    [Fact]
    public void Json_names_enums_with_EnumsAsStrings_and_has_no_pointer()
    {
        string json = _host.Text("New-MemoryMap -Anonymous -Size 4KB | ConvertTo-Json -EnumsAsStrings");
        Assert.Contains("\"Kind\": \"Anonymous\"", json);
        Assert.Contains("\"Access\": \"ReadWrite\"", json);
        Assert.DoesNotContain("Pointer", json);
    }

    [Fact]
    public void Maps_and_mirrors_print_as_one_table_with_mirror_sizes_as_copies()
    {
        string text = _host.Text("New-MemoryMap -Anonymous -Size 1536; New-MirroredMap -Size 64KB");
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(text, @"Id\s+Kind\s+Access\s+Size\s+Address\s+Path/Tag"));
        Assert.Contains("1.5 KiB", text);
        Assert.Contains("2 x 64 KiB", text);
    }

    [Fact]
    public void The_Path_Tag_column_shows_the_tag_of_tag_maps_and_tag_mirrors()
    {
        string tag = $"mmap-fmt-{Guid.NewGuid():N}";
        string text = _host.Text("New-MemoryMap -Tag $args[0] -Size 4KB; New-MirroredMap -Tag \"$($args[0])-ring\" -Size 4KB", tag);
        Assert.Matches($@"(?m)\s{tag}\s*$", text);
        Assert.Contains(tag + "-ring", text);
    }

    [Fact]
    public void A_freed_map_shows_as_freed()
    {
        string table = _host.Text("$m = New-MemoryMap -Anonymous -Size 4KB; $m | Remove-MemoryMap; $m");
        Assert.Contains("(freed)", table);
        string list = _host.Text("$m = New-MemoryMap -Anonymous -Size 4KB; $m | Remove-MemoryMap; $m | Format-List");
        Assert.Matches(@"IsDisposed\s*:\s*True", list);
    }

    [Fact]
    public void The_list_view_of_a_mirror_shows_its_copies_and_block()
    {
        string list = _host.Text("New-MirroredMap -Size 4KB -Times 3 | Format-List");
        Assert.Matches(@"Times\s*:\s*3", list);
        Assert.Matches(@"BlockSize\s*:\s*4 KiB", list);
        Assert.Matches(@"Size\s*:\s*12 KiB", list);
    }

    [Fact]
    public void A_match_shows_its_context_in_hex_and_text_with_the_match_in_brackets()
    {
        string text = _host.Text("$m = New-MemoryMap -Anonymous -Size 4KB; $m | Write-MemoryMap -String 'say MARK=1' -Offset 100; " +
            "$m | Find-MemoryMap -String 'MARK' | Format-List | Out-String -Width 200");
        Assert.Contains("00 00 00 00 73 61 79 20 [4D 41 52 4B] 3D 31 00 00 00 00 00 00  ....say [MARK]=1......", text);
        Assert.Matches(@"ContextOffset\s*:\s*96", text);
    }

    [SkippableFact]
    public void A_tag_shows_its_mode_and_owner()
    {
        SkipUnlessTagsList("tag info");
        string text = _host.Text("$t = \"mmap-fmt-$(New-Guid)\"; New-MemoryMap -Tag $t -Size 8KB | Out-Null; Get-MemoryMapTag $t | Out-String -Width 200");
        Assert.Matches(@"rw-------\s+" + System.Text.RegularExpressions.Regex.Escape(Environment.UserName) + @"\s+8 KiB", text);
    }

    [Fact]
    public void A_map_after_other_objects_still_formats()
    {
        // PowerShell formats an object whose type differs from the first one's out of band, listing every
        // property: that listing threw on the pointer property the map once had.
        string text = _host.Text("'first'; Get-Date; New-MemoryMap -Anonymous -Size 4KB; Get-PageSize");
        Assert.Contains("first", text);
        Assert.Matches(@"Kind\s*:\s*Anonymous", text);
        Assert.Matches(@"AllocationGranularity\s*:", text);
    }

    /// <summary>Get-MemoryMapTag lists tags only where the OS can (PlatformFacts.CanListTags): not_supported on Windows
    /// and macOS, as its help says.</summary>
    private static void SkipUnlessTagsList(string kind) =>
        Skip.If(kind == "tag info" && !Mmap.Platform.PlatformFacts.Current.CanListTags,
            "Get-MemoryMapTag cannot list tags on this OS (not_supported on Windows and macOS, as its help says)");

    public void Dispose()
    {
        _host.Run("Get-MemoryMap | Where-Object Tag -like 'mmap-fmt-*' | Remove-MemoryMap -Unlink");
        _host.Dispose();
        Directory.Delete(_dir, recursive: true);
    }
}
