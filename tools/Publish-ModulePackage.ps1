<#
.SYNOPSIS
    Publishes the laid-out module folder -ModulePath (exactly the files a user gets) as a .nupkg into the local file
    repository folder -RepositoryPath, with PSResourceGet (shipped with PowerShell 7.4 and later).
.DESCRIPTION
    Publish-PSResource takes a registered repository, so the folder is registered under a name of this run's own and
    unregistered again; nothing else about the user's PSResourceGet settings changes.
.EXAMPLE
    ./tools/Publish-ModulePackage.ps1 -ModulePath ./out/Mmap -RepositoryPath ./out/packages
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $RepositoryPath
)

$ErrorActionPreference = 'Stop'
$manifest = Test-ModuleManifest (Join-Path $ModulePath 'Mmap.psd1')
$null = New-Item -ItemType Directory -Path $RepositoryPath -Force
$package = Join-Path $RepositoryPath "$($manifest.Name).$($manifest.Version).nupkg"
# A repository refuses a version it holds already; this folder holds only what the last build published.
Remove-Item $package -ErrorAction SilentlyContinue

$repository = "Mmap-publish-$PID"
Register-PSResourceRepository -Name $repository -Uri (Resolve-Path $RepositoryPath).Path -Trusted
try { Publish-PSResource -Path $ModulePath -Repository $repository }
finally { Unregister-PSResourceRepository -Name $repository }
Get-Item $package | ForEach-Object { "Published $($_.FullName) ($($_.Length) bytes)" }
