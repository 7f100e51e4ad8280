[System.Diagnostics.CodeAnalysis.SuppressMessageAttribute('PSUseDeclaredVarsMoreThanAssignments', '', Justification = 'Pester scoping: variables set in BeforeAll and BeforeEach are read in the It blocks, which this rule does not connect to them')]
param()

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot '../../out/Mmap')
    $cmd = 'Mmap.Commands.SyncMemoryMapCommand'
}

Describe 'Sync-MemoryMap' {
    BeforeEach {
        $file = Join-Path $TestDrive 'sync.bin'
        Set-FileSize -Path $file -Size 64KB
        $map = New-MemoryMap -Path $file -Access ReadWrite
        $map | Write-MemoryMap -String 'flushed'
    }
    AfterEach {
        Get-MemoryMap | Remove-MemoryMap
    }

    Context 'Default (all parameter sets)' {
        It 'flushes the whole map and outputs nothing' {
            $map | Sync-MemoryMap | Should -BeNullOrEmpty
            [Text.Encoding]::UTF8.GetString([IO.File]::ReadAllBytes($file), 0, 7) | Should -Be 'flushed'
        }

        It 'flushes a range, sync or async' {
            { $map | Sync-MemoryMap -Offset 100 -Length 10 -ErrorAction Stop } | Should -Not -Throw
            { $map | Sync-MemoryMap 4096 100 -Async -ErrorAction Stop } | Should -Not -Throw
        }

        It 'says with -Verbose what it flushed' {
            ($map | Sync-MemoryMap -Verbose 4>&1).Message | Should -Be "Flushed 64 KiB (65536 bytes) at offset 0 of map #$($map.Id) (sync)"
            ($map | Sync-MemoryMap -Offset 100 -Length 10 -Async -Verbose 4>&1).Message |
                Should -Be "Flushed 10 bytes at offset 100 of map #$($map.Id) (async: the write-back has started)"
        }

        It 'passes the map on with -PassThru' {
            ($map | Sync-MemoryMap -PassThru).Id | Should -Be $map.Id
        }

        It 'flushes anonymous memory as a no-op' {
            { New-MemoryMap -Anonymous -Size 4KB | Sync-MemoryMap -ErrorAction Stop } | Should -Not -Throw
        }

        It 'refuses a range outside the map' {
            { $map | Sync-MemoryMap -Offset 60000 -Length 10000 -ErrorAction Stop } | Should -Throw -ErrorId "invalid_argument,$cmd"
            { $map | Sync-MemoryMap -Offset 70000 -ErrorAction Stop } | Should -Throw -ErrorId "invalid_argument,$cmd"
        }

        It 'reports a freed map as map_freed' {
            $map | Remove-MemoryMap
            { $map | Sync-MemoryMap -ErrorAction Stop } | Should -Throw -ErrorId "map_freed,$cmd"
        }

        It 'validates -Offset and -Length' {
            { $map | Sync-MemoryMap -Offset -1 -ErrorAction Stop } | Should -Throw -ErrorId "ParameterArgumentValidationError,$cmd"
            { $map | Sync-MemoryMap -Length -1 -ErrorAction Stop } | Should -Throw -ErrorId "ParameterArgumentValidationError,$cmd"
        }
    }
}
