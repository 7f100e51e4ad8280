# Finds the PowerShell modules the build uses but NuGet does not serve (PlatyPS, PSScriptAnalyzer), without
# installing anything: first PSModulePath, then ../shared/tools/modules beside the project (CI's checkout and the
# workspace have it; a user's machine does not).

$sharedModules = Join-Path $PSScriptRoot '../../shared/tools/modules'

<#
.SYNOPSIS
    The manifest path of module $Name $Version, or $null when neither place has that version.
#>
function Find-ToolModule([string] $Name, [version] $Version) {
    $listed = Get-Module -ListAvailable -FullyQualifiedName @{ ModuleName = $Name; RequiredVersion = $Version } |
        Select-Object -First 1
    if ($listed) { return $listed.Path }
    $shared = Join-Path $sharedModules "$Name/$Version/$Name.psd1"
    if (Test-Path $shared) { return (Resolve-Path $shared).Path }
    return $null
}

<#
.SYNOPSIS
    Imports module $Name $Version into the session, or stops saying how to get it.
#>
function Import-ToolModule([string] $Name, [version] $Version) {
    $manifest = Find-ToolModule $Name $Version
    if (-not $manifest) {
        throw ("$Name $Version is needed but is on neither PSModulePath nor $sharedModules. It is not on NuGet: " +
            "use the ../shared/tools/modules folder where you have it (CI does; see ../shared/tools/README.md), or, " +
            "where the PowerShell Gallery is reachable, Install-PSResource $Name -Version $Version. build.ps1 installs nothing itself.")
    }
    Import-Module $manifest -Global -ErrorAction Stop
}

Export-ModuleMember -Function Find-ToolModule, Import-ToolModule
