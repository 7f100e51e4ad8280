<#
.SYNOPSIS
    Run by Package.Tests.ps1 in a fresh pwsh: installs Mmap by name from the file repository -RepositoryPath, imports
    it by name, runs the first example, and writes what it found as one line of JSON last.
#>
param([Parameter(Mandatory)] [string] $RepositoryPath)

$ErrorActionPreference = 'Stop'
Register-PSResourceRepository -Name MmapPackageTest -Uri $RepositoryPath -Trusted
Install-PSResource Mmap -Repository MmapPackageTest -Scope CurrentUser
& (Join-Path $PSScriptRoot '../../tools/FirstExample.ps1') -Module Mmap
$module = Get-Module Mmap
[pscustomobject] @{
    ModuleBase = $module.ModuleBase
    Examples   = @((Get-Help New-MemoryMap -Full).examples.example).Count
    About      = (Get-Help about_Mmap | Out-String) -match 'SHORT DESCRIPTION'
} | ConvertTo-Json -Compress
