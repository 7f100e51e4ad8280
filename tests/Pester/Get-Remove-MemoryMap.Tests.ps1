BeforeAll {
    Import-Module (Join-Path $PSScriptRoot '../../out/Mmap')
}

Describe 'Get-MemoryMap' {
    BeforeAll {
        $cmd = 'Mmap.Commands.GetMemoryMapCommand'
    }
    BeforeEach {
        Get-MemoryMap | Remove-MemoryMap
        $a = Join-Path $TestDrive 'a.bin'
        $b = Join-Path $TestDrive 'b.dat'
        Set-FileSize -Path $a -Size 4KB
        Set-FileSize -Path $b -Size 4KB
        $mapA = New-MemoryMap -Path $a
        $mapB = New-MemoryMap -Path $b
        $anon = New-MemoryMap -Anonymous -Size 4KB
    }
    AfterEach {
        Get-MemoryMap | Remove-MemoryMap
    }

    Context 'All' {
        It 'lists the live maps, oldest first' {
            (Get-MemoryMap).Id | Should -Be $mapA.Id, $mapB.Id, $anon.Id
        }

        It 'lists maps made from .NET code too' {
            $direct = [Mmap.MemoryMap]::MapAnonymous(4096)
            try { (Get-MemoryMap).Id | Should -Contain $direct.Id }
            finally { $direct.Dispose() }
        }

        It 'never lists a freed map' {
            $mapB | Remove-MemoryMap
            (Get-MemoryMap).Id | Should -Not -Contain $mapB.Id
        }
    }

    Context 'Id' {
        It 'returns the maps with those ids' {
            (Get-MemoryMap -Id $anon.Id, $mapA.Id).Id | Should -Be $anon.Id, $mapA.Id
        }

        It 'reports an unknown id as map_not_found and still returns the others' {
            $found = Get-MemoryMap -Id 999999, $mapA.Id -ErrorVariable errors -ErrorAction SilentlyContinue
            $found.Id | Should -Be $mapA.Id
            $errors[0].FullyQualifiedErrorId | Should -Be "map_not_found,$cmd"
            $errors[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
            { Get-MemoryMap -Id 999999 -ErrorAction Stop } | Should -Throw -ErrorId "map_not_found,$cmd"
        }
    }

    Context 'Path' {
        It 'filters by wildcard' {
            (Get-MemoryMap -Path (Join-Path $TestDrive '*.bin')).Id | Should -Be $mapA.Id
        }

        It 'resolves relative patterns against the PowerShell location' {
            Push-Location $TestDrive
            try { (Get-MemoryMap ./*.dat).Id | Should -Be $mapB.Id } finally { Pop-Location }
        }

        It 'returns nothing when no map matches' {
            Get-MemoryMap -Path (Join-Path $TestDrive 'none*') | Should -BeNullOrEmpty
        }
    }
}

Describe 'Remove-MemoryMap' {
    BeforeAll {
        $cmd = 'Mmap.Commands.RemoveMemoryMapCommand'
    }
    BeforeEach {
        $map = New-MemoryMap -Anonymous -Size 4KB
    }
    AfterEach {
        Get-MemoryMap | Remove-MemoryMap
    }

    Context 'InputObject' {
        It 'frees a map from the pipeline and outputs nothing' {
            $map | Remove-MemoryMap | Should -BeNullOrEmpty
            $map.IsDisposed | Should -BeTrue
        }

        It 'frees a map given by position' {
            Remove-MemoryMap $map
            $map.IsDisposed | Should -BeTrue
        }

        It 'is harmless on a map already freed' {
            $map | Remove-MemoryMap
            { $map | Remove-MemoryMap -ErrorAction Stop } | Should -Not -Throw
        }

        It 'frees nothing with -WhatIf' {
            $map | Remove-MemoryMap -WhatIf
            $map.IsDisposed | Should -BeFalse
        }
    }

    Context 'Id' {
        It 'frees maps by id' {
            Remove-MemoryMap -Id $map.Id
            $map.IsDisposed | Should -BeTrue
        }

        It 'reports an unknown id as map_not_found' {
            { Remove-MemoryMap -Id 999999 -ErrorAction Stop } | Should -Throw -ErrorId "map_not_found,$cmd"
        }
    }
}
