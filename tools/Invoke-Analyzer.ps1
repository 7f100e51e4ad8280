<#
.SYNOPSIS
    Runs PSScriptAnalyzer 1.25.0 over -Path (files or folders, recursively) with -Settings, prints every finding and
    their count, and fails when there is any.
.EXAMPLE
    ./tools/Invoke-Analyzer.ps1 -Settings ./PSScriptAnalyzerSettings.psd1 -Path ./build.ps1, ./tools
#>
param(
    [Parameter(Mandatory)] [string] $Settings,
    [Parameter(Mandatory)] [string[]] $Path
)

$ErrorActionPreference = 'Stop'
Import-Module (Join-Path $PSScriptRoot 'ToolModules.psm1')
Import-ToolModule PSScriptAnalyzer

$findings = @(foreach ($item in $Path) { Invoke-ScriptAnalyzer -Path $item -Recurse -Settings $Settings })
$findings | Sort-Object ScriptPath, Line | Format-Table RuleName, Severity, ScriptName, Line, Message -Wrap | Out-String -Width 200
Write-Output "PSScriptAnalyzer: $($findings.Count) finding(s) in $($Path -join ', ')"
if ($findings.Count) { throw "PSScriptAnalyzer found $($findings.Count) problem(s); fix them (a suppression needs a justification)." }
