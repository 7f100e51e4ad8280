[System.Diagnostics.CodeAnalysis.SuppressMessageAttribute('PSUseDeclaredVarsMoreThanAssignments', '', Justification = 'Pester scoping: variables set in BeforeAll and BeforeEach are read in the It blocks, which this rule does not connect to them')]
param()

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot '../../out/Mmap')
    $cmd = 'Mmap.Commands.TestLowAddressAllocCommand'
}

Describe 'Test-LowAddressAlloc' {
    BeforeEach {
        if ($IsMacOS) { Set-ItResult -Skipped -Because 'macOS keeps the first 4 GiB of a 64-bit process unmapped: nothing to probe (see the macOS test)' }
    }

    Context 'Report' {
        It 'reports the free space below 2 GiB by default' {
            $r = Test-LowAddressAlloc
            $r | Should -BeOfType Mmap.LowAddressReport
            $r.Limit | Should -Be 2GB
            $r.LargestFreeBlock | Should -BeLessOrEqual $r.TotalFreeBytes
            $r.Fits | Should -BeNullOrEmpty
            $r.Regions | ForEach-Object { $_.End | Should -BeLessOrEqual ([uint64]2GB) }
        }

        It 'says whether -Size fits, taken by position' {
            $r = Test-LowAddressAlloc 64KB -Limit 4GB
            $r.Limit | Should -Be 4GB
            $r.RequestedSize | Should -Be 64KB
            $r.Fits | Should -Be ($r.LargestFreeBlock -ge 64KB)
        }

        It 'reports MAP_32BIT figures on Linux x86-64 only' {
            $r = Test-LowAddressAlloc
            if ($IsLinux -and [Runtime.InteropServices.RuntimeInformation]::ProcessArchitecture -eq 'X64') { $r.Map32BitBytes | Should -BeGreaterThan 0 }
            else { $r.Map32BitBytes | Should -BeNullOrEmpty }
        }

        It 'shows a table with human sizes and the regions with hex bounds' {
            $r = Test-LowAddressAlloc
            $r | Format-Table | Out-String | Should -Match 'Limit\s+TotalFree\s+LargestFree\s+Map32Bit\s+Fits\s+Elapsed'
            $r | Format-Table | Out-String | Should -Match '2 GiB'
            $r.Regions | Format-Table | Out-String | Should -Match 'Start\s+End\s+Size'
            $r.Regions | Select-Object -First 1 | Format-Table | Out-String | Should -Match '0x[0-9A-F]+'
        }

        It 'validates -Limit and -Size before binding' {
            { Test-LowAddressAlloc -Limit 0 -ErrorAction Stop } | Should -Throw -ErrorId "ParameterArgumentValidationError,$cmd"
            { Test-LowAddressAlloc -Size 0 -ErrorAction Stop } | Should -Throw -ErrorId "ParameterArgumentValidationError,$cmd"
        }
    }

    Context 'Quiet' {
        It 'answers $true for a size that fits and $false for one that cannot' {
            Test-LowAddressAlloc 4KB -Quiet | Should -BeTrue
            Test-LowAddressAlloc 3GB -Quiet | Should -BeFalse
        }

        It 'answers whether anything is free without -Size' {
            $answer = Test-LowAddressAlloc -Quiet
            $answer | Should -BeOfType bool
            $answer | Should -Be ((Test-LowAddressAlloc).TotalFreeBytes -gt 0)
        }

        It 'agrees with New-MemoryMap -Placement Low' {
            if (Test-LowAddressAlloc 64KB -Quiet) {
                $map = New-MemoryMap -Anonymous -Size 64KB -Placement Low
                try { [uint64]$map.Address.ToInt64() + 64KB | Should -BeLessOrEqual 2GB } finally { $map | Remove-MemoryMap }
            }
        }
    }
}

Describe 'Test-LowAddressAlloc on macOS' {
    BeforeEach {
        if (-not $IsMacOS) { Set-ItResult -Skipped -Because 'the not_supported answer is macOS''s: this OS has memory below 2 GiB to probe' }
    }

    It 'reports not_supported' {
        { Test-LowAddressAlloc -ErrorAction Stop } | Should -Throw -ErrorId "not_supported,$cmd"
    }
}
