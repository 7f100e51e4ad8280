# Writes an about topic's markdown as the plain text `Get-Help about_Mmap` prints (about_Mmap.help.txt):
# PlatyPS 1.0 writes MAML for cmdlets only, no longer about topics.

Import-Module (Join-Path $PSScriptRoot 'MarkdownText.psm1')

$indent = '    '
$width = 80

<#
.SYNOPSIS
    The help text of $Markdown, a page in PlatyPS's about schema: "# <module>", "## about_<topic>", then
    "# SECTION" headings with "## Subsection" headings, paragraphs, tables and fenced code.
#>
function ConvertTo-AboutHelpText([string] $Markdown) {
    $blocks = @(Split-MarkdownBlock $Markdown)
    if ($blocks.Count -lt 2 -or $blocks[0].Level -ne 1 -or $blocks[1].Level -ne 2 -or $blocks[1].Text -notlike 'about_*') {
        throw 'An about page starts with "# <module>" and "## about_<topic>" (PlatyPS about schema).'
    }
    $lines = [System.Collections.Generic.List[string]]::new()
    $lines.Add('TOPIC')
    $lines.Add($indent + $blocks[1].Text)
    $afterHeading = $false
    foreach ($block in $blocks | Select-Object -Skip 2) {
        # A blank line between blocks, none between a heading and what it heads.
        if (-not $afterHeading) { $lines.Add('') }
        $afterHeading = $block.Kind -eq 'Heading'
        $text = switch ($block.Kind) {
            'Heading' {
                if ($block.Level -eq 1) { $block.Text.ToUpperInvariant() }
                else { $indent + $block.Text; $indent + ('-' * $block.Text.Length) }
            }
            'Paragraph' { Format-WrappedText -Text $block.Text -Width ($width - $indent.Length) -Indent $indent }
            'Code' { $block.Text.Split("`n") | ForEach-Object { ($indent + $indent + $_).TrimEnd() } }
            'Table' { Format-TableText $block.Text }
        }
        foreach ($line in $text) { $lines.Add($line) }
    }
    ($lines -join "`n") + "`n"
}

# A markdown table as aligned columns, the header over a dashed rule, without the pipes.
function Format-TableText([string] $Table) {
    $rows = [System.Collections.Generic.List[string[]]]::new()
    foreach ($line in $Table.Split("`n")) {
        if ($line -match '^\|[\s|:-]+\|$') { continue }   # markdown's |---|---| rule under the header
        $rows.Add([string[]] @($line.Trim().Trim('|').Split('|') | ForEach-Object Trim))
    }
    $widths = for ($c = 0; $c -lt $rows[0].Count; $c++) {
        ($rows | ForEach-Object { $_[$c].Length } | Measure-Object -Maximum).Maximum
    }
    $rows.Insert(1, [string[]] @($widths | ForEach-Object { '-' * $_ }))
    foreach ($row in $rows) {
        $cells = for ($c = 0; $c -lt $widths.Count; $c++) { $row[$c].PadRight($widths[$c]) }
        ($indent + ($cells -join '  ')).TrimEnd()
    }
}

Export-ModuleMember -Function ConvertTo-AboutHelpText
