# Run by the Release build where pwsh exists: proves out/Mmap imports, and shows what it exports.
$ErrorActionPreference = 'Stop'
$module = Import-Module (Join-Path $PSScriptRoot '../out/Mmap') -PassThru -Force
"Imported $($module.Name) $($module.Version) from $($module.ModuleBase)"
Get-Command -Module Mmap | Format-Table -AutoSize | Out-String
