@{
    # Each edition loads the build made for its runtime, from a folder named by its target framework: PowerShell 7.4+
    # (Core, .NET 8+) the net8.0 build, Windows PowerShell 5.1 (Desktop, .NET Framework) the netstandard2.0 one.
    RootModule           = if ($PSEdition -eq 'Core') { 'net8.0/Mmap.PowerShell.dll' } else { 'netstandard2.0/Mmap.PowerShell.dll' }
    # The engine, from the same folder: loaded with the module so scripts can use [Mmap.ByteRing] and the other engine types.
    RequiredAssemblies   = if ($PSEdition -eq 'Core') { @('net8.0/Mmap.dll') } else { @('netstandard2.0/Mmap.dll') }
    ModuleVersion        = '0.1.0'
    GUID                 = '5c0e6f3a-8a43-4d1e-9a57-2f1f4b7c6d21'
    Author               = 'Mmap developers'
    CompanyName          = 'Mmap'
    Copyright            = '(c) Mmap developers. MIT License.'
    Description          = 'Memory-mapped files, shared memory by tag, mirrored ring buffers and low-address probing for PowerShell and .NET.'
    # The net8.0 build needs .NET 8: PowerShell 7.4 or later (7.0-7.3, on older .NET and out of support, are refused here).
    PowerShellVersion    = if ($PSEdition -eq 'Core') { '7.4' } else { '5.1' }
    CompatiblePSEditions = @('Desktop', 'Core')
    FormatsToProcess     = @('Mmap.Format.ps1xml')
    # Cmdlets are listed here as they are built on the engine; nothing is exported by wildcard.
    CmdletsToExport      = @(
        'New-MemoryMap'
        'New-MirroredMap'
        'Get-MemoryMap'
        'Remove-MemoryMap'
        'Read-MemoryMap'
        'Write-MemoryMap'
        'Sync-MemoryMap'
        'Get-PageSize'
        'Set-FileSize'
        'Test-LowAddressAlloc'
        'Find-MemoryMap'
        'Update-MemoryMapValue'
        'Get-MemoryMapTag'
        'Remove-MemoryMapTag'
        'Lock-MemoryMap'
        'Resize-MemoryMap'
        'Unlock-MemoryMap'
        'Set-MemoryMap'
        'Measure-MemoryMap'
    )
    FunctionsToExport    = @()
    VariablesToExport    = @()
    AliasesToExport      = @()
    PrivateData          = @{
        PSData = @{
            Tags       = @('mmap', 'memory-mapped', 'shared-memory', 'ring-buffer', 'Linux', 'Windows', 'macOS')
            ProjectUri = 'https://github.com/mmap-ps/Mmap'
            LicenseUri = 'https://github.com/mmap-ps/Mmap/blob/main/LICENSE'
            ReleaseNotes = @'
0.1.0
- Cmdlets: New-MemoryMap, New-MirroredMap, Get-MemoryMap, Remove-MemoryMap, Read-MemoryMap, Write-MemoryMap,
  Sync-MemoryMap, Get-PageSize, Set-FileSize, Test-LowAddressAlloc, Find-MemoryMap, Update-MemoryMapValue,
  Get-MemoryMapTag, Remove-MemoryMapTag, Set-MemoryMap, Lock-MemoryMap, Unlock-MemoryMap, Measure-MemoryMap,
  Resize-MemoryMap.
- Files, shared memory by tag, anonymous memory and mirrors; bounds-checked access, and a file truncated by another
  process is file_too_short, not a crash.
- -Encoding binds in every set (a profile's $PSDefaultParameterValues['*:Encoding'] is harmless); piped bytes are
  Write-MemoryMap's data; -AsString drops a byte-order mark at offset 0.
- Set-FileSize grows mapped files and names every map a shrink would cut.
- Long reads, writes, flushes, -Populate and file growth show progress and stop within a second of Ctrl+C.
- A runspace that closes frees its maps.
- Two builds in the module folder, picked by edition: net8.0 for PowerShell 7.4+ (a map's stream overrides Stream's
  CopyTo and span overloads, so any API taking a Stream copies straight from the mapping), netstandard2.0 for Windows
  PowerShell 5.1.
'@
        }
    }
}
