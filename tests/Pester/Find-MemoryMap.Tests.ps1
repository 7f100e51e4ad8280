[System.Diagnostics.CodeAnalysis.SuppressMessageAttribute('PSUseDeclaredVarsMoreThanAssignments', '', Justification = 'Pester scoping: variables set in BeforeAll and BeforeEach are read in the It blocks, which this rule does not connect to them')]
param()

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot '../../out/Mmap')
    $cmd = 'Mmap.Commands.FindMemoryMapCommand'
}

Describe 'Find-MemoryMap' {
    BeforeEach {
        $file = Join-Path $TestDrive 'find.bin'
        $bytes = [byte[]]::new(64KB)
        [Text.Encoding]::ASCII.GetBytes('id=1 MARK one').CopyTo($bytes, 100)
        [Text.Encoding]::ASCII.GetBytes('MARKMARK').CopyTo($bytes, 5000)
        [Text.Encoding]::ASCII.GetBytes('MARK last').CopyTo($bytes, 64KB - 9)
        [IO.File]::WriteAllBytes($file, $bytes)
        $map = New-MemoryMap -Path $file
    }
    AfterEach {
        Get-MemoryMap | Remove-MemoryMap
    }

    Context 'Bytes (-Pattern)' {
        It 'outputs the first match with its map, offset, length and context' {
            $match = $map | Find-MemoryMap -Pattern ([byte[]][char[]]'MARK')
            $match.GetType().FullName | Should -Be 'Mmap.Commands.MapMatch'
            $match.Map.Id | Should -Be $map.Id
            $match.Offset | Should -Be 105
            $match.Length | Should -Be 4
            $match.ContextOffset | Should -Be 97
            [Text.Encoding]::ASCII.GetString($match.Context) | Should -Be "`0`0`0id=1 MARK one"
        }

        It 'takes -Pattern by position' {
            ($map | Find-MemoryMap ([byte[]](0x6F, 0x6E, 0x65))).Offset | Should -Be 110
        }

        It 'outputs every match with -All, without overlaps, and from the last with -Last' {
            ($map | Find-MemoryMap ([byte[]][char[]]'MARK') -All).Offset | Should -Be 105, 5000, 5004, (64KB - 9)
            ($map | Find-MemoryMap ([byte[]][char[]]'MARK') -Last).Offset | Should -Be (64KB - 9)
            ($map | Find-MemoryMap ([byte[]][char[]]'MARK') -Last -All).Offset | Should -Be (64KB - 9), 5004, 5000, 105
            ($map | Find-MemoryMap ([byte[]][char[]]'KM') -All).Offset | Should -Be 5003
        }

        It 'searches only the range of -Offset and -Count, matches wholly inside it' {
            ($map | Find-MemoryMap ([byte[]][char[]]'MARK') -Offset 106 -All).Offset | Should -Be 5000, 5004, (64KB - 9)
            ($map | Find-MemoryMap ([byte[]][char[]]'MARK') -Offset 0 -Count 108) | Should -BeNullOrEmpty
            ($map | Find-MemoryMap ([byte[]][char[]]'MARK') -Offset 0 -Count 109).Offset | Should -Be 105
        }

        It 'outputs nothing, and no error, when nothing matches' {
            $map | Find-MemoryMap ([byte[]](1, 2, 3)) -All -ErrorVariable failed | Should -BeNullOrEmpty
            $failed | Should -BeNullOrEmpty
        }

        It 'searches each map from the pipeline' {
            $other = New-MemoryMap -Anonymous -Size 4KB
            $other | Write-MemoryMap -String 'MARK' -Offset 7
            ($map, $other | Find-MemoryMap ([byte[]][char[]]'MARK')).Offset | Should -Be 105, 7
        }

        It 'says with -Verbose what it searched and found' {
            ($map | Find-MemoryMap ([byte[]][char[]]'MARK') -All -Verbose 4>&1 | Where-Object { $_ -is [Management.Automation.VerboseRecord] }).Message |
                Should -Be "Searched 64 KiB (65536 bytes) at offset 0 of map #$($map.Id) for 4 bytes: 4 matches"
        }
    }

    Context 'String (-String, -Encoding)' {
        It 'finds UTF-8 text by default' {
            ($map | Find-MemoryMap -String 'id=1').Offset | Should -Be 100
        }

        It 'encodes the text with -Encoding' {
            $wide = New-MemoryMap -Anonymous -Size 4KB
            $wide | Write-MemoryMap -Value ([Text.Encoding]::Unicode.GetBytes('wide')) -Offset 40
            ($wide | Find-MemoryMap -String 'wide' -Encoding unicode).Offset | Should -Be 40
            $wide | Find-MemoryMap -String 'wide' | Should -BeNullOrEmpty
        }
    }

    Context 'Past 4 GiB' {
        It 'finds a marker 13 bytes past 5 GiB in a sparse file' {
            $big = Join-Path $TestDrive 'big.bin'
            Set-FileSize -Path $big -Size 6GB -Sparse
            $disk = New-MemoryMap -Path $big -Access ReadWrite
            $disk | Write-MemoryMap -String 'FAR-MARKER' -Offset (5GB + 13)
            ($disk | Find-MemoryMap -String 'FAR-MARKER' -Offset (5GB - 1MB) -Count 2MB).Offset | Should -Be (5GB + 13)
            ($disk | Find-MemoryMap -String 'FAR-MARKER' -Offset (5GB) -Count 1MB -Last).Offset | Should -Be (5GB + 13)
        }
    }

    Context 'Bad input: a clear error, nothing found, the next map searched' {
        It 'refuses a range outside the map as invalid_argument' {
            { $map | Find-MemoryMap -String 'MARK' -Offset 70000 -ErrorAction Stop } | Should -Throw -ErrorId "invalid_argument,$cmd"
            { $map | Find-MemoryMap -String 'MARK' -Offset 0 -Count 70000 -ErrorAction Stop } | Should -Throw -ErrorId "invalid_argument,$cmd"
            { $map | Find-MemoryMap -String 'MARK' -Offset 65535 -Count 1 -ErrorAction Stop } | Should -Not -Throw
        }

        It 'refuses empty patterns and negative ranges when binding' {
            { $map | Find-MemoryMap -Pattern @() -ErrorAction Stop } | Should -Throw -ErrorId 'ParameterArgumentValidationErrorEmptyArrayNotAllowed,*'
            { $map | Find-MemoryMap -String '' -ErrorAction Stop } | Should -Throw -ErrorId 'ParameterArgumentValidationErrorEmptyStringNotAllowed,*'
            { $map | Find-MemoryMap -String 'x' -Offset -1 -ErrorAction Stop } | Should -Throw -ErrorId "ParameterArgumentValidationError,$cmd"
            { $map | Find-MemoryMap -String 'x' -Count -1 -ErrorAction Stop } | Should -Throw -ErrorId "ParameterArgumentValidationError,$cmd"
        }

        It 'reports a freed map as map_freed and searches the next one' {
            $other = New-MemoryMap -Anonymous -Size 4KB
            $other | Write-MemoryMap -String 'MARK'
            $map | Remove-MemoryMap
            $found = $map, $other | Find-MemoryMap -String 'MARK' -ErrorVariable failed -ErrorAction SilentlyContinue
            $failed.FullyQualifiedErrorId | Should -Be "map_freed,$cmd"
            $found.Offset | Should -Be 0
        }

        It 'reports a file cut short by another process as file_too_short, not a crash' {
            $stream = [IO.File]::Open($file, 'Open', 'ReadWrite', 'ReadWrite')
            try { $stream.SetLength(4KB) } finally { $stream.Dispose() }
            { $map | Find-MemoryMap -String 'MARK' -Last -ErrorAction Stop } | Should -Throw -ErrorId "file_too_short,$cmd"
        }
    }

    Context 'Matches flow on' {
        It 'binds its map by property name, so a match pipes into the map cmdlets' {
            $rw = New-MemoryMap -Anonymous -Size 4KB
            $rw | Write-MemoryMap -String 'count=0' -Offset 64
            $match = $rw | Find-MemoryMap -String 'count='
            $match | Write-MemoryMap -String 'COUNT' -Offset $match.Offset
            ($match | Read-MemoryMap -Offset $match.Offset -Count 7 -AsString) | Should -Be 'COUNT=0'
            ($match | Find-MemoryMap -String 'COUNT').Offset | Should -Be 64
        }

        It 'survives Format-List *, Select-Object * and ConvertTo-Json' {
            $match = $map | Find-MemoryMap -String 'MARK'
            { $match | Format-List * | Out-String } | Should -Not -Throw
            ($match | Select-Object *).Offset | Should -Be 105
            ($match | ConvertTo-Json -Depth 1 -WarningAction SilentlyContinue | ConvertFrom-Json).Offset | Should -Be 105
        }
    }

    Context 'A long search' {
        It 'shows progress after a second and stops within a second of Ctrl+C' {
            # 16 GiB of untouched anonymous memory reads as the zero page: seconds of searching, no memory used.
            $huge = New-MemoryMap -Anonymous -Size 16GB
            $ps = [powershell]::Create()
            try {
                $null = $ps.AddScript({ param($m, $module) Import-Module $module; $m | Find-MemoryMap -String 'never there' }).
                    AddArgument($huge).AddArgument((Get-Module Mmap).Path)
                $running = $ps.BeginInvoke()
                $deadline = [DateTime]::UtcNow.AddMinutes(2)
                while ($ps.Streams.Progress.Count -eq 0 -and -not $running.IsCompleted -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 50 }
                $ps.Streams.Progress.Count | Should -BeGreaterThan 0 -Because 'a search longer than a second shows progress'
                $ps.Streams.Progress[0].Activity | Should -BeLike "Searching map #$($huge.Id) for 11 bytes"
                $clock = [Diagnostics.Stopwatch]::StartNew()
                $ps.Stop()
                $clock.Elapsed.TotalSeconds | Should -BeLessThan 1
                $ps.InvocationStateInfo.State | Should -Be 'Stopped'
            }
            finally { $ps.Dispose() }
        }
    }
}
