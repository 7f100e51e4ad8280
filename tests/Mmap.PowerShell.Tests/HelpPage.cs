using System.Text.RegularExpressions;

namespace Mmap.PowerShell.Tests;

/// <summary>A parameter set entry of a parameter's ```yaml block (PlatyPS 1.0 schema).</summary>
public sealed record HelpParameterSet(string Name, string Position, bool Required, bool ByValue, bool ByPropertyName);

/// <summary>The ```yaml block under a parameter's heading in a PlatyPS 1.0 page.</summary>
public sealed record HelpParameter(string Type, IReadOnlyList<string> Aliases, bool Wildcards, IReadOnlyList<HelpParameterSet> Sets);

/// <summary>The parts of a PlatyPS markdown page (docs/Verb-Noun.md) the tests compare with metadata.</summary>
public sealed class HelpPage
{
    private HelpPage(string text) { Text = text; }

    public string Text { get; }

    /// <summary>## headings, in order.</summary>
    public IReadOnlyList<string> Sections => Regex.Matches(Text, @"^## (.+?)\s*$", RegexOptions.Multiline).Select(m => m.Groups[1].Value).ToList();

    /// <summary>### headings under ## SYNTAX: the parameter-set names (the default one ends with " (Default)").</summary>
    public IReadOnlyList<string> SyntaxSets => Headings(Section("SYNTAX"));

    /// <summary>### headings under ## EXAMPLES.</summary>
    public IReadOnlyList<string> Examples => Headings(Section("EXAMPLES"));

    /// <summary>Each "### -Name" under ## PARAMETERS with its yaml block.</summary>
    public IReadOnlyDictionary<string, HelpParameter> Parameters
    {
        get
        {
            var result = new Dictionary<string, HelpParameter>();
            string section = Section("PARAMETERS");
            var headings = Regex.Matches(section, @"^### -(\w+)\s*$", RegexOptions.Multiline);
            for (int i = 0; i < headings.Count; i++)
            {
                int start = headings[i].Index, end = i + 1 < headings.Count ? headings[i + 1].Index : section.Length;
                string body = section[start..end];
                var yaml = Regex.Match(body, "```yaml\\s*\\n(.*?)```", RegexOptions.Singleline);
                if (yaml.Success) result[headings[i].Groups[1].Value] = ParseBlock(yaml.Groups[1].Value);
            }
            return result;
        }
    }

    public static HelpPage Load(string path) => new(File.ReadAllText(path).Replace("\r\n", "\n"));

    /// <summary>The text of a ## section (without its heading).</summary>
    public string Section(string name)
    {
        var m = Regex.Match(Text, $@"^## {Regex.Escape(name)}\s*\n(.*?)(?=^## |\z)", RegexOptions.Multiline | RegexOptions.Singleline);
        return m.Success ? m.Groups[1].Value : "";
    }

    private static IReadOnlyList<string> Headings(string section) =>
        Regex.Matches(section, @"^### (.+?)\s*$", RegexOptions.Multiline).Select(m => m.Groups[1].Value).ToList();

    /// <summary>
    /// Reads the block's fields: "Key: value" lines, "- item" lists under a key (Aliases), and the ParameterSets list of
    /// "- Name: set" entries with indented fields. Enough YAML for what PlatyPS writes, no more.
    /// </summary>
    private static HelpParameter ParseBlock(string yaml)
    {
        var fields = new Dictionary<string, string>();
        var lists = new Dictionary<string, List<string>>();
        var sets = new List<Dictionary<string, string>>();
        string key = "";
        foreach (string line in yaml.Split('\n').Where(l => l.Trim().Length > 0))
        {
            if (key == "ParameterSets" && line.StartsWith("- ")) sets.Add(Field(new(), line[2..]));
            else if (key == "ParameterSets" && line.StartsWith("  ")) Field(sets[^1], line.Trim());
            else if (line.StartsWith("- ")) lists[key].Add(line[2..].Trim());
            else { key = line.Split(':', 2)[0].Trim(); Field(fields, line); lists[key] = []; }
        }

        static Dictionary<string, string> Field(Dictionary<string, string> into, string line)
        {
            var pair = line.Split(':', 2);
            into[pair[0].Trim()] = pair.Length == 2 ? pair[1].Trim() : "";
            return into;
        }
        static string Get(Dictionary<string, string> from, string key, string yaml) =>
            from.TryGetValue(key, out var v) ? v : throw new InvalidDataException($"The yaml block has no '{key}:' line:\n{yaml}");

        return new HelpParameter(
            Get(fields, "Type", yaml), lists.GetValueOrDefault("Aliases") ?? [], Get(fields, "SupportsWildcards", yaml) == "true",
            sets.Select(s => new HelpParameterSet(Get(s, "Name", yaml), Get(s, "Position", yaml), Get(s, "IsRequired", yaml) == "true",
                Get(s, "ValueFromPipeline", yaml) == "true", Get(s, "ValueFromPipelineByPropertyName", yaml) == "true")).ToList());
    }
}
