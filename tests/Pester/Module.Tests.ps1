# The module as a whole: manifest, exports, views, and maps freed on Remove-Module.
BeforeAll {
    $modulePath = Join-Path $PSScriptRoot '../../out/Mmap'
    Import-Module $modulePath
    Import-Module (Join-Path $PSScriptRoot 'Support/Manifest.psm1')
}

Describe 'Mmap module' {
    It 'exports exactly the cmdlets of its manifest' {
        $manifest = Read-ModuleManifest (Join-Path $modulePath 'Mmap.psd1') -Edition $PSEdition
        (Get-Command -Module Mmap).Name | Sort-Object | Should -Be ($manifest.CmdletsToExport | Sort-Object)
    }

    It 'exports nothing by wildcard' {
        $manifest = Read-ModuleManifest (Join-Path $modulePath 'Mmap.psd1') -Edition $PSEdition
        foreach ($key in 'CmdletsToExport', 'FunctionsToExport', 'VariablesToExport', 'AliasesToExport') {
            $manifest[$key] | Where-Object { $_ -like '*`**' } | Should -BeNullOrEmpty
        }
    }

    It 'shows maps in a table with a hex address and a human size' {
        $map = New-MemoryMap -Anonymous -Size 1536
        try {
            $text = $map | Format-Table | Out-String
            $text | Should -Match 'Id\s+Kind\s+Access\s+Size\s+Address\s+Path/Tag'
            $text | Should -Match '1\.5 KiB'
            $text | Should -Match ('0x{0:X}' -f $map.Address.ToInt64())
        }
        finally { $map | Remove-MemoryMap }
    }

    It 'shows page facts in a table' {
        Get-PageSize | Format-Table | Out-String | Should -Match 'PageSize\s+AllocationGranularity\s+LargePageSize'
    }

    It 'exports the round-two cmdlets' {
        Get-Command New-MirroredMap, Test-LowAddressAlloc -Module Mmap | Should -HaveCount 2
    }

    It 'frees every map and mirror it opened when the module is removed' {
        $maps = @(1..3 | ForEach-Object { New-MemoryMap -Anonymous -Size 4KB }) + @(New-MirroredMap -Size 4KB)
        Remove-Module Mmap
        try {
            $maps | ForEach-Object { $_.IsDisposed | Should -BeTrue }
        }
        finally { Import-Module $modulePath }
    }
}
