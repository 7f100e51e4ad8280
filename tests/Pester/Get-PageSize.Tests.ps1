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
