[System.Diagnostics.CodeAnalysis.SuppressMessageAttribute('PSUseDeclaredVarsMoreThanAssignments', '', Justification = 'Pester scoping: variables set in BeforeAll and BeforeEach are read in the It blocks, which this rule does not connect to them')]
param()

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'Support/Hostless.psm1')
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

        It 'lists the maps this session opened, not maps made from .NET code' {
            $direct = [Mmap.MemoryMap]::MapAnonymous(4096)
            try { (Get-MemoryMap).Id | Should -Not -Contain $direct.Id }
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

    Context 'Id from the pipeline and completion' {
        It 'binds the Id of piped maps and objects' {
            ($anon, $mapA | Get-MemoryMap).Id | Should -Be $anon.Id, $mapA.Id
            ([pscustomobject]@{ Id = $mapB.Id } | Get-MemoryMap).Id | Should -Be $mapB.Id
        }

        It 'completes the ids of this session''s maps, with their description as tooltip' {
            $line = 'Get-MemoryMap -Id '
            $found = (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches
            $found.CompletionText | Should -Be "$($mapA.Id)", "$($mapB.Id)", "$($anon.Id)"
            $found[0].ToolTip | Should -BeLike "map #$($mapA.Id) of '$a'*"
            $line = "Remove-MemoryMap -Id $($anon.Id)"
            (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -Contain "$($anon.Id)"
        }
    }

    Context 'Path' {
        It 'refuses a malformed pattern as invalid_argument, naming the fix, and still filters by the others' {
            $found = Get-MemoryMap -Path 'a[.bin', (Join-Path $TestDrive '*.bin') -ErrorVariable failed -ErrorAction SilentlyContinue
            $found.Id | Should -Be $mapA.Id
            $failed[0].FullyQualifiedErrorId | Should -Be "invalid_argument,$cmd"
            $failed[0].Exception.Message | Should -Match ([regex]::Escape("'a[.bin' is not a valid wildcard pattern (check its [ ] brackets). To match the characters as typed, escape them with backticks ('a``[.bin')."))
        }

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

        It 'completes the paths of the live maps, not the files of the current folder' {
            Push-Location $TestDrive
            try {
                $line = 'Get-MemoryMap -Path '
                $found = (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText
                $found | Should -Be $a, $b
                $line = 'Get-MemoryMap -Path b'
                (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -Be $b
            }
            finally { Pop-Location }
        }
    }

    Context 'LiteralPath' {
        It 'finds the map of a file whose name is a wildcard pattern, by its literal path' {
            $odd = Join-Path $TestDrive 'report[2026].bin'
            Set-FileSize -LiteralPath $odd -Size 4KB
            $map = New-MemoryMap -LiteralPath $odd
            (Get-MemoryMap -LiteralPath $odd -ErrorAction Stop).Id | Should -Be $map.Id
            (Get-Item -LiteralPath $odd | Get-MemoryMap).Id | Should -Be $map.Id
            Push-Location $TestDrive
            try { (Get-MemoryMap -LiteralPath './report[2026].bin').Id | Should -Be $map.Id } finally { Pop-Location }
            Get-MemoryMap -LiteralPath (Join-Path $TestDrive 'a*') | Should -BeNullOrEmpty
        }

        It 'completes the mapped paths unescaped for -LiteralPath, escaped for -Path' {
            $odd = Join-Path $TestDrive 'report[2026].bin'
            Set-FileSize -LiteralPath $odd -Size 4KB
            $null = New-MemoryMap -LiteralPath $odd
            $line = 'Get-MemoryMap -LiteralPath report'
            (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -Be $odd
            $line = 'Get-MemoryMap -Path report'
            (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -Be ([WildcardPattern]::Escape($odd))
        }
    }

    Context 'What the help says' {
        It 'lists this session''s maps only, as its help says: not a map .NET code made' {
            $help = (Get-Help Get-MemoryMap).Description.Text -join ' '
            $help | Should -BeLike '*this session*'
            $help | Should -BeLike '*does not list*MapFile*'
            $dotnet = [Mmap.MemoryMap]::MapFile($a)
            try {
                (Get-MemoryMap).Id | Should -Not -Contain $dotnet.Id
                [Mmap.MemoryMapRegistry]::GetLiveMaps().Id | Should -Contain $dotnet.Id
            }
            finally { $dotnet.Dispose() }
        }
    }

    Context 'Tag' {
        BeforeEach {
            $tag = "mmap-p-$([guid]::NewGuid().ToString('N').Substring(0, 16))"
            $shared = New-MemoryMap -Tag $tag -Size 4KB
            $mirror = New-MirroredMap -Tag "$tag-ring" -Size 4KB
        }
        AfterEach {
            Get-MemoryMap -Tag "$tag*" | Remove-MemoryMap -Unlink -ErrorAction SilentlyContinue
        }

        It 'filters shared maps and mirrors by tag, with wildcards' {
            (Get-MemoryMap -Tag $tag).Id | Should -Be $shared.Id
            (Get-MemoryMap -Tag "$tag*").Id | Should -Be $shared.Id, $mirror.Id
            (Get-MemoryMap -Tag "$tag-ring").Kind | Should -Be 'Mirror'
        }

        It 'never matches file or anonymous maps' {
            (Get-MemoryMap -Tag '*').Id | Should -Not -Contain $anon.Id
            (Get-MemoryMap -Tag '*').Id | Should -Not -Contain $mapA.Id
        }

        It 'refuses a malformed pattern as invalid_argument' {
            Get-MemoryMap -Tag 'x[' -ErrorVariable failed -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
            $failed[0].FullyQualifiedErrorId | Should -Be "invalid_argument,$cmd"
            $failed[0].TargetObject | Should -Be 'x['
        }

        It 'returns nothing when no tag matches' {
            Get-MemoryMap -Tag 'no-such-tag-*' | Should -BeNullOrEmpty
        }

        It 'shows the tag in the Path/Tag column' {
            Get-MemoryMap -Tag $tag | Format-Table | Out-String -Width 200 | Should -Match ([regex]::Escape($tag))
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

        It 'says with -Verbose what it freed' {
            ($map | Remove-MemoryMap -Verbose 4>&1 | Where-Object Message -like 'Freed*').Message |
                Should -Be "Freed map #$($map.Id) (Anonymous, ReadWrite, 4 KiB)"
        }

        It 'frees nothing with -WhatIf' {
            Invoke-Hostless 'param($m) $m | Remove-MemoryMap -WhatIf' $map
            $map.IsDisposed | Should -BeFalse
        }
    }

    Context 'Id' {
        It 'frees maps by id' {
            Remove-MemoryMap -Id $map.Id
            $map.IsDisposed | Should -BeTrue
        }

        It 'frees maps by the Id of piped objects' {
            [pscustomobject]@{ Id = $map.Id } | Remove-MemoryMap
            $map.IsDisposed | Should -BeTrue
        }

        It 'reports an unknown id as map_not_found' {
            { Remove-MemoryMap -Id 999999 -ErrorAction Stop } | Should -Throw -ErrorId "map_not_found,$cmd"
        }
    }

    Context 'Unlink' {
        BeforeEach {
            $tag = "mmap-p-$([guid]::NewGuid().ToString('N').Substring(0, 16))"
            $shared = New-MemoryMap -Tag $tag -Size 4KB
        }
        AfterEach {
            Get-MemoryMap -Tag $tag | Remove-MemoryMap
            # The tag is gone already when the It unlinked it.
            try { [Mmap.SharedMemory]::Unlink($tag) } catch { Write-Verbose "Tag $tag was unlinked already: $_" }
        }

        It 'frees the map and removes the tag' {
            $shared | Remove-MemoryMap -Unlink
            $shared.IsDisposed | Should -BeTrue
            { New-MemoryMap -Tag $tag -TagMode OpenExisting -ErrorAction Stop } | Should -Throw -ErrorId 'no_file,Mmap.Commands.NewMemoryMapCommand'
        }

        It 'keeps the map and the tag with -WhatIf, naming the tag' {
            Invoke-Hostless 'param($m) $m | Remove-MemoryMap -Unlink -WhatIf' $shared
            $shared.IsDisposed | Should -BeFalse
            { New-MemoryMap -Tag $tag -TagMode OpenExisting -ErrorAction Stop } | Should -Not -Throw
        }

        It 'unlinks a tag once however many of its maps are piped in' {
            $second = New-MemoryMap -Tag $tag -TagMode OpenExisting
            { $shared, $second | Remove-MemoryMap -Unlink -ErrorAction Stop } | Should -Not -Throw
            $second.IsDisposed | Should -BeTrue
        }

        It 'unlinks the tag of a mirror' {
            $ring = New-MirroredMap -Tag "$tag-r" -Size 4KB
            $ring | Remove-MemoryMap -Unlink
            { New-MemoryMap -Tag "$tag-r" -TagMode OpenExisting -ErrorAction Stop } | Should -Throw -ErrorId 'no_file,Mmap.Commands.NewMemoryMapCommand'
        }

        It 'refuses a map without a tag as invalid_argument and leaves it open' {
            { $map | Remove-MemoryMap -Unlink -ErrorAction Stop } | Should -Throw -ErrorId "invalid_argument,$cmd"
            $map.IsDisposed | Should -BeFalse
        }

        It 'reports a tag removed meanwhile as no_file after freeing the map' {
            [Mmap.SharedMemory]::Unlink($tag)
            { $shared | Remove-MemoryMap -Unlink -ErrorAction Stop } | Should -Throw -ErrorId "no_file,$cmd"
            $shared.IsDisposed | Should -BeTrue
        }
    }
}
