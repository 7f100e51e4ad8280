using System.Text.RegularExpressions;

namespace Mmap.PowerShell.Tests;

/// <summary>One ```yaml block under a parameter's heading in a PlatyPS page.</summary>
public sealed record HelpParameterBlock(string Type, IReadOnlyList<string> Sets, IReadOnlyList<string> Aliases, bool Required,
    string Position, bool ByValue, bool ByPropertyName, bool Wildcards);

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

    /// <summary>Each "### -Name" under ## PARAMETERS with its yaml blocks.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<HelpParameterBlock>> Parameters
    {
        get
        {
            var result = new Dictionary<string, IReadOnlyList<HelpParameterBlock>>();
            string section = Section("PARAMETERS");
            var headings = Regex.Matches(section, @"^### -(\w+)\s*$", RegexOptions.Multiline);
            for (int i = 0; i < headings.Count; i++)
            {
                int start = headings[i].Index, end = i + 1 < headings.Count ? headings[i + 1].Index : section.Length;
                string body = section[start..end];
                result[headings[i].Groups[1].Value] = Regex.Matches(body, "```yaml\\s*\\n(.*?)```", RegexOptions.Singleline)
                    .Select(m => ParseBlock(m.Groups[1].Value)).ToList();
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

    private static HelpParameterBlock ParseBlock(string yaml)
    {
        var fields = yaml.Split('\n').Select(l => l.Split(':', 2)).Where(p => p.Length == 2)
            .ToDictionary(p => p[0].Trim(), p => p[1].Trim());
        string Field(string key) => fields.TryGetValue(key, out var v) ? v : throw new InvalidDataException($"The yaml block has no '{key}:' line:\n{yaml}");
        static IReadOnlyList<string> List(string value) => value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        string pipeline = Field("Accept pipeline input");
        return new HelpParameterBlock(
            Field("Type"), List(Field("Parameter Sets")), List(Field("Aliases")), Field("Required") == "True", Field("Position"),
            pipeline.StartsWith("True") && pipeline.Contains("ByValue"), pipeline.StartsWith("True") && pipeline.Contains("ByPropertyName"),
            Field("Accept wildcard characters") == "True");
    }
}
