using System.Globalization;

namespace Mmap.Benchmarks.Results;

/// <summary>
/// The figures of the report a run is about to replace, so the new one can say how far each line moved. The table is
/// read by column name, so reports written before the comparison columns existed read the same; a line is known by
/// its comparison number, title and measure, so a goal since renamed or dropped is simply not found.
/// </summary>
public sealed record PreviousReport(string? Finished, string? Command, IReadOnlyDictionary<(string Comparison, string Title, string Measure), double> Figures)
{
    /// <summary>The report at <paramref name="path"/>; null when there is none (or it cannot be read: a report
    /// that cannot compare is better than a run that loses its figures).</summary>
    public static PreviousReport? Read(string path)
    {
        try { return File.Exists(path) ? Parse(File.ReadAllText(path)) : null; }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return null; }
    }

    public static PreviousReport Parse(string markdown)
    {
        string? finished = null, command = null;
        var figures = new Dictionary<(string, string, string), double>();
        int[]? columns = null; // where #, comparison, measure and ratio are in the goal table
        foreach (string line in markdown.Split('\n').Select(l => l.TrimEnd('\r')))
        {
            if (line.StartsWith("- Finished: ", StringComparison.Ordinal)) finished ??= line["- Finished: ".Length..].Trim();
            else if (line.StartsWith("- Command: ", StringComparison.Ordinal)) command ??= line["- Command: ".Length..].Trim().Trim('`');
            else if (!line.StartsWith('|')) columns = null; // the goal table ended (or has not begun)
            else if (columns is null)
            {
                var header = Cells(line);
                var found = new[] { "#", "comparison", "measure", "ratio" }.Select(name => Array.IndexOf(header, name)).ToArray();
                if (found.All(i => i >= 0)) columns = found;
            }
            else if (Cells(line) is var cells && columns.All(i => i < cells.Length) && ParseFigure(cells[columns[3]]) is double figure)
                figures.TryAdd((cells[columns[0]], cells[columns[1]], cells[columns[2]]), figure);
        }
        return new(finished, command, figures);
    }

    /// <summary>The previous figure of <paramref name="goal"/>'s line, if that report had it measured.</summary>
    public double? FigureOf(Goal goal) =>
        Figures.TryGetValue((goal.Comparison.ToString(CultureInfo.InvariantCulture), goal.Title, goal.Measure), out double figure) ? figure : null;

    /// <summary>A ratio as the report prints it ("1.19x") or a time ("835.92 us", in ns); null for "-" or anything else.</summary>
    public static double? ParseFigure(string text)
    {
        var style = NumberStyles.Float;
        var invariant = CultureInfo.InvariantCulture;
        if (text.EndsWith('x')) return double.TryParse(text[..^1], style, invariant, out double ratio) ? ratio : null;
        var parts = text.Split(' ');
        if (parts.Length != 2 || !double.TryParse(parts[0], style, invariant, out double value)) return null;
        double? scale = parts[1] switch { "s" => 1e9, "ms" => 1e6, "us" or "μs" => 1e3, "ns" => 1, _ => null };
        return value * scale;
    }

    private static string[] Cells(string row) => row.Trim().Trim('|').Split('|').Select(c => c.Trim()).ToArray();
}
