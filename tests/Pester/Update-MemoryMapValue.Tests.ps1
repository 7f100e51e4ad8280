[System.Diagnostics.CodeAnalysis.SuppressMessageAttribute('PSUseDeclaredVarsMoreThanAssignments', '', Justification = 'Pester scoping: variables set in BeforeAll and BeforeEach are read in the It blocks, which this rule does not connect to them')]
param()

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot '../../out/Mmap')
    Import-Module (Join-Path $PSScriptRoot 'Support/Hostless.psm1')
    $cmd = 'Mmap.Commands.UpdateMemoryMapValueCommand'
    function Read-Long($map, $offset) { [BitConverter]::ToInt64(($map | Read-MemoryMap -Offset $offset -Count 8), 0) }
}

Describe 'Update-MemoryMapValue' {
    BeforeEach {
        $map = New-MemoryMap -Anonymous -Size 4KB
    }
    AfterEach {
        Get-MemoryMap | Where-Object Tag | Remove-MemoryMap -Unlink
        Get-MemoryMap | Remove-MemoryMap
    }

    Context 'Add' {
        It 'adds and outputs the sum as an Int64 by default' {
            $map | Update-MemoryMapValue 0 -Add 5 | Should -Be 5
            $sum = $map | Update-MemoryMapValue 0 -Add -2
            $sum | Should -Be 3
            $sum.GetType() | Should -Be ([long])
            Read-Long $map 0 | Should -Be 3
        }

        It 'takes -Type as a name or a type, and outputs that type' -ForEach @(
            @{ Type = 'int32'; Expected = [int] }, @{ Type = 'UInt32'; Expected = [uint32] },
            @{ Type = [uint64]; Expected = [uint64] }, @{ Type = 'long'; Expected = [long] }
        ) {
            $sum = $map | Update-MemoryMapValue 8 -Add 7 -Type $Type
            $sum | Should -Be 7
            $sum.GetType() | Should -Be $Expected
        }

        It 'subtracts from unsigned values and wraps as the CPU does' {
            $map | Update-MemoryMapValue 16 -Add 1 -Type UInt32 | Should -Be 1
            $map | Update-MemoryMapValue 16 -Add -2 -Type UInt32 | Should -Be ([uint32]::MaxValue)
            $map | Update-MemoryMapValue 24 -Add ([long]::MaxValue) | Should -Be ([long]::MaxValue)
            $map | Update-MemoryMapValue 24 -Add 1 | Should -Be ([long]::MinValue)
        }

        It 'updates each map from the pipeline' {
            $other = New-MemoryMap -Anonymous -Size 4KB
            $map, $other | Update-MemoryMapValue 0 -Add 2 | Should -Be 2, 2
        }

        It 'four pwsh processes adding 2,000 each to one tag count 8,000' {
            $tag = "mmap-pester-$(New-Guid)".Substring(0, 30)
            $counter = New-MemoryMap -Tag $tag -Size 4KB
            $module = (Get-Module Mmap).Path
            $jobs = 1..4 | ForEach-Object {
                Start-Job {
                    Import-Module $using:module
                    $shared = New-MemoryMap -Tag $using:tag -TagMode OpenExisting
                    for ($i = 0; $i -lt 2000; $i++) { $null = $shared | Update-MemoryMapValue 0 -Add 1 }
                    $PID
                }
            }
            $pids = $jobs | Receive-Job -Wait -AutoRemoveJob -ErrorAction Stop
            ($pids | Sort-Object -Unique).Count | Should -Be 4 -Because 'each job is a pwsh process of its own'
            $pids | Should -Not -Contain $PID
            Read-Long $counter 0 | Should -Be 8000
        }
    }

    Context 'CompareExchange' {
        It 'stores -Value only over -Expect, and says what it saw' {
            $won = $map | Update-MemoryMapValue 64 -Expect 0 -Value 42
            $won.GetType().FullName | Should -Be 'Mmap.Commands.ValueExchange'
            $won.Swapped | Should -BeTrue
            $won.Seen | Should -Be 0
            $won.Value | Should -Be 42
            $lost = $map | Update-MemoryMapValue 64 -Expect 0 -Value 7
            $lost.Swapped | Should -BeFalse
            $lost.Seen | Should -Be 42
            $lost.Value | Should -Be 42
            Read-Long $map 64 | Should -Be 42
        }

        It 'compares 32-bit values with -Type Int32' {
            ($map | Update-MemoryMapValue 4 -Expect 0 -Value -1 -Type Int32).Swapped | Should -BeTrue
            [BitConverter]::ToInt32(($map | Read-MemoryMap -Offset 4 -Count 4), 0) | Should -Be -1
            Read-Long $map 0 | Should -Be -4294967296 -Because 'the other half of the 8 bytes is untouched'
        }

        It 'survives Format-List *, Select-Object * and ConvertTo-Json' {
            $result = $map | Update-MemoryMapValue 8 -Expect 0 -Value 1
            { $result | Format-List * | Out-String } | Should -Not -Throw
            ($result | Select-Object *).Swapped | Should -BeTrue
            ($result | ConvertTo-Json -Depth 1 -WarningAction SilentlyContinue | ConvertFrom-Json).Value | Should -Be 1
        }
    }

    Context 'Confirmation' {
        It 'changes nothing with -WhatIf' {
            Invoke-Hostless 'param($m) $m | Update-MemoryMapValue 8 -Add 5 -WhatIf' $map | Should -BeNullOrEmpty
            Invoke-Hostless 'param($m) $m | Update-MemoryMapValue 8 -Expect 0 -Value 9 -WhatIf' $map | Should -BeNullOrEmpty
            Read-Long $map 8 | Should -Be 0
        }

        It 'names the change it makes (the -WhatIf and -Confirm text) with -Verbose' {
            ($map | Update-MemoryMapValue 8 -Add 5 -Verbose 4>&1 | Where-Object { $_ -is [Management.Automation.VerboseRecord] }).Message |
                Should -Be "Performing the operation ""Add 5 to the Int64 at map offset 8"" on target ""$($map.Description)""."
            ($map | Update-MemoryMapValue 8 -Expect 5 -Value 9 -Type Int32 -Verbose 4>&1 | Where-Object { $_ -is [Management.Automation.VerboseRecord] }).Message |
                Should -BeLike '*"Store 9 in the Int32 at map offset 8 if it holds 5"*'
        }
    }

    Context 'Bad input: a clear error, nothing changed' {
        It 'refuses a misaligned offset, naming the nearest aligned ones' {
            $map | Update-MemoryMapValue 12 -Add 1 -ErrorVariable failed -ErrorAction SilentlyContinue
            $failed.FullyQualifiedErrorId | Should -Be "invalid_argument,$cmd"
            $failed.Exception.Message | Should -BeLike '*Use offset 8 or 16.'
            { $map | Update-MemoryMapValue 6 -Expect 0 -Value 1 -Type Int32 -ErrorAction Stop } | Should -Throw -ErrorId "invalid_argument,$cmd"
            Read-Long $map 8 | Should -Be 0
        }

        It 'refuses values that do not fit the type' -ForEach @(
            @{ Arguments = @{ Add = 1.5 } ; Says = '*not a whole number*' },
            @{ Arguments = @{ Add = 5000000000; Type = 'Int32' } ; Says = '*does not fit Int32*' },
            @{ Arguments = @{ Expect = 0; Value = -1; Type = 'UInt64' } ; Says = '*-Value -1 does not fit UInt64*' },
            @{ Arguments = @{ Expect = 'zero'; Value = 1 } ; Says = "*-Expect 'zero' (String) is not a number*" }
        ) {
            $map | Update-MemoryMapValue 8 @Arguments -ErrorVariable failed -ErrorAction SilentlyContinue
            $failed.FullyQualifiedErrorId | Should -Be "invalid_argument,$cmd"
            $failed.Exception.Message | Should -BeLike $Says
            Read-Long $map 8 | Should -Be 0
        }

        It 'refuses other types when binding, listing the ones it takes' {
            { $map | Update-MemoryMapValue 0 -Add 1 -Type Int16 -ErrorAction Stop } | Should -Throw -ErrorId "ParameterArgumentValidationError,$cmd"
            { $map | Update-MemoryMapValue 0 -Add 1 -Type Double -ErrorAction Stop } | Should -Throw '*Int32, UInt32, Int64 or UInt64*'
            { $map | Update-MemoryMapValue 0 -Add 1 -Type NoSuchType -ErrorAction Stop } | Should -Throw -ErrorId "CannotConvertArgumentNoMessage,$cmd"
        }

        It 'refuses a read-only map as access_denied, an offset outside the map as invalid_argument' {
            $file = Join-Path $TestDrive 'ro.bin'
            Set-FileSize -Path $file -Size 4KB
            $readOnly = New-MemoryMap -Path $file
            { $readOnly | Update-MemoryMapValue 0 -Add 1 -ErrorAction Stop } | Should -Throw -ErrorId "access_denied,$cmd"
            { $map | Update-MemoryMapValue 4096 -Add 1 -ErrorAction Stop } | Should -Throw -ErrorId "invalid_argument,$cmd"
            [IO.File]::ReadAllBytes($file) | Where-Object { $_ } | Should -BeNullOrEmpty
        }

        It 'reports a freed map as map_freed and updates the next one' {
            $other = New-MemoryMap -Anonymous -Size 4KB
            $map | Remove-MemoryMap
            $sums = $map, $other | Update-MemoryMapValue 0 -Add 1 -ErrorVariable failed -ErrorAction SilentlyContinue
            $failed.FullyQualifiedErrorId | Should -Be "map_freed,$cmd"
            $sums | Should -Be 1
        }
    }
}
