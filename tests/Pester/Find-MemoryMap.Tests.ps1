[System.Diagnostics.CodeAnalysis.SuppressMessageAttribute('PSUseDeclaredVarsMoreThanAssignments', '', Justification = 'Pester scoping: variables set in BeforeAll and BeforeEach are read in the It blocks, which this rule does not connect to them')]
param()

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'Support/Hostless.psm1')
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

        It 'refuses a match of another map, -Tail with a match and a range past the end, and writes nothing' {
            $match = Find-MemoryMap $map -String 'MARK'
            $rw = New-MemoryMap -Anonymous -Size 64KB
            $read = 'Mmap.Commands.ReadMemoryMapCommand'
            $write = 'Mmap.Commands.WriteMemoryMapCommand'
            { $rw | Read-MemoryMap -Match $match -Count 4 -ErrorAction Stop } | Should -Throw -ErrorId "invalid_argument,$read"
            { $rw | Write-MemoryMap -Match $match -String 'x' -ErrorAction Stop } | Should -Throw -ErrorId "invalid_argument,$write"
            { $rw | Write-MemoryMap -Match $match -String 'x' -ErrorAction Stop } | Should -Throw '*found in map #*, not in map #*'
            { $match | Read-MemoryMap -Tail 4 -ErrorAction Stop } | Should -Throw -ErrorId "invalid_argument,$read"
            { $match | Read-MemoryMap -Offset 70000 -Count 1 -ErrorAction Stop } | Should -Throw -ErrorId "invalid_argument,$read"
            { $match | Read-MemoryMap -Offset ([long]::MaxValue) -Count 1 -ErrorAction Stop } | Should -Throw '*counts from the match at offset 105*'
            $rwMatch = $rw | Write-MemoryMap -String 'END' -Offset (64KB - 3) -PassThru | Find-MemoryMap -String 'END'
            { $rwMatch | Write-MemoryMap -String 'ENDS' -ErrorAction Stop } | Should -Throw -ErrorId "invalid_argument,$write"
            ($rw | Read-MemoryMap -Tail 4 -AsString) | Should -Be "`0END"
            ($rw | Find-MemoryMap -String 'x') | Should -BeNullOrEmpty
            { Find-MemoryMap $map -String 'MARK' | Read-MemoryMap -Match 'not a match' -ErrorAction Stop } | Should -Throw -ErrorId 'CannotConvertArgumentNoMessage,*'
        }

        It 'reports a file cut short by another process as file_too_short, not a crash' {
            $stream = [IO.File]::Open($file, 'Open', 'ReadWrite', 'ReadWrite')
            try { $stream.SetLength(4KB) } finally { $stream.Dispose() }
            { $map | Find-MemoryMap -String 'MARK' -Last -ErrorAction Stop } | Should -Throw -ErrorId "file_too_short,$cmd"
        }
    }

    Context 'Matches flow on' {
        It 'reads at each piped match, -Offset counting from its start' {
            (Find-MemoryMap $map -String 'MARK' -All | Read-MemoryMap -Count 4 -AsString) | Should -Be 'MARK', 'MARK', 'MARK', 'MARK'
            (Find-MemoryMap $map -String 'MARK' | Read-MemoryMap -Offset 5 -Count 3 -AsString) | Should -Be 'one'
            (Find-MemoryMap $map -String 'MARK' -Last | Read-MemoryMap -Offset 5 -AsString) | Should -Be 'last'
            (Find-MemoryMap $map -String 'id=' | Read-MemoryMap -Offset 3 -Type Byte) | Should -Be ([byte][char]'1')
            (Find-MemoryMap $map -String 'MARK' | Read-MemoryMap -Offset 4 -Type UInt16 -ByteOrder BigEndian) | Should -Be 0x206F
        }

        It 'writes at each piped match, each checked by -Expect at its own offset' {
            $rw = New-MemoryMap -Anonymous -Size 4KB
            foreach ($at in 64, 640, 1280) { $rw | Write-MemoryMap -String 'count=0' -Offset $at }
            $rw | Write-MemoryMap -String '9' -Offset 646
            $written = Find-MemoryMap $rw -String 'count=' -All | Write-MemoryMap -String '1' -Offset 6 -Expect '0' -PassThru -ErrorVariable failed -ErrorAction SilentlyContinue
            @($written).Count | Should -Be 2
            $failed.FullyQualifiedErrorId | Should -Be 'unexpected_content,Mmap.Commands.WriteMemoryMapCommand'
            $failed.Exception.Message | Should -Match 'offset 646'
            (Find-MemoryMap $rw -String 'count=' -All | Read-MemoryMap -Count 7 -AsString) | Should -Be 'count=1', 'count=9', 'count=1'
        }

        It 'changes nothing with -WhatIf, and says where it wrote with -Verbose' {
            $rw = New-MemoryMap -Anonymous -Size 4KB
            foreach ($at in 64, 640) { $rw | Write-MemoryMap -String 'ERR' -Offset $at }
            $before = $rw | Read-MemoryMap
            Invoke-Hostless 'param($m) Find-MemoryMap $m -String ''ERR'' -All | Write-MemoryMap -Value ([byte[]][char[]]''WRN'') -WhatIf' $rw
            ($rw | Read-MemoryMap) | Should -Be $before
            $said = Find-MemoryMap $rw -String 'ERR' -All | Write-MemoryMap -Value ([byte[]][char[]]'WRN') -Verbose 4>&1
            $said.Message | Should -Contain "Wrote 3 bytes at offset 64 of map #$($rw.Id)"
            $said.Message | Should -Contain "Wrote 3 bytes at offset 640 of map #$($rw.Id)"
        }

        It 'takes the match by name beside its map, and the map positionally in Find-MemoryMap' {
            $match = Find-MemoryMap $map -Pattern ([byte[]][char[]]'MARK') -Last
            Read-MemoryMap -InputObject $match.Map -Match $match -Count 9 -AsString | Should -Be 'MARK last'
            (Find-MemoryMap $map -String 'one').Offset | Should -Be 110
        }

        It 'still reads a piped map at -Offset in the map, not at its Offset in the file' {
            $tail = New-MemoryMap -Path $file -Offset 4KB
            $tail.Offset | Should -Be 4KB
            ($tail | Read-MemoryMap -Offset (5000 - 4KB) -Count 8 -AsString) | Should -Be 'MARKMARK'
            ($tail | Read-MemoryMap -Count 1) | Should -Be 0
        }

        It 'gives a match''s map only to Update-MemoryMapValue, whose -Offset is always given' {
            $rw = New-MemoryMap -Anonymous -Size 4KB
            $rw | Write-MemoryMap -String 'counter' -Offset 64
            Find-MemoryMap $rw -String 'counter' | Update-MemoryMapValue 8 -Add 5 | Should -Be 5
            ($rw | Read-MemoryMap -Offset 8 -Type Int64) | Should -Be 5
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
