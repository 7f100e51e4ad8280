# Run by the Release build where pwsh exists: imports out/Mmap and walks the first example of the README
# (size a file, map it, write, flush, read back, free), failing the build if any step misbehaves.
# -Module is what to import: out/Mmap by default; the package test gives the name Mmap, to import the installed copy.
param([string] $Module = (Join-Path $PSScriptRoot '../out/Mmap'))

$ErrorActionPreference = 'Stop'
$module = Import-Module $Module -PassThru -Force
"Imported $($module.Name) $($module.Version) from $($module.ModuleBase)"

$dir = Join-Path ([IO.Path]::GetTempPath()) "mmap-first-example-$PID"
New-Item -ItemType Directory -Path $dir | Out-Null
try {
    $file = Join-Path $dir 'first.bin'
    Set-FileSize -LiteralPath $file -Size 4KB -PassThru | Format-Table Name, Length | Out-String

    $map = New-MemoryMap -LiteralPath $file -Access ReadWrite
    $map | Write-MemoryMap -String 'Hello from Mmap' -Offset 16 -PassThru | Sync-MemoryMap
    $text = $map | Read-MemoryMap -Offset 16 -Count 15 -AsString
    Get-MemoryMap -Path $file | Format-Table | Out-String
    $map | Remove-MemoryMap

    $onDisk = [Text.Encoding]::UTF8.GetString([IO.File]::ReadAllBytes($file), 16, 15)
    if ($text -ne 'Hello from Mmap' -or $onDisk -ne $text) { throw "Read back '$text', the file holds '$onDisk'." }
    "Read back through the map and from the file: $text"
    $board = New-MemoryMap -Tag "mmap-first-$PID" -Size 4KB; $board | Write-MemoryMap -String 'shared'; $board | Remove-MemoryMap -Unlink
    Get-PageSize | Format-Table | Out-String
}
finally {
    Get-MemoryMap -Path (Join-Path $dir '*') | Remove-MemoryMap
    Remove-Item $dir -Recurse -Force
}
