# Mmap.psd1 picks its binaries by $PSEdition, which Import-PowerShellDataFile refuses to evaluate and which a test cannot
# set (it is a constant). This reads the manifest as a given edition would.

<#
.SYNOPSIS
    The manifest's hashtable as PowerShell of the given edition evaluates it: each $PSEdition in it reads -Edition.
.PARAMETER Edition
    'Core' (PowerShell 6+) or 'Desktop' (Windows PowerShell 5.1).
#>
function Read-ModuleManifest {
    [CmdletBinding()]
    [OutputType([hashtable])]
    param(
        [Parameter(Mandatory)]
        [string] $Path,
        [Parameter(Mandatory)]
        [ValidateSet('Core', 'Desktop')]
        [string] $Edition
    )
    $tokens = $null
    $problems = $null
    $ast = [System.Management.Automation.Language.Parser]::ParseFile((Resolve-Path $Path).Path, [ref] $tokens, [ref] $problems)
    if ($problems) { throw "$Path does not parse: $($problems -join '; ')" }
    $text = $ast.Extent.Text
    $uses = $ast.FindAll({ param($node) $node -is [System.Management.Automation.Language.VariableExpressionAst] -and $node.VariablePath.UserPath -eq 'PSEdition' }, $true)
    # From the end, so each replacement leaves the earlier offsets as they were.
    foreach ($use in $uses | Sort-Object { $_.Extent.StartOffset } -Descending) {
        $text = $text.Remove($use.Extent.StartOffset, $use.Extent.EndOffset - $use.Extent.StartOffset).Insert($use.Extent.StartOffset, "'$Edition'")
    }
    $manifest = [scriptblock]::Create($text)
    # What a module manifest may hold: data, and no command at all.
    $manifest.CheckRestrictedLanguage([string[]] @(), [string[]] @('PSScriptRoot'), $true)
    & $manifest
}

Export-ModuleMember -Function Read-ModuleManifest
