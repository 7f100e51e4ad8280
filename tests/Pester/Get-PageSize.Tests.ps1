[System.Diagnostics.CodeAnalysis.SuppressMessageAttribute('PSUseDeclaredVarsMoreThanAssignments', '', Justification = 'Pester scoping: variables set in BeforeAll and BeforeEach are read in the It blocks, which this rule does not connect to them')]
param()

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot '../../out/Mmap')
    $cmd = 'Mmap.Commands.GetPageSizeCommand'
}

Describe 'Get-PageSize' {
    Context 'Info' {
        It 'returns the page facts' {
            $info = Get-PageSize
            $info | Should -BeOfType Mmap.PageInfo
            $info.PageSize | Should -Be ([Environment]::SystemPageSize)
            $info.AllocationGranularity | Should -BeGreaterOrEqual $info.PageSize
            $info.LargePageSize | Should -BeGreaterOrEqual 0
        }
    }

    Context 'LargePages' {
        It 'lists each large page size with its pool' {
            $pools = @(Get-PageSize -LargePages)
            $pools | ForEach-Object { $_ | Should -BeOfType Mmap.LargePagePool }
            ($pools.Size | Sort-Object) | Should -Be ((Get-PageSize).LargePages.Size | Sort-Object)
            if ($IsLinux) {
                $sizes = Get-ChildItem /sys/kernel/mm/hugepages -Directory -ErrorAction SilentlyContinue |
                    ForEach-Object { [long]($_.Name -replace '^hugepages-(\d+)kB$', '$1') * 1KB } | Sort-Object
                ($pools.Size | Sort-Object) | Should -Be $sizes
                foreach ($p in $pools) {
                    $p.Reserved | Should -Be ([long](Get-Content "/sys/kernel/mm/hugepages/hugepages-$($p.Size / 1KB)kB/nr_hugepages"))
                    $p.Free | Should -BeLessOrEqual $p.Reserved
                }
            }
        }

        It 'shows the pools in the default view' {
            $text = Get-PageSize | Format-List | Out-String
            $text | Should -Match 'LargePages'
            if (@(Get-PageSize -LargePages).Count -gt 0) { $text | Should -Match 'of \d+ free|MiB|GiB' }
        }
    }

    Context 'Align' {
        BeforeAll {
            $g = (Get-PageSize).AllocationGranularity
        }

        It 'rounds up by default' {
            Get-PageSize -Align 1 | Should -Be $g
            Get-PageSize -Align $g | Should -Be $g
            Get-PageSize -Align 0 | Should -Be 0
        }

        It 'rounds down with -Down' {
            Get-PageSize -Align ($g + 1) -Down | Should -Be $g
        }

        It 'returns a long' {
            Get-PageSize -Align 5 | Should -BeOfType long
        }

        It 'aligns numbers from the pipeline' {
            1, ($g + 1) | Get-PageSize | Should -Be $g, (2 * $g)
        }

        It 'refuses a number whose alignment overflows' {
            { Get-PageSize -Align ([long]::MaxValue) -ErrorAction Stop } | Should -Throw -ErrorId "invalid_argument,$cmd"
        }

        It 'validates -Align' {
            { Get-PageSize -Align -1 -ErrorAction Stop } | Should -Throw -ErrorId "ParameterArgumentValidationError,$cmd"
        }
    }
}
