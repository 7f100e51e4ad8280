#Requires -Version 5.1
<#
.SYNOPSIS
    Builds, tests, documents and packages the Mmap module.
.DESCRIPTION
    -Task Build    dotnet build and lay out out/Mmap as an importable module folder.
    -Task Test     Build, dotnet test, then the Pester suite in a fresh pwsh so Mmap.dll is not locked here.
    -Task Docs     Build, then PlatyPS (installed when missing): refresh docs/*.md from the built module and
                   write out/Mmap/en-US/Mmap.dll-Help.xml (and about_Mmap.help.txt).
    -Task Package  Docs, then stage a clean out/Mmap/<version> folder ready for Publish-Module -Path.
    Every step stops the script with a message naming the step when it fails.
.EXAMPLE
    ./build.ps1 -Task Test
.EXAMPLE
    ./build.ps1 -Task Package; Publish-Module -Path ./out/Mmap/0.1.0 -NuGetApiKey $key
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Docs', 'Package')]
    [string] $Task = 'Build',
    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release'
)

$ErrorActionPreference = 'Stop'
$root = $PSScriptRoot
$moduleDir = Join-Path $root 'out/Mmap'
$docsDir = Join-Path $root 'docs'

function Invoke-Step([string] $Name, [scriptblock] $Action) {
    Write-Host "==> $Name" -ForegroundColor Cyan
    $global:LASTEXITCODE = 0
    try { & $Action }
    catch { throw "$Name failed: $($_.Exception.Message)" }
    if ($LASTEXITCODE -and $LASTEXITCODE -ne 0) { throw "$Name failed (exit code $LASTEXITCODE)." }
}

# Installs a module from the PowerShell Gallery for the current user when no version >= $MinimumVersion exists.
function Install-Missing([string] $Name, [version] $MinimumVersion) {
    if (Get-Module $Name -ListAvailable | Where-Object Version -ge $MinimumVersion) { return }
    Write-Host "$Name $MinimumVersion or later is missing: installing it for the current user from the PowerShell Gallery." -ForegroundColor Yellow
    Install-Module $Name -MinimumVersion $MinimumVersion -Scope CurrentUser -Force -SkipPublisherCheck -AllowClobber
}

# Runs a script in a child pwsh, so this session never imports (and locks) out/Mmap/Mmap.dll.
function Invoke-Child([string] $Name, [string] $Script) {
    Invoke-Step $Name { pwsh -NoProfile -NonInteractive -Command $Script }
}

function Invoke-Build {
    Invoke-Step 'dotnet build' { dotnet build (Join-Path $root 'Mmap.sln') -c $Configuration -p:RunFirstExample=false }
    if (-not (Test-Path (Join-Path $moduleDir 'Mmap.psd1'))) { throw "The build did not lay out $moduleDir." }
}

function Invoke-Test {
    Invoke-Build
    Invoke-Step 'dotnet test' { dotnet test (Join-Path $root 'Mmap.sln') -c $Configuration --no-build }
    Install-Missing Pester '5.0.0'
    Invoke-Child 'Pester' ("Import-Module Pester -MinimumVersion 5.0.0; " +
        "`$c = New-PesterConfiguration; `$c.Run.Path = '$(Join-Path $root 'tests/Pester')'; `$c.Run.Exit = `$true; " +
        "`$c.Output.Verbosity = 'Detailed'; Invoke-Pester -Configuration `$c")
}

function Invoke-Docs {
    Invoke-Build
    Install-Missing platyPS '0.14.0'
    # New pages for cmdlets without one, then refresh every cmdlet page from the built module's metadata
    # (hand-written synopses, descriptions and examples are kept), then compile the MAML help.
    Invoke-Child 'PlatyPS' (@(
        "`$ErrorActionPreference = 'Stop'"
        "Import-Module platyPS"
        "Import-Module '$moduleDir' -Force"
        "`$documented = Get-ChildItem '$docsDir' -Filter '*-*.md' | ForEach-Object BaseName"
        "Get-Command -Module Mmap -CommandType Cmdlet | Where-Object Name -notin `$documented | ForEach-Object { New-MarkdownHelp -Command `$_.Name -OutputFolder '$docsDir' -AlphabeticParamsOrder | Out-Null; Write-Host ('New page: ' + `$_.Name) }"
        "Get-ChildItem '$docsDir' -Filter '*-*.md' | ForEach-Object { Update-MarkdownHelp -Path `$_.FullName -AlphabeticParamsOrder | Out-Null }"
        "New-ExternalHelp -Path '$docsDir' -OutputPath '$(Join-Path $moduleDir 'en-US')' -Force | Out-Null"
    ) -join '; ')
    $help = Join-Path $moduleDir 'en-US/Mmap.dll-Help.xml'
    if (-not (Test-Path $help)) { throw "PlatyPS did not write $help." }
    Write-Host "Help: $help"
}

function Invoke-Package {
    Invoke-Docs
    $version = (Import-PowerShellDataFile (Join-Path $root 'src/MmapModule/Mmap.psd1')).ModuleVersion
    $stage = Join-Path $moduleDir $version
    if (Test-Path $stage) { Remove-Item $stage -Recurse -Force }
    New-Item -ItemType Directory -Path $stage | Out-Null
    # Only the module's own files: the psd1, the views, Mmap.dll with its doc XML and dependencies, the help.
    Get-ChildItem $moduleDir -File | Copy-Item -Destination $stage
    Copy-Item (Join-Path $moduleDir 'en-US') -Destination $stage -Recurse
    Invoke-Child 'Test-ModuleManifest' "Test-ModuleManifest '$(Join-Path $stage 'Mmap.psd1')' -ErrorAction Stop | Format-List Name, Version, ExportedCmdlets"
    Write-Host "Staged $stage; publish with: Publish-Module -Path '$stage' -NuGetApiKey <key>"
}

switch ($Task) {
    'Build' { Invoke-Build }
    'Test' { Invoke-Test }
    'Docs' { Invoke-Docs }
    'Package' { Invoke-Package }
}
