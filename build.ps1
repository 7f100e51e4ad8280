#Requires -Version 5.1
<#
.SYNOPSIS
    Builds and tests the Mmap module.
.DESCRIPTION
    -Task Build  dotnet build (Release) and lay out out/Mmap as an importable module folder.
    -Task Test   Build, dotnet test, then the Pester suite in a fresh pwsh so Mmap.dll is not locked here.
.EXAMPLE
    ./build.ps1 -Task Test
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test')]
    [string] $Task = 'Build',
    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release'
)

$ErrorActionPreference = 'Stop'
$root = $PSScriptRoot
$moduleDir = Join-Path $root 'out/Mmap'

function Invoke-Step([string] $Name, [scriptblock] $Action) {
    Write-Host "==> $Name" -ForegroundColor Cyan
    & $Action
    if ($LASTEXITCODE -and $LASTEXITCODE -ne 0) { throw "$Name failed (exit code $LASTEXITCODE)." }
}

function Invoke-Build {
    Invoke-Step 'dotnet build' { dotnet build (Join-Path $root 'Mmap.sln') -c $Configuration -p:RunFirstExample=false }
    if (-not (Test-Path (Join-Path $moduleDir 'Mmap.psd1'))) { throw "The build did not lay out $moduleDir." }
}

function Invoke-Test {
    Invoke-Build
    Invoke-Step 'dotnet test' { dotnet test (Join-Path $root 'Mmap.sln') -c $Configuration --no-build }
    $pester = Get-Module Pester -ListAvailable | Where-Object Version -ge '5.0.0' | Select-Object -First 1
    if (-not $pester) {
        Write-Host 'Pester 5 is missing: installing it for the current user from the PowerShell Gallery.' -ForegroundColor Yellow
        Install-Module Pester -MinimumVersion 5.0.0 -Scope CurrentUser -Force -SkipPublisherCheck
    }
    # A child pwsh imports the module, so this session never locks out/Mmap/Mmap.dll.
    $pesterScript = "Import-Module Pester -MinimumVersion 5.0.0; " +
        "`$c = New-PesterConfiguration; `$c.Run.Path = '$(Join-Path $root 'tests/Pester')'; `$c.Run.Exit = `$true; " +
        "`$c.Output.Verbosity = 'Detailed'; Invoke-Pester -Configuration `$c"
    Invoke-Step 'Pester' { pwsh -NoProfile -NonInteractive -Command $pesterScript }
}

switch ($Task) {
    'Build' { Invoke-Build }
    'Test' { Invoke-Test }
}
