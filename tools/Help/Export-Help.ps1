<#
.SYNOPSIS
    Writes the module's help from its markdown pages: Mmap.PowerShell.dll-Help.xml (MAML, from docs/Verb-Noun.md) and
    about_*.help.txt (from docs/about_*.md) into -OutputPath.
.DESCRIPTION
    Needs Microsoft.PowerShell.PlatyPS 1.0.3 (PSModulePath or ../shared/tools/modules); its MAML is repaired where
    Get-Help would show its gaps (tools/Help/MamlRepair.psm1). The output is byte-for-byte the same on every OS, so
    the committed copy in src/Mmap.PowerShell/en-US can be compared with a fresh one.
.EXAMPLE
    ./tools/Help/Export-Help.ps1 -DocsPath ./docs -OutputPath ./src/Mmap.PowerShell/en-US
#>
param(
    [Parameter(Mandatory)] [string] $DocsPath,
    [Parameter(Mandatory)] [string] $OutputPath
)

$ErrorActionPreference = 'Stop'
Import-Module (Join-Path $PSScriptRoot '../ToolModules.psm1')
Import-ToolModule Microsoft.PowerShell.PlatyPS
Import-Module (Join-Path $PSScriptRoot 'MamlRepair.psm1'), (Join-Path $PSScriptRoot 'AboutHelp.psm1')

$utf8 = [System.Text.UTF8Encoding]::new($false)
$null = New-Item -ItemType Directory -Path $OutputPath -Force
$OutputPath = (Resolve-Path $OutputPath).Path

$commandHelp = @(Get-ChildItem $DocsPath -Filter '*-*.md' | Sort-Object Name | Import-MarkdownCommandHelp)
$errors = $commandHelp.Diagnostics.Messages | Where-Object Severity -EQ Error
if ($errors) { throw "PlatyPS could not read the pages:`n$($errors | Out-String)" }

$staging = Join-Path ([IO.Path]::GetTempPath()) "mmap-help-$PID"
try {
    $exported = $commandHelp | Export-MamlCommandHelp -OutputFolder $staging -Force
    $maml = [xml]::new()
    $maml.Load($exported.FullName)
    Repair-MamlHelp $maml $commandHelp
    $settings = [System.Xml.XmlWriterSettings] @{ Indent = $true; IndentChars = '  '; NewLineChars = "`n"; Encoding = $utf8 }
    $writer = [System.Xml.XmlWriter]::Create((Join-Path $OutputPath $exported.Name), $settings)
    try { $maml.Save($writer) } finally { $writer.Dispose() }
}
finally { Remove-Item $staging -Recurse -Force -ErrorAction SilentlyContinue }

foreach ($about in Get-ChildItem $DocsPath -Filter 'about_*.md') {
    $text = ConvertTo-AboutHelpText ([IO.File]::ReadAllText($about.FullName))
    [IO.File]::WriteAllText((Join-Path $OutputPath "$($about.BaseName).help.txt"), $text, $utf8)
}
Get-ChildItem $OutputPath | ForEach-Object { "Wrote $($_.FullName)" }
