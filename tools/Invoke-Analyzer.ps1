<#
.SYNOPSIS
    Runs PSScriptAnalyzer 1.25.0 with PSScriptAnalyzerSettings.psd1 over the project's scripts, its manifest and the
    laid-out module (so after a build), prints every finding and their count, and fails when there is any.
.DESCRIPTION
    -Path names other files or folders (each searched recursively) instead. Run by ./build.ps1 -Task Lint and by
    tests/Pester/Lint.Tests.ps1, so the test command and CI lint what the build lints.
.EXAMPLE
    ./tools/Invoke-Analyzer.ps1
#>
param(
    [string[]] $Path = @('build.ps1', 'src/Mmap.PowerShell/Mmap.psd1', 'tools', 'tests/Pester', 'bench', 'out/Mmap'),
    [string] $Settings = (Join-Path $PSScriptRoot '../PSScriptAnalyzerSettings.psd1')
)

$ErrorActionPreference = 'Stop'
Import-Module (Join-Path $PSScriptRoot 'ToolModules.psm1')
Import-ToolModule PSScriptAnalyzer

$root = Join-Path $PSScriptRoot '..'
$findings = @(foreach ($item in $Path) { Invoke-ScriptAnalyzer -Path (Join-Path $root $item) -Recurse -Settings $Settings })
$findings | Sort-Object ScriptPath, Line | Format-Table RuleName, Severity, ScriptName, Line, Message -Wrap | Out-String -Width 200
Write-Output "PSScriptAnalyzer: $($findings.Count) finding(s) in $($Path -join ', ')"
if ($findings.Count) { throw "PSScriptAnalyzer found $($findings.Count) problem(s); fix them (a suppression needs a justification)." }
