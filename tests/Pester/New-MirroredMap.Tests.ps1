[System.Diagnostics.CodeAnalysis.SuppressMessageAttribute('PSUseDeclaredVarsMoreThanAssignments', '', Justification = 'Pester scoping: variables set in BeforeAll and BeforeEach are read in the It blocks, which this rule does not connect to them')]
param()

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'Support/Hostless.psm1')
    Import-Module (Join-Path $PSScriptRoot '../../out/Mmap')
    $cmd = 'Mmap.Commands.NewMirroredMapCommand'
    $g = (Get-PageSize).AllocationGranularity
}

AfterAll {
    Get-MemoryMap | Remove-MemoryMap
}

Describe 'New-MirroredMap' {
    AfterEach {
        Get-MemoryMap | Remove-MemoryMap
    }

    Context 'Anonymous' {
        It 'mirrors anonymous memory twice by default, without -Anonymous' {
            $m = New-MirroredMap -Size $g
            $m | Should -BeOfType Mmap.MirroredMap
            $m.Times | Should -Be 2
            $m.BlockSize | Should -Be $g
            $m.Size | Should -Be (2 * $g)
            $m.Access | Should -Be 'ReadWrite'
            $m.Path | Should -BeNullOrEmpty
        }

        It 'accepts -Anonymous and aligns the block up' {
            $m = New-MirroredMap -Anonymous -Size 1 -Times 3
            $m.BlockSize | Should -Be $g
            $m.Times | Should -Be 3
        }

        It 'shows bytes written past the end of the block at its start' {
            $m = New-MirroredMap -Size $g
            $m | Write-MemoryMap -String 'wrap' -Offset ($g - 2)
            $m | Read-MemoryMap -Offset 0 -Count 2 -AsString | Should -Be 'ap'
        }

        It 'validates -Times and -Size before binding' {
            { New-MirroredMap -Size $g -Times 1 -ErrorAction Stop } | Should -Throw -ErrorId "ParameterArgumentValidationError,$cmd"
            { New-MirroredMap -Size 0 -ErrorAction Stop } | Should -Throw -ErrorId "ParameterArgumentValidationError,$cmd"
        }

        It 'has no -Offset' {
            { New-MirroredMap -Anonymous -Size $g -Offset $g -ErrorAction Stop } | Should -Throw -ErrorId "AmbiguousParameterSet,$cmd"
        }

        It 'refuses CopyOnWrite as invalid_argument' {
            { New-MirroredMap -Size $g -Access CopyOnWrite -ErrorAction Stop } | Should -Throw -ErrorId "invalid_argument,$cmd"
        }

        It 'reports an address in use as out_of_mem' {
            $taken = New-MemoryMap -Anonymous -Size (2 * $g)
            { New-MirroredMap -Size $g -Address ([uint64]$taken.Address.ToInt64()) -ErrorAction Stop } | Should -Throw -ErrorId "out_of_mem,$cmd"
        }

        It 'places the whole range above 4 GiB with High' {
            $m = New-MirroredMap -Size $g -Placement High
            [uint64]$m.Address.ToInt64() | Should -BeGreaterOrEqual 0x100000000
        }
    }

    Context 'Path' {
        It 'creates and mirrors a file, ReadWrite by default' {
            $file = Join-Path $TestDrive 'ring.bin'
            $m = New-MirroredMap -Path $file -Size $g -Times 3
            (Get-Item $file).Length | Should -Be $g
            $m.Path | Should -Be $file
            $m.Size | Should -Be (3 * $g)
        }

        It 'binds a path from the pipeline' {
            $file = Join-Path $TestDrive 'piped.bin'
            ($file | New-MirroredMap -Size $g).Path | Should -Be $file
        }

        It 'reports a missing file with -Access Read as no_file' {
            { New-MirroredMap -Path (Join-Path $TestDrive 'none.bin') -Size $g -Access Read -ErrorAction Stop } | Should -Throw -ErrorId "no_file,$cmd"
        }
    }

    Context 'LiteralPath' {
        It 'binds Get-ChildItem output by PSPath' {
            $file = Join-Path $TestDrive 'odd[1].bin'
            Set-FileSize -LiteralPath $file -Size $g
            (Get-Item -LiteralPath $file | New-MirroredMap -Size $g).Path | Should -Be $file
        }
    }

    Context 'Tag' {
        BeforeEach {
            $tag = "mmap-p-$([guid]::NewGuid().ToString('N').Substring(0, 16))"
        }
        AfterEach {
            Get-MemoryMap -Tag $tag | Remove-MemoryMap -Unlink -ErrorAction SilentlyContinue
        }

        It 'mirrors a tag that a plain map of the same tag sees' {
            $m = New-MirroredMap -Tag $tag -Size $g
            $m.Tag | Should -Be $tag
            $plain = New-MemoryMap -Tag $tag -TagMode OpenExisting
            $m | Write-MemoryMap -String 'xy' -Offset ($g + 5)
            $plain | Read-MemoryMap -Offset 5 -Count 2 -AsString | Should -Be 'xy'
        }

        It 'reports CreateNew on an existing tag as already_exists' {
            $null = New-MirroredMap -Tag $tag -Size $g
            { New-MirroredMap -Tag $tag -Size $g -TagMode CreateNew -ErrorAction Stop } | Should -Throw -ErrorId "already_exists,$cmd"
        }

        It 'reports OpenExisting on a missing tag as no_file' {
            { New-MirroredMap -Tag $tag -Size $g -TagMode OpenExisting -ErrorAction Stop } | Should -Throw -ErrorId "no_file,$cmd"
        }
    }

    Context 'Pipeline and session' {
        It 'flows into Write-, Read-, Sync- and Remove-MemoryMap, which pass on the mirror itself' {
            $m = New-MirroredMap -Path (Join-Path $TestDrive 'flow.bin') -Size $g
            $passed = $m | Write-MemoryMap -Value ([byte[]](1, 2, 3)) -PassThru
            [object]::ReferenceEquals($passed, $m) | Should -BeTrue
            ($m | Read-MemoryMap -Count 3) | Should -Be ([byte[]](1, 2, 3))
            { $m | Sync-MemoryMap -ErrorAction Stop } | Should -Not -Throw
            $m | Remove-MemoryMap
            $m.IsDisposed | Should -BeTrue
        }

        It 'binds to every -InputObject by parameter too' {
            $m = New-MirroredMap -Size $g
            $passed = Write-MemoryMap -InputObject $m -Value ([byte[]](4, 5)) -Offset ($g - 1) -PassThru
            [object]::ReferenceEquals($passed, $m) | Should -BeTrue
            Read-MemoryMap -InputObject $m -Count 1 | Should -Be ([byte[]](5))
            [object]::ReferenceEquals((Sync-MemoryMap -InputObject $m -PassThru), $m) | Should -BeTrue
            Remove-MemoryMap -InputObject $m
            $m.IsDisposed | Should -BeTrue
        }

        It 'is a MemoryMap, listed by Get-MemoryMap as itself' {
            $m = New-MirroredMap -Size $g
            $m | Should -BeOfType Mmap.MemoryMap
            [object]::ReferenceEquals((Get-MemoryMap -Id $m.Id), $m) | Should -BeTrue
        }

        It 'is listed by Get-MemoryMap as a Mirror map' {
            $m = New-MirroredMap -Size $g
            $listed = Get-MemoryMap -Id $m.Id
            $listed.Kind | Should -Be 'Mirror'
            $listed.Times | Should -Be 2
        }

        It 'takes another map''s Address (an IntPtr) as -Address' {
            $taken = New-MemoryMap -Anonymous -Size $g
            { New-MirroredMap -Size $g -Address $taken.Address -ErrorAction Stop } | Should -Throw -ErrorId "out_of_mem,$cmd"
        }

        It 'writes nothing with -WhatIf into a mirror of a file or of anonymous memory' {
            $file = New-MirroredMap -Path (Join-Path $TestDrive "ask-$([guid]::NewGuid()).bin") -Size $g
            $anon = New-MirroredMap -Size $g
            Invoke-Hostless 'param($maps) $maps | Write-MemoryMap -Value ([byte[]](9)) -WhatIf' (, @($file, $anon))
            ($file | Read-MemoryMap -Count 1)[0] | Should -Be 0
            ($anon | Read-MemoryMap -Count 1)[0] | Should -Be 0
        }

        It 'creates or extends no file and maps nothing with -WhatIf' {
            $new = Join-Path $TestDrive "whatif-$([guid]::NewGuid()).bin"
            Invoke-Hostless 'param($p, $g) New-MirroredMap -Path $p -Size $g -WhatIf' $new, $g | Should -BeNullOrEmpty
            $new | Should -Not -Exist
            Set-FileSize -Path $new -Size 10
            Invoke-Hostless 'param($p, $g) New-MirroredMap -Path $p -Size $g -WhatIf' $new, $g | Should -BeNullOrEmpty
            (Get-Item $new).Length | Should -Be 10
            Get-MemoryMap | Should -BeNullOrEmpty
        }

        It 'says with -Verbose what it created and mapped' {
            $new = Join-Path $TestDrive "verbose-$([guid]::NewGuid()).bin"
            $lines = (New-MirroredMap -Path $new -Size $g -Verbose 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Message
            $m = Get-MemoryMap -Path $new
            $lines | Should -Contain "Created '$new' with $($g / 1KB) KiB ($g bytes)"
            $lines[-1] | Should -BeLike "Mapped 2 copies of * of file '$new' (ReadWrite, * at 0x$('{0:X}' -f $m.Address.ToInt64()), map #$($m.Id))"
        }

        It 'shows a mirror in the maps table with its copies, block and a hex address' {
            $m = New-MirroredMap -Size $g -Times 3
            $text = $m | Format-Table | Out-String
            $text | Should -Match 'Id\s+Kind\s+Access\s+Size\s+Address\s+Path/Tag'
            $text | Should -Match ('3 x ' + [regex]::Escape([Mmap.Commands.ViewFormat]::Size($g)))
            $text | Should -Match ('0x{0:X}' -f $m.Address.ToInt64())
        }
    }
}
