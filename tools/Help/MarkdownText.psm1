# The little markdown the help pages use, split into blocks, and the one way its paragraphs are wrapped, shared by
# the MAML repairs and the about-topic writer: fenced code, tables, headings and paragraphs.

<#
.SYNOPSIS
    The blocks of $Markdown in order, each [pscustomobject] @{ Kind = 'Code' | 'Table' | 'Heading' | 'Paragraph'; Text; Level }.
.DESCRIPTION
    Code: the lines between the fences. Table: its lines. Heading: the title, Level its number of #.
    Paragraph: its lines joined by spaces, as markdown reads a soft line break, so the help can wrap it anew.
#>
function Split-MarkdownBlock([string] $Markdown) {
    $lines = $Markdown.Replace("`r`n", "`n").Split("`n")
    $i = 0
    while ($i -lt $lines.Count) {
        $line = $lines[$i]
        if ($line -match '^```') {
            $start = ++$i
            while ($i -lt $lines.Count -and $lines[$i] -notmatch '^```') { $i++ }
            # An empty block has no lines: a reversed range would read the fence line back.
            $code = if ($i -gt $start) { $lines[$start..($i - 1)] -join "`n" } else { '' }
            [pscustomobject] @{ Kind = 'Code'; Text = $code; Level = 0 }
            $i++
        }
        elseif ($line -match '^(#+)\s+(.*?)\s*$') {
            [pscustomobject] @{ Kind = 'Heading'; Text = $Matches[2]; Level = $Matches[1].Length }
            $i++
        }
        elseif ($line -match '^\|') {
            $start = $i
            while ($i -lt $lines.Count -and $lines[$i] -match '^\|') { $i++ }
            [pscustomobject] @{ Kind = 'Table'; Text = $lines[$start..($i - 1)] -join "`n"; Level = 0 }
        }
        elseif ($line.Trim()) {
            $start = $i
            while ($i -lt $lines.Count -and $lines[$i].Trim() -and $lines[$i] -notmatch '^(```|#|\|)') { $i++ }
            [pscustomobject] @{ Kind = 'Paragraph'; Text = ($lines[$start..($i - 1)] | ForEach-Object Trim) -join ' '; Level = 0 }
        }
        else { $i++ }
    }
}

<#
.SYNOPSIS
    $Text as lines of at most $Width characters, each after $Indent (a longer word stays whole on its own line).
#>
function Format-WrappedText([string] $Text, [int] $Width, [string] $Indent = '') {
    $line = ''
    foreach ($word in $Text.Split(' ', [StringSplitOptions]::RemoveEmptyEntries)) {
        if ($line -and ($line.Length + 1 + $word.Length) -gt $Width) {
            $Indent + $line
            $line = $word
        }
        elseif ($line) { $line += ' ' + $word }
        else { $line = $word }
    }
    if ($line) { $Indent + $line }
}

Export-ModuleMember -Function Split-MarkdownBlock, Format-WrappedText
