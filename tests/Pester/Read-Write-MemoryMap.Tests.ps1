[System.Diagnostics.CodeAnalysis.SuppressMessageAttribute('PSUseDeclaredVarsMoreThanAssignments', '', Justification = 'Pester scoping: variables set in BeforeAll and BeforeEach are read in the It blocks, which this rule does not connect to them')]
param()

BeforeAll {
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
    }

    Context 'String' {
        It 'decodes UTF-8 by default' {
            $map | Read-MemoryMap -AsString | Should -Be 'héllo, world'
        }

        It 'decodes with -Encoding' {
            $map | Read-MemoryMap -Count 3 -AsString -Encoding latin1 | Should -Be ([Text.Encoding]::GetEncoding(28591).GetString([byte[]](0x68, 0xC3, 0xA9)))
        }

        It 'stops on an unknown encoding' {
            { $map | Read-MemoryMap -AsString -Encoding klingon -ErrorAction Stop } | Should -Throw -ErrorId "invalid_argument,$cmd"
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
            $map | Write-MemoryMap -Value ([byte[]](5, 5)) -WhatIf
            ($map | Read-MemoryMap -Count 2) | Should -Be 0, 0
        }

        It 'changes nothing with -WhatIf on a tag, which other processes see' {
            $tag = "mmap-p-$([guid]::NewGuid().ToString('N').Substring(0, 16))"
            $shared = New-MemoryMap -Tag $tag -Size 4KB
            try {
                $shared | Write-MemoryMap -Value ([byte[]](5, 5)) -WhatIf
                ($shared | Read-MemoryMap -Count 2) | Should -Be 0, 0
            }
            finally { $shared | Remove-MemoryMap -Unlink }
        }

        It 'writes anonymous memory without confirmation' {
            $anon = New-MemoryMap -Anonymous -Size 4KB
            $anon | Write-MemoryMap -Value ([byte[]](4)) -Confirm:$true
            ($anon | Read-MemoryMap -Count 1) | Should -Be 4
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

        It 'stops on an unknown encoding' {
            { $map | Write-MemoryMap -String 'x' -Encoding klingon -ErrorAction Stop } | Should -Throw -ErrorId "invalid_argument,$cmd"
        }

        It 'changes nothing with -WhatIf' {
            $map | Write-MemoryMap -String 'zz' -WhatIf
            ($map | Read-MemoryMap -Count 2) | Should -Be 0, 0
        }
    }
}
