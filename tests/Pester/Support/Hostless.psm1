# A command given -WhatIf writes its "What if:" lines to the host, past every output stream: no redirection catches
# them, and in `dotnet test Mmap.sln` they were stray lines of the log. A thread job's runspace has no user interface,
# so there they go nowhere, while the test still sees what the command did (and did not do).

<#
.SYNOPSIS
    Runs a script in a thread job (a runspace with no user interface) with the built module imported, in the current
    location, and returns its output; its errors become the caller's (-ErrorVariable, -ErrorAction).
.PARAMETER Script
    The script's text; its param() block binds -ArgumentList. Objects pass by reference (a map stays the same map).
#>
function Invoke-Hostless {
    [Diagnostics.CodeAnalysis.SuppressMessageAttribute('PSReviewUnusedParameter', '', Justification = 'Both are read in the thread job through $using:, which this rule does not follow')]
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)]
        [string] $Script,
        [object[]] $ArgumentList = @()
    )
    $module = (Resolve-Path (Join-Path $PSScriptRoot '../../../out/Mmap')).Path
    $location = (Get-Location).ProviderPath
    Start-ThreadJob -ScriptBlock {
        Import-Module $using:module
        Set-Location -LiteralPath $using:location
        $arguments = $using:ArgumentList
        & ([scriptblock]::Create($using:Script)) @arguments
    } | Receive-Job -Wait -AutoRemoveJob
}

Export-ModuleMember -Function Invoke-Hostless
