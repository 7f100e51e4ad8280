# Finds the PowerShell modules the build uses but NuGet does not serve (PlatyPS, PSScriptAnalyzer), without
# installing anything: first PSModulePath, then ../shared/tools/modules beside the project (CI's checkout and the
# workspace have it; a user's machine does not).

$sharedModules = Join-Path $PSScriptRoot '../../shared/tools/modules'

# The versions the project is checked with, the builds in ../shared/tools/modules.
$pinned = @{
    'Microsoft.PowerShell.PlatyPS' = [version] '1.0.3'
    'PSScriptAnalyzer'             = [version] '1.25.0'
}

<#
.SYNOPSIS
    The manifest path of the pinned version of tool module $Name, or $null when neither place has it.
#>
function Find-ToolModule([string] $Name) {
    $version = $pinned[$Name]
    $listed = Get-Module -ListAvailable -FullyQualifiedName @{ ModuleName = $Name; RequiredVersion = $version } |
        Select-Object -First 1
    if ($listed) { return $listed.Path }
    $shared = Join-Path $sharedModules "$Name/$version/$Name.psd1"
    if (Test-Path $shared) { return (Resolve-Path $shared).Path }
    return $null
}

<#
.SYNOPSIS
    Imports the pinned version of tool module $Name into the session, or stops saying how to get it.
#>
function Import-ToolModule([string] $Name) {
    $manifest = Find-ToolModule $Name
    if (-not $manifest) {
        throw ("$Name $($pinned[$Name]) is needed but is on neither PSModulePath nor $sharedModules. It is not on NuGet: " +
            "use the ../shared/tools/modules folder where you have it (CI does; see ../shared/tools/README.md), or, " +
            "where the PowerShell Gallery is reachable, Install-PSResource $Name -Version $($pinned[$Name]). build.ps1 installs nothing itself.")
    }
    Import-Module $manifest -Global -ErrorAction Stop
}

Export-ModuleMember -Function Find-ToolModule, Import-ToolModule
