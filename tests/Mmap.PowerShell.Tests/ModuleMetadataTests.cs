using System.Text.RegularExpressions;
using System.Management.Automation;
using System.Reflection;
using Mmap.Commands.Policy;
using Mmap.Tests;

namespace Mmap.PowerShell.Tests;

/// <summary>
/// The module's contract, read through PowerShell's own CommandMetadata: exported cmdlets match the manifest,
/// every cmdlet declares its output, and every parameter is documented in docs/Verb-Noun.md as declared.
/// </summary>
public sealed class ModuleMetadataTests
{
    private static readonly IReadOnlyList<CmdletFacts> s_cmdlets = CmdletCatalog.All;

    public static TheoryData<string> CmdletNames() => new(s_cmdlets.Select(c => c.Name));

    private static CmdletFacts Cmdlet(string name) => s_cmdlets.Single(c => c.Name == name);

    private static string Manifest => File.ReadAllText(RepoFiles.Path("src", "Mmap.PowerShell", "Mmap.psd1"));

    private static IReadOnlyList<string> ManifestList(string key)
    {
        var m = Regex.Match(Manifest, $@"^\s*{key}\s*=\s*@\((.*?)\)", RegexOptions.Multiline | RegexOptions.Singleline);
        Assert.True(m.Success, $"Mmap.psd1 has no {key} = @(...)");
        return Regex.Matches(m.Groups[1].Value, "'([^']*)'").Select(x => x.Groups[1].Value).ToList();
    }

    [Fact]
    public void The_manifest_exports_exactly_the_cmdlets_in_Mmap_dll()
    {
        Assert.NotEmpty(s_cmdlets);
        Assert.Equal(s_cmdlets.Select(c => c.Name).Order(), ManifestList("CmdletsToExport").Order());
    }

    [Fact]
    public void The_manifest_exports_nothing_by_wildcard_and_loads_the_views()
    {
        foreach (var key in new[] { "CmdletsToExport", "FunctionsToExport", "VariablesToExport", "AliasesToExport" })
            Assert.DoesNotContain(ManifestList(key), n => n.Contains('*'));
        Assert.DoesNotMatch(@"ToExport\s*=\s*'\*'", Manifest);
        Assert.Equal(["Mmap.Format.ps1xml"], ManifestList("FormatsToProcess"));
        // RootModule and RequiredAssemblies depend on the edition: tests/Pester/Editions.Tests.ps1 evaluates them as each would.
        Assert.Equal(["Desktop", "Core"], ManifestList("CompatiblePSEditions"));
    }

    [Fact]
    public void Cmdlets_live_in_Mmap_Commands_named_after_their_verb_and_noun()
    {
        foreach (var c in s_cmdlets)
            Assert.Equal($"Mmap.Commands.{c.Name.Replace("-", "")}Command", c.Type.FullName);
    }

    [Theory]
    [MemberData(nameof(CmdletNames))]
    public void Every_cmdlet_declares_its_output_type(string name) =>
        Assert.True(Cmdlet(name).OutputTypes.Count > 0, $"{name} has no [OutputType].");

    [Theory]
    [MemberData(nameof(CmdletNames))]
    public void Every_cmdlet_has_a_PlatyPS_page_with_every_section(string name)
    {
        var page = HelpPage.Load(RepoFiles.Path("docs", name + ".md"));
        Assert.Contains("external help file: Mmap.PowerShell.dll-Help.xml", page.Text);
        Assert.Contains("PlatyPS schema version: 2024-05-01", page.Text);
        Assert.Contains("Module Name: Mmap", page.Text);
        Assert.Contains("# " + name, page.Text);
        Assert.Equal(["SYNOPSIS", "SYNTAX", "ALIASES", "DESCRIPTION", "EXAMPLES", "PARAMETERS", "INPUTS", "OUTPUTS", "NOTES"],
            page.Sections.Where(s => s != "RELATED LINKS"));
        Assert.True(page.Examples.Count >= 2, $"{name}.md has {page.Examples.Count} examples; at least two are needed.");
        Assert.Contains("### CommonParameters", page.Section("PARAMETERS"));
    }

    [Theory]
    [MemberData(nameof(CmdletNames))]
    public void The_syntax_section_shows_every_parameter_set(string name)
    {
        var cmdlet = Cmdlet(name);
        var page = HelpPage.Load(RepoFiles.Path("docs", name + ".md"));
        // PlatyPS 1.0 heads the one syntax of a cmdlet without named sets "__AllParameterSets".
        IEnumerable<string> expected = cmdlet.SetNames.Count == 0 ? ["__AllParameterSets"]
            : cmdlet.SetNames.Select(s => s == cmdlet.DefaultSet ? s + " (Default)" : s).Order();
        Assert.Equal(expected, page.SyntaxSets.Order());
        string syntax = page.Section("SYNTAX");
        foreach (var p in cmdlet.Parameters)
            Assert.Contains("-" + p.Name, syntax);
    }

    [Theory]
    [MemberData(nameof(CmdletNames))]
    public void Every_parameter_is_documented_as_declared(string name)
    {
        var cmdlet = Cmdlet(name);
        var documented = HelpPage.Load(RepoFiles.Path("docs", name + ".md")).Parameters;
        var shouldProcess = cmdlet.SupportsShouldProcess ? new[] { "Confirm", "WhatIf" } : [];
        Assert.Equal(cmdlet.Parameters.Select(p => p.Name).Concat(shouldProcess).Order(), documented.Keys.Order());

        foreach (var p in cmdlet.Parameters)
        {
            var doc = documented[p.Name];
            string where = $"{name} -{p.Name}";
            // PlatyPS 1.0 writes full type names (System.Int64, Mmap.MemoryMap[]); CmdletCatalog short ones.
            Assert.True(p.TypeName == doc.Type.Split('.').Last(), $"{where}: type is {p.TypeName}, documented as {doc.Type}");
            Assert.True(p.Aliases.Order().SequenceEqual(doc.Aliases.Order()), $"{where}: aliases differ");
            Assert.True(p.Wildcards == doc.Wildcards, $"{where}: wildcard support differs");

            var documentedSets = doc.Sets.Select(s => s.Name).ToList();
            var declaredSets = p.Sets.Select(s => s.SetName).ToList();
            if (declaredSets.Contains(CmdletCatalog.AllSets))
                Assert.True(documentedSets.SequenceEqual(["(All)"]), $"{where}: declared in all sets, documented as {string.Join(", ", documentedSets)}");
            else
                Assert.Equal(declaredSets.Order(), documentedSets.Order());

            foreach (var set in p.Sets)
            {
                var documentedSet = doc.Sets.Single(s => s.Name == "(All)" || s.Name == set.SetName);
                string inSet = $"{where} ({documentedSet.Name})";
                Assert.True(set.Mandatory == documentedSet.Required, $"{inSet}: Required should be {set.Mandatory}");
                Assert.True((set.Position?.ToString() ?? "Named") == documentedSet.Position, $"{inSet}: Position should be {set.Position?.ToString() ?? "Named"}");
                Assert.True(set.ByValue == documentedSet.ByValue && set.ByPropertyName == documentedSet.ByPropertyName, $"{inSet}: pipeline input differs");
            }
        }
    }

    [Fact]
    public void Mirrors_flow_into_every_cmdlet_that_takes_maps()
    {
        // A MirroredMap is a MemoryMap, so -InputObject binds it by value with no alias or wrapper property.
        Assert.True(typeof(Mmap.MemoryMap).IsAssignableFrom(typeof(Mmap.MirroredMap)));
        var takers = s_cmdlets.Select(c => (c.Name, Input: c.Parameters.SingleOrDefault(p => p.TypeName == "MemoryMap[]"))).Where(x => x.Input != null).ToList();
        Assert.Equal(["Find-MemoryMap", "Lock-MemoryMap", "Measure-MemoryMap", "Read-MemoryMap", "Remove-MemoryMap", "Resize-MemoryMap", "Set-MemoryMap", "Sync-MemoryMap",
            "Unlock-MemoryMap", "Update-MemoryMapValue", "Write-MemoryMap"],
            takers.Select(x => x.Name).Order());
        foreach (var (name, input) in takers)
        {
            // No alias is needed for mirrors; "Map" binds the map of a Find-MemoryMap match (Remove-MemoryMap takes maps only).
            Assert.Equal(name == "Remove-MemoryMap" ? [] : ["Map"], input!.Aliases);
            Assert.All(input.Sets, s => Assert.True(s.ByValue, $"{name} -{input.Name} must bind from the pipeline"));
        }
    }

    [Fact]
    public void Tag_parameters_complete_existing_tags()
    {
        var tagged = s_cmdlets.Where(c => c.Parameters.Any(p => p.Name == "Tag")).ToList();
        Assert.Equal(["Get-MemoryMap", "Get-MemoryMapTag", "New-MemoryMap", "New-MirroredMap", "Remove-MemoryMapTag"], tagged.Select(c => c.Name).Order());
        foreach (var c in tagged)
            Assert.Equal("TagCompleter", c.Type.GetProperty("Tag")!.GetCustomAttribute<ArgumentCompleterAttribute>()?.Type?.Name);
    }

    [Fact]
    public void The_views_cover_the_output_types_and_call_public_formatters()
    {
        string views = File.ReadAllText(RepoFiles.Path("src", "Mmap.PowerShell", "Mmap.Format.ps1xml"));
        var selected = Regex.Matches(views, "<TypeName>(.*?)</TypeName>").Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(["Mmap.AddressRegion", "Mmap.Commands.MapMatch", "Mmap.Commands.ValueExchange", "Mmap.LargePagePool", "Mmap.LowAddressReport", "Mmap.MemoryMap",
            "Mmap.MirroredMap", "Mmap.PageInfo", "Mmap.TagInfo"], selected.Distinct().Order());
        foreach (string type in selected)
            Assert.NotNull(type.StartsWith("Mmap.Commands.", StringComparison.Ordinal)
                ? typeof(Mmap.Commands.NewMemoryMapCommand).Assembly.GetType(type, throwOnError: true)
                : typeof(Mmap.MemoryMap).Assembly.GetType(type, throwOnError: true));
        var calls = Regex.Matches(views, @"\[(Mmap\.[\w.]+)\]::(\w+)\(").ToList();
        Assert.NotEmpty(calls);
        foreach (Match call in calls)
        {
            var type = typeof(Mmap.Commands.NewMemoryMapCommand).Assembly.GetType(call.Groups[1].Value, throwOnError: true)!;
            Assert.True(type.IsPublic && type.GetMethod(call.Groups[2].Value) is { IsStatic: true, IsPublic: true },
                $"{call.Value} is not a public static method, so the view cannot call it.");
        }
    }

    [Fact]
    public void The_about_topic_has_PlatyPS_sections_and_names_every_cmdlet()
    {
        string about = File.ReadAllText(RepoFiles.Path("docs", "about_Mmap.md"));
        Assert.StartsWith("# Mmap\n## about_Mmap", about.Replace("\r\n", "\n"));
        foreach (string section in new[] { "# SHORT DESCRIPTION", "# LONG DESCRIPTION", "# EXAMPLES" })
            Assert.Contains(section, about);
        foreach (var c in s_cmdlets)
            Assert.Contains(c.Name, about);
    }
}
