<#
.SYNOPSIS
    Refreshes docs/Verb-Noun.md from the built module with PlatyPS 1.0.3: syntax, parameter metadata and types come
    from the cmdlets, the hand-written text stays. A cmdlet without a page gets one.
.DESCRIPTION
    Each page's HelpUri is set to its address under the manifest's ProjectUri (an absolute online address), and a
    page whose only change would be today's ms.date is left alone. Pages are written as UTF-8 without BOM, LF. Stops, naming the pages, when any still holds a
    PlatyPS placeholder ("{{ Fill in the Description }}") for text only a person can write.
.EXAMPLE
    ./tools/Help/Update-HelpMarkdown.ps1 -ModulePath ./out/Mmap -DocsPath ./docs
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $DocsPath
)

$ErrorActionPreference = 'Stop'
Import-Module (Join-Path $PSScriptRoot '../ToolModules.psm1')
Import-ToolModule Microsoft.PowerShell.PlatyPS

$utf8 = [System.Text.UTF8Encoding]::new($false)
$staging = Join-Path ([IO.Path]::GetTempPath()) "mmap-docs-$PID"
$moduleCopy = Join-Path $staging 'Mmap'
$pagesOut = Join-Path $staging 'pages'

$dateLine = '(?m)^ms\.date: .*$'

# PlatyPS writes a BOM, and CRLF on Windows; the pages are committed as UTF-8 with LF like every other file.
function ConvertTo-PageText([string] $Text) { $Text.TrimStart([char] 0xFEFF).Replace("`r`n", "`n") }

try {
    # Import a copy without en-US: with its help loaded, PlatyPS appends the loaded text to every parameter
    # description a page has changed, and reads the first related link as the command's HelpUri.
    $null = New-Item -ItemType Directory -Path $moduleCopy -Force
    Get-ChildItem $ModulePath -File | Copy-Item -Destination $moduleCopy
    $module = Import-Module (Join-Path $moduleCopy 'Mmap.psd1') -PassThru
    $online = "$($module.ProjectUri)/blob/main/docs"

    $documented = Get-ChildItem $DocsPath -Filter '*-*.md' | ForEach-Object BaseName
    foreach ($command in Get-Command -Module Mmap -CommandType Cmdlet | Where-Object Name -NotIn $documented) {
        New-MarkdownCommandHelp -CommandInfo $command -OutputFolder $pagesOut -Locale en-US -HelpUri "$online/$($command.Name).md" |
            Move-Item -Destination $DocsPath
        Write-Output "New page: $($command.Name).md"
    }

    foreach ($page in Get-ChildItem $DocsPath -Filter '*-*.md') {
        $help = Update-CommandHelp -Path $page.FullName
        $help.Metadata['HelpUri'] = "$online/$($help.Title).md"
        $help.Metadata['Locale'] = 'en-US'
        $help.Metadata['title'] = $help.Title
        $null = $help | Export-MarkdownCommandHelp -OutputFolder $pagesOut -Force
        $new = ConvertTo-PageText ([IO.File]::ReadAllText((Join-Path $pagesOut "$($module.Name)/$($help.Title).md")))
        $old = ConvertTo-PageText ([IO.File]::ReadAllText($page.FullName))
        # A page whose only change would be today's ms.date stays as it is: a run with nothing new changes nothing.
        if (($new -replace $dateLine, '') -ne ($old -replace $dateLine, '')) {
            [IO.File]::WriteAllText($page.FullName, $new, $utf8)
            Write-Output "Updated: $($page.Name)"
        }
    }
}
finally { Remove-Item $staging -Recurse -Force -ErrorAction SilentlyContinue }

$placeholders = Select-String -Path (Join-Path $DocsPath '*-*.md') -Pattern '\{\{'
if ($placeholders) {
    throw "Write the text PlatyPS left as placeholders, then run this again:`n$($placeholders | ForEach-Object { "$($_.Filename):$($_.LineNumber): $($_.Line)" } | Out-String)"
}
