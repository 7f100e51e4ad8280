#Requires -Version 7.6
<#
.SYNOPSIS
    Runs every tests/Pester/*.Tests.ps1 with the given Pester module and prints one 'pester: N passed, N failed, N skipped'
    line, then one 'pester: skipped <test>: <reason>' line per skipped test.
.DESCRIPTION
    Run by `dotnet test Mmap.sln` (tests/Mmap.PowerShell.Tests) in the pinned pwsh after out/Mmap is built. Exits 1
    when a test fails or none ran, so a Pester failure fails the test command and CI.
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)]
    [string] $PesterModule,
    # The folder of *.Tests.ps1 files to run: this one, tests/Pester (Suite.Tests.ps1 gives another, to test the runner).
    [string] $Path = $PSScriptRoot,
    [ValidateSet('None', 'Normal', 'Detailed', 'Diagnostic')]
    [string] $Verbosity = 'Normal'
)

$ErrorActionPreference = 'Stop'
if (-not (Test-Path -LiteralPath $PesterModule)) {
    throw "Pester is not restored at '$PesterModule'. Run 'dotnet restore Mmap.sln' (tests/Mmap.PowerShell.Tests downloads it)."
}
Import-Module $PesterModule -Force

$config = New-PesterConfiguration
$config.Run.Path = $Path
$config.Run.PassThru = $true
$config.Output.Verbosity = $Verbosity
# Logs (CI, dotnet test) get plain text, a terminal gets colour.
$config.Output.RenderMode = if ([Console]::IsOutputRedirected) { 'Plaintext' } else { 'Auto' }
$result = Invoke-Pester -Configuration $config

"pester: $($result.PassedCount) passed, $($result.FailedCount) failed, $($result.SkippedCount) skipped"
# Every skipped test by name, with the reason its Set-ItResult -Because gave (a bare -Skip gives none: say so).
foreach ($test in $result.Skipped) {
    $reason = "$($test.ErrorRecord | Select-Object -First 1)" -replace '^is skipped, because ', ''
    "pester: skipped $($test.ExpandedPath): $(if ($reason) { $reason } else { 'no reason given (a bare -Skip)' })"
}
if ($result.FailedCount -gt 0 -or $result.FailedBlocksCount -gt 0 -or $result.FailedContainersCount -gt 0 -or $result.PassedCount -eq 0) {
    exit 1
}
