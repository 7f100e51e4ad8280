#Requires -Version 5.1
<#
.SYNOPSIS
    Builds, tests, documents and packages the Mmap module.
.DESCRIPTION
    -Task Build    dotnet build and lay out out/Mmap as an importable module folder.
    -Task Test     dotnet test Mmap.sln: the xunit projects, then the Pester suite in the pinned pwsh (the README's test command).
    -Task Docs     Build, then PlatyPS 1.0.3: refresh docs/*.md from the built module, write the committed help
                   (src/Mmap.PowerShell/en-US: Mmap.PowerShell.dll-Help.xml, about_Mmap.help.txt) from them, lay it out in out/Mmap.
    -Task Lint     Build, then PSScriptAnalyzer 1.25.0 (PSScriptAnalyzerSettings.psd1) over the scripts and out/Mmap.
    -Task Package  Build, then Publish-PSResource out/Mmap into the local file repository out/packages.
    Child PowerShell is always the pinned one (dotnet pwsh, after dotnet tool restore). Nothing is installed: a
    missing tool stops the script saying where to get it; PlatyPS and PSScriptAnalyzer come from PSModulePath or
    ../shared/tools/modules. Every step stops the script with a message naming the step when it fails.
.EXAMPLE
    ./build.ps1 -Task Test
.EXAMPLE
    ./build.ps1 -Task Package; Register-PSResourceRepository -Name MmapLocal -Uri ./out/packages -Trusted; Install-PSResource Mmap -Repository MmapLocal
#>
[Diagnostics.CodeAnalysis.SuppressMessageAttribute('PSReviewUnusedParameter', 'Configuration', Justification = 'Read by the task functions (Invoke-Build, Invoke-Docs), which this rule does not look into')]
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Docs', 'Lint', 'Package')]
    [string] $Task = 'Build',
    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release'
)

$ErrorActionPreference = 'Stop'
$root = $PSScriptRoot
$moduleDir = Join-Path $root 'out/Mmap'
$docsDir = Join-Path $root 'docs'
$tools = Join-Path $root 'tools'
$project = Join-Path $root 'src/Mmap.PowerShell/Mmap.PowerShell.csproj'
$helpSource = Join-Path $root 'src/Mmap.PowerShell/en-US'
$packageDir = Join-Path $root 'out/packages'

function Invoke-Step {
    [Diagnostics.CodeAnalysis.SuppressMessageAttribute('PSAvoidUsingWriteHost', '', Justification = 'Progress lines in colour for the person running the build, not output; since 5.0 they go to the information stream')]
    param([string] $Name, [scriptblock] $Action)
    Write-Host "==> $Name" -ForegroundColor Cyan
    $global:LASTEXITCODE = 0
    try { & $Action }
    catch { throw "$Name failed: $($_.Exception.Message)" }
    if ($LASTEXITCODE -and $LASTEXITCODE -ne 0) { throw "$Name failed (exit code $LASTEXITCODE)." }
}

# dotnet pwsh runs the PowerShell pinned in .config/dotnet-tools.json, once `dotnet tool restore` has fetched it.
function Assert-PinnedPwsh {
    $version = (Get-Content (Join-Path $root '.config/dotnet-tools.json') -Raw | ConvertFrom-Json).tools.powershell.version
    $packages = if ($env:NUGET_PACKAGES) { $env:NUGET_PACKAGES } else { Join-Path $HOME '.nuget/packages' }
    if (-not (Test-Path (Join-Path $packages "powershell/$version"))) {
        throw "PowerShell $version (the pinned dotnet tool) is not restored: run 'dotnet tool restore' in $root."
    }
}

# Runs a script in a child of the pwsh pinned in .config/dotnet-tools.json (never a pwsh on PATH), started in the
# project (where dotnet finds the tool manifest), so this session never imports (and locks) out/Mmap/Mmap.PowerShell.dll.
function Invoke-Child([string] $Name, [string] $Script) {
    Assert-PinnedPwsh
    Push-Location $root
    try { Invoke-Step $Name { dotnet pwsh -NoProfile -NonInteractive -Command $Script } }
    finally { Pop-Location }
}

function Invoke-Build {
    Invoke-Step 'dotnet build' { dotnet build (Join-Path $root 'Mmap.sln') -c $Configuration -p:RunFirstExample=false }
    if (-not (Test-Path (Join-Path $moduleDir 'Mmap.psd1'))) { throw "The build did not lay out $moduleDir." }
}

function Invoke-Test {
    Invoke-Step 'dotnet test' { dotnet test (Join-Path $root 'Mmap.sln') -c $Configuration -p:RunFirstExample=false }
}

# Refreshes docs/*.md from the built module (hand-written text kept), writes the committed help from them, and
# lays it out in out/Mmap. The one command to run after a cmdlet's parameters or a page change.
function Invoke-Docs {
    [Diagnostics.CodeAnalysis.SuppressMessageAttribute('PSUseSingularNouns', '', Justification = 'Named after its -Task Docs, like Invoke-Build, Invoke-Test, Invoke-Lint and Invoke-Package')]
    param()
    Invoke-Build
    Invoke-Child 'Refresh docs/*.md' "& '$tools/Help/Update-HelpMarkdown.ps1' -ModulePath '$moduleDir' -DocsPath '$docsDir'"
    Invoke-Child 'Write en-US help' "& '$tools/Help/Export-Help.ps1' -DocsPath '$docsDir' -OutputPath '$helpSource'"
    Invoke-Step 'Lay out en-US help' { dotnet msbuild $project -t:LayOutModuleFolder -p:Configuration=$Configuration -nologo -v:quiet }
}

# PSScriptAnalyzer over the scripts, the manifest and the laid-out module (so after a build); any finding fails.
function Invoke-Lint {
    Invoke-Child 'PSScriptAnalyzer' "& '$tools/Invoke-Analyzer.ps1'"
}

# Publishes out/Mmap, exactly the module's files, as a .nupkg into the local file repository out/packages.
function Invoke-Package {
    Invoke-Build
    Invoke-Child 'Publish-PSResource' "& '$tools/Publish-ModulePackage.ps1' -ModulePath '$moduleDir' -RepositoryPath '$packageDir'"
}

switch ($Task) {
    'Build' { Invoke-Build }
    'Test' { Invoke-Test }
    'Docs' { Invoke-Docs }
    'Lint' { Invoke-Build; Invoke-Lint }
    'Package' { Invoke-Package }
}
