# Run by the Release build (dotnet build Mmap.sln -c Release) in the pinned pwsh: imports out/Mmap and walks the
# README's first example, saying what each step did: size a file, map it, write, flush, read back, free. Any
# misstep throws, which fails the build.
# -Module is what to import: out/Mmap by default; the package test gives the name Mmap, to import the installed copy.
param([string] $Module = (Join-Path $PSScriptRoot '../out/Mmap'))

$ErrorActionPreference = 'Stop'
$imported = Import-Module $Module -PassThru -Force
"Imported $($imported.Name) $($imported.Version) from $($imported.ModuleBase) into PowerShell $($PSVersionTable.PSVersion)"

$dir = Join-Path ([IO.Path]::GetTempPath()) "mmap-first-example-$PID"
New-Item -ItemType Directory -Path $dir | Out-Null
try {
    $file = Join-Path $dir 'first.bin'
    $info = Set-FileSize -LiteralPath $file -Size 4KB -PassThru
    "1. Set-FileSize made $($info.Name), $($info.Length) bytes"

    $map = New-MemoryMap -LiteralPath $file -Access ReadWrite
    "2. New-MemoryMap mapped it: map #$($map.Id), $($map.Kind), $($map.Access), $($map.Size) bytes at 0x$($map.Address.ToString('X'))"

    $map | Write-MemoryMap -String 'Hello from Mmap' -Offset 16 -PassThru | Sync-MemoryMap
    "3. Write-MemoryMap wrote 'Hello from Mmap' at offset 16; Sync-MemoryMap flushed it to the file"

    $text = $map | Read-MemoryMap -Offset 16 -Count 15 -AsString
    $onDisk = [Text.Encoding]::UTF8.GetString([IO.File]::ReadAllBytes($file), 16, 15)
    if ($text -ne 'Hello from Mmap' -or $onDisk -ne $text) { throw "Read back '$text', the file holds '$onDisk'." }
    "4. Read-MemoryMap read back '$text'; the file on disk holds the same"

    Get-MemoryMap -Path $file | Format-Table -AutoSize | Out-String -Width 200
    $map | Remove-MemoryMap
    "5. Remove-MemoryMap freed map #$($map.Id) (IsDisposed: $($map.IsDisposed))"

    $board = New-MemoryMap -Tag "mmap-first-$PID" -Size 4KB
    $board | Write-MemoryMap -String 'shared'
    $board | Remove-MemoryMap -Unlink
    "6. A 4 KiB shared-memory tag was made, written and removed; Get-Help about_Mmap has the rest"
}
finally {
    Get-MemoryMap -Path (Join-Path $dir '*') | Remove-MemoryMap
    Remove-Item $dir -Recurse -Force
}
