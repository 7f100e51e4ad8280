[System.Diagnostics.CodeAnalysis.SuppressMessageAttribute('PSUseDeclaredVarsMoreThanAssignments', '', Justification = 'Pester scoping: variables set in BeforeAll and BeforeEach are read in the It blocks, which this rule does not connect to them')]
param()

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'Support/Hostless.psm1')
    Import-Module (Join-Path $PSScriptRoot '../../out/Mmap')
}

Describe 'Read-MemoryMap' {
    BeforeAll {
        $cmd = 'Mmap.Commands.ReadMemoryMapCommand'
    }
    BeforeEach {
        $data = Join-Path $TestDrive 'read.bin'
        [IO.File]::WriteAllBytes($data, [Text.Encoding]::UTF8.GetBytes('héllo, world'))
        $map = New-MemoryMap -Path $data
    }
    AfterEach {
        Get-MemoryMap | Remove-MemoryMap
    }

    Context 'Bytes' {
        It 'returns one byte[] for the whole map' {
            $bytes = $map | Read-MemoryMap
            $bytes.GetType() | Should -Be ([byte[]])
            $bytes.Length | Should -Be 13
        }

        It 'returns exactly -Count bytes at -Offset as one array, not a stream' {
            $result = @($map | Read-MemoryMap -Offset 8 -Count 5)
            $result.Count | Should -Be 1
            [Text.Encoding]::UTF8.GetString($result[0]) | Should -Be 'world'
        }

        It 'takes -Offset and -Count by position' {
            [Text.Encoding]::UTF8.GetString(($map | Read-MemoryMap 8 5)) | Should -Be 'world'
        }

        It 'reads each map from the pipeline' {
            $other = New-MemoryMap -Anonymous -Size 4KB
            @($map, $other | Read-MemoryMap -Count 2).Count | Should -Be 2
        }

        It 'refuses a range outside the map' {
            { $map | Read-MemoryMap -Offset 10 -Count 10 -ErrorAction Stop } | Should -Throw -ErrorId "invalid_argument,$cmd"
        }

        It 'refuses a -Count beyond the largest byte[] as invalid_argument per map, and reads the next map' {
            $other = New-MemoryMap -Anonymous -Size 4KB
            $read = $map, $other | Read-MemoryMap -Count 3GB -ErrorVariable failed -ErrorAction SilentlyContinue
            $read | Should -BeNullOrEmpty
            $failed.Count | Should -Be 2
            $failed[0].FullyQualifiedErrorId | Should -Be "invalid_argument,$cmd"
            $failed[0].Exception.Message | Should -BeLike '*more than one byte`[`] can hold (2147483591 bytes)*step -Offset*'
            @($map, $other | Read-MemoryMap -Count 2).Count | Should -Be 2
        }

        It 'refuses a -Count beyond the map as invalid_argument, saying the map''s size' {
            $map | Read-MemoryMap -Count 1GB -ErrorVariable failed -ErrorAction SilentlyContinue
            $map | Read-MemoryMap -Count 14 -ErrorVariable +failed -ErrorAction SilentlyContinue
            $failed.FullyQualifiedErrorId | Should -Be "invalid_argument,$cmd", "invalid_argument,$cmd"
            $failed.Exception.Message | ForEach-Object { $_ | Should -BeLike '*the map holds 13 bytes*' }
        }

        It 'refuses an offset past the end' {
            { $map | Read-MemoryMap -Offset 100 -ErrorAction Stop } | Should -Throw -ErrorId "invalid_argument,$cmd"
        }

        It 'reports a freed map as map_freed' {
            $map | Remove-MemoryMap
            { $map | Read-MemoryMap -ErrorAction Stop } | Should -Throw -ErrorId "map_freed,$cmd"
        }

        It 'reports a file truncated behind the map as file_too_short' {
            $big = Join-Path $TestDrive 'big.bin'
            Set-FileSize -Path $big -Size 64KB
            $bigMap = New-MemoryMap -Path $big
            # Another process shrinks the file; this one must get an error, not SIGBUS.
            $stream = [IO.File]::Open($big, 'Open', 'ReadWrite', 'ReadWrite')
            try { $stream.SetLength(0) } finally { $stream.Dispose() }
            { $bigMap | Read-MemoryMap -Offset 60000 -Count 4 -ErrorAction Stop } | Should -Throw -ErrorId "file_too_short,$cmd"
        }

        It 'validates -Offset and -Count' {
            { $map | Read-MemoryMap -Offset -1 -ErrorAction Stop } | Should -Throw -ErrorId "ParameterArgumentValidationError,$cmd"
            { $map | Read-MemoryMap -Count -1 -ErrorAction Stop } | Should -Throw -ErrorId "ParameterArgumentValidationError,$cmd"
        }

        It 'says with -Verbose what it read' {
            ($map | Read-MemoryMap -Offset 8 -Count 5 -Verbose 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Message |
                Should -Be "Read 5 bytes at offset 8 of map #$($map.Id)"
        }
    }

    Context 'String' {
        It 'decodes UTF-8 by default' {
            $map | Read-MemoryMap -AsString | Should -Be 'héllo, world'
        }

        It 'decodes with -Encoding' {
            $map | Read-MemoryMap -Count 3 -AsString -Encoding latin1 | Should -Be ([Text.Encoding]::GetEncoding(28591).GetString([byte[]](0x68, 0xC3, 0xA9)))
        }

        It 'takes an [Encoding], a name or a code page as -Encoding, like the built-in cmdlets' {
            $latin1 = [Text.Encoding]::GetEncoding(28591).GetString([byte[]](0x68, 0xC3, 0xA9))
            $map | Read-MemoryMap -Count 3 -AsString -Encoding ([Text.Encoding]::GetEncoding(28591)) | Should -Be $latin1
            $map | Read-MemoryMap -Count 3 -AsString -Encoding 28591 | Should -Be $latin1
            $map | Read-MemoryMap -Count 3 -AsString -Encoding '28591' | Should -Be $latin1
            $map | Read-MemoryMap -Count 3 -AsString -Encoding iso-8859-1 | Should -Be $latin1
            (Get-Command Read-MemoryMap).Parameters.Encoding.ParameterType | Should -Be ([Text.Encoding])
        }

        It 'stops at binding on an unknown encoding, listing the known names (as Get-Content does)' {
            $thrown = { $map | Read-MemoryMap -AsString -Encoding klingon -ErrorAction Stop } | Should -Throw -ErrorId "ParameterArgumentTransformationError,$cmd" -PassThru
            $thrown.Exception.Message | Should -BeLike "*'klingon' is not an encoding*utf8NoBOM*bigendianunicode*"
            $thrown.Exception.InnerException.InnerException.Code | Should -Be 'invalid_argument'
        }

        It 'completes encoding names' {
            $line = 'Read-MemoryMap -AsString -Encoding bigendian'
            $names = (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText
            $names | Should -Contain 'bigendianunicode'
            $names | Should -Contain 'bigendianutf32'
        }
    }
}

Describe 'Write-MemoryMap' {
    BeforeAll {
        $cmd = 'Mmap.Commands.WriteMemoryMapCommand'
    }
    BeforeEach {
        # A new file per test: a file left by the previous test would carry its bytes into this one.
        $file = Join-Path $TestDrive "write-$([guid]::NewGuid()).bin"
        Set-FileSize -Path $file -Size 4KB
        $map = New-MemoryMap -Path $file -Access ReadWrite
    }
    AfterEach {
        Get-MemoryMap | Remove-MemoryMap
    }

    Context 'Bytes' {
        It 'writes bytes at an offset into the file' {
            $map | Write-MemoryMap -Value ([byte[]](1, 2, 3)) -Offset 100
            $map | Sync-MemoryMap
            [IO.File]::ReadAllBytes($file)[100..102] | Should -Be 1, 2, 3
        }

        It 'takes -Value and -Offset by position' {
            $map | Write-MemoryMap ([byte[]](9, 8)) 10
            ($map | Read-MemoryMap 10 2) | Should -Be 9, 8
        }

        It 'passes the map on with -PassThru' {
            $out = $map | Write-MemoryMap -Value ([byte[]](7)) -PassThru
            $out.Id | Should -Be $map.Id
        }

        It 'changes nothing with -WhatIf on a file map' {
            Invoke-Hostless 'param($m) $m | Write-MemoryMap -Value ([byte[]](5, 5)) -WhatIf' $map
            ($map | Read-MemoryMap -Count 2) | Should -Be 0, 0
        }

        It 'changes nothing with -WhatIf on a tag, which other processes see' {
            $tag = "mmap-p-$([guid]::NewGuid().ToString('N').Substring(0, 16))"
            $shared = New-MemoryMap -Tag $tag -Size 4KB
            try {
                Invoke-Hostless 'param($m) $m | Write-MemoryMap -Value ([byte[]](5, 5)) -WhatIf' $shared
                ($shared | Read-MemoryMap -Count 2) | Should -Be 0, 0
            }
            finally { $shared | Remove-MemoryMap -Unlink }
        }

        It 'changes nothing with -WhatIf in anonymous, copy-on-write or mirrored memory either' {
            $anon = New-MemoryMap -Anonymous -Size 4KB
            $cow = New-MemoryMap -Path $file -Access CopyOnWrite
            $ring = New-MirroredMap -Size 4KB
            Invoke-Hostless 'param($maps) $maps | Write-MemoryMap -Value ([byte[]](4)) -WhatIf' (, @($anon, $cow, $ring))
            $anon, $cow, $ring | ForEach-Object { ($_ | Read-MemoryMap -Count 1)[0] } | Should -Be 0, 0, 0
        }

        It 'writes into any map without asking at $ConfirmPreference Medium: its impact is Low' {
            $anon = New-MemoryMap -Anonymous -Size 4KB
            & {
                $ConfirmPreference = 'Medium'
                $anon | Write-MemoryMap -Value ([byte[]](4))
                $anon, $map | Write-MemoryMap -Value ([byte[]](3))
            }
            ($anon | Read-MemoryMap -Count 1) | Should -Be 3
            ($map | Read-MemoryMap -Count 1) | Should -Be 3
            (Get-Command Write-MemoryMap).ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false).ConfirmImpact |
                Should -Be 'Low'
        }

        It 'says with -Verbose what it wrote where' {
            ($map | Write-MemoryMap -Value ([byte[]](1, 2, 3, 4, 5)) -Offset 16 -Verbose 4>&1).Message |
                Should -Contain "Wrote 5 bytes at offset 16 of map #$($map.Id)"
        }

        It 'takes an empty -Value as a write of nothing that succeeds, and still passes the map on' {
            $map | Write-MemoryMap -Value ([byte[]](9)) -Offset 0
            $out = $map | Write-MemoryMap -Value @() -Offset 0 -PassThru -ErrorAction Stop
            $out.Id | Should -Be $map.Id
            ($map | Read-MemoryMap -Count 1) | Should -Be 9
            { $map | Write-MemoryMap -Value ([byte[]]::new(0)) -Offset 4096 -ErrorAction Stop } | Should -Not -Throw
        }

        It 'still refuses a null -Value' {
            { $map | Write-MemoryMap -Value $null -ErrorAction Stop } | Should -Throw -ErrorId 'ParameterArgumentValidationError*'
        }


        It 'refuses a write past the end' {
            { $map | Write-MemoryMap -Value ([byte[]](1, 2)) -Offset 4095 -ErrorAction Stop } | Should -Throw -ErrorId "invalid_argument,$cmd"
        }

        It 'refuses a read-only map as access_denied' {
            $ro = New-MemoryMap -Path $file
            { $ro | Write-MemoryMap -Value ([byte[]](1)) -ErrorAction Stop } | Should -Throw -ErrorId "access_denied,$cmd"
        }

        It 'reports a freed map as map_freed, naming it as the target' {
            $map | Remove-MemoryMap
            $map | Write-MemoryMap -Value ([byte[]](1)) -ErrorVariable errors -ErrorAction SilentlyContinue
            $errors[0].FullyQualifiedErrorId | Should -Be "map_freed,$cmd"
            $errors[0].CategoryInfo.Category | Should -Be 'InvalidOperation'
            $errors[0].TargetObject.Id | Should -Be $map.Id
        }
    }

    Context 'String' {
        It 'writes UTF-8 without a byte-order mark by default' {
            $map | Write-MemoryMap -String 'hé' -Offset 0
            ($map | Read-MemoryMap -Count 4) | Should -Be 0x68, 0xC3, 0xA9, 0
        }

        It 'writes with -Encoding' {
            $map | Write-MemoryMap -String 'hi' -Encoding unicode
            ($map | Read-MemoryMap -Count 4) | Should -Be 0x68, 0, 0x69, 0
        }

        It 'round-trips through Read-MemoryMap -AsString' {
            $map | Write-MemoryMap -String 'status: ok' -Offset 64
            $map | Read-MemoryMap -Offset 64 -Count 10 -AsString | Should -Be 'status: ok'
        }

        It 'writes with an [Encoding] or a code page' {
            $map | Write-MemoryMap -String 'hi' -Encoding ([Text.Encoding]::BigEndianUnicode)
            ($map | Read-MemoryMap -Count 4) | Should -Be 0, 0x68, 0, 0x69
            $map | Write-MemoryMap -String 'hi' -Encoding 1200
            ($map | Read-MemoryMap -Count 4) | Should -Be 0x68, 0, 0x69, 0
        }

        It 'stops at binding on an unknown encoding, before writing anything' {
            { $map | Write-MemoryMap -String 'x' -Encoding klingon -ErrorAction Stop } | Should -Throw -ErrorId "ParameterArgumentTransformationError,$cmd"
            { $map | Write-MemoryMap -String 'x' -Encoding 99999 -ErrorAction Stop } | Should -Throw -ErrorId "ParameterArgumentTransformationError,$cmd"
            ($map | Read-MemoryMap -Count 1) | Should -Be 0
        }

        It 'changes nothing with -WhatIf' {
            Invoke-Hostless 'param($m) $m | Write-MemoryMap -String zz -WhatIf' $map
            ($map | Read-MemoryMap -Count 2) | Should -Be 0, 0
        }
    }
}

Describe 'Reading and writing as a PowerShell user does' {
    BeforeEach {
        $file = Join-Path $TestDrive "user-$([guid]::NewGuid()).bin"
        [IO.File]::WriteAllBytes($file, [byte[]](1..16))
        $src = New-MemoryMap -Path $file
        $dst = New-MemoryMap -Anonymous -Size 4KB
    }
    AfterEach {
        Get-MemoryMap | Remove-MemoryMap
    }

    It 'reads and writes bytes under the profile line about_Character_Encoding recommends ($PSDefaultParameterValues[''*:Encoding''])' {
        $PSDefaultParameterValues = @{ '*:Encoding' = 'utf8' }
        $bytes = $src | Read-MemoryMap -Count 4 -ErrorAction Stop
        $bytes | Should -Be 1, 2, 3, 4
        $dst | Write-MemoryMap -Value ([byte[]](9, 9)) -ErrorAction Stop
        ($dst | Read-MemoryMap -Count 2) | Should -Be 9, 9
        $dst | Write-MemoryMap -String 'é' -Offset 8 -ErrorAction Stop
        $dst | Read-MemoryMap -Offset 8 -Count 2 -AsString | Should -Be 'é'
    }

    It 'takes piped bytes as the data: one byte[] from Read-MemoryMap copies, chunks land one after another' {
        $src | Read-MemoryMap -Count 4 | Write-MemoryMap -InputObject $dst -Offset 8 -ErrorAction Stop
        ($dst | Read-MemoryMap -Offset 8 -Count 4) | Should -Be 1, 2, 3, 4
        $src | Read-MemoryMap -Offset 4 -Count 2 | Write-MemoryMap -InputObject $dst -Offset 8
        ($dst | Read-MemoryMap -Offset 8 -Count 4) | Should -Be 5, 6, 3, 4
        ([byte[]](7, 8)), ([byte[]](9)) | Write-MemoryMap -InputObject $dst -Offset 100
        ($dst | Read-MemoryMap -Offset 100 -Count 3) | Should -Be 7, 8, 9
        [byte[]](4, 5, 6) | Write-MemoryMap -InputObject $dst -Offset 200   # enumerated: one byte per item
        ($dst | Read-MemoryMap -Offset 200 -Count 3) | Should -Be 4, 5, 6
    }

    It 'drops a UTF-8 byte-order mark at offset 0 with -AsString, as Get-Content -Raw does, so ConvertFrom-Json takes the text' {
        $json = Join-Path $TestDrive "bom-$([guid]::NewGuid()).json"
        [IO.File]::WriteAllText($json, '{"name":"mmap"}', [Text.UTF8Encoding]::new($true))   # Windows PowerShell 5.1's Set-Content -Encoding UTF8
        $text = New-MemoryMap -Path $json | Read-MemoryMap -AsString
        $text | Should -BeExactly (Get-Content -Raw $json)
        ($text | ConvertFrom-Json).name | Should -Be 'mmap'
        $unicode = Join-Path $TestDrive "bom-$([guid]::NewGuid()).txt"
        [IO.File]::WriteAllText($unicode, 'hi', [Text.UnicodeEncoding]::new($false, $true))
        New-MemoryMap -Path $unicode | Read-MemoryMap -AsString -Encoding unicode | Should -BeExactly 'hi'
    }

    It 'keeps bytes that look like a byte-order mark past offset 0: they are data there' {
        $dst | Write-MemoryMap -Value ([byte[]](0xEF, 0xBB, 0xBF, 0x41)) -Offset 16
        ($dst | Read-MemoryMap -Offset 16 -Count 4 -AsString).Length | Should -Be 2
    }

    It 'says counts as a person would: "1 byte", and no count for an empty range' {
        $dst | Read-MemoryMap -Offset 4096 -Count 1 -ErrorVariable failed -ErrorAction SilentlyContinue
        $failed[0].Exception.Message | Should -BeLike 'Cannot read 1 byte at offset 4096: the map holds 4096 bytes*'
        $dst | Sync-MemoryMap -Offset 100000 -Length 0 -ErrorVariable failed -ErrorAction SilentlyContinue
        $failed[0].Exception.Message | Should -BeLike 'Cannot flush at offset 100000: the map holds 4096 bytes*'
    }
}
