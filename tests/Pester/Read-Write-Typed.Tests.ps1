[System.Diagnostics.CodeAnalysis.SuppressMessageAttribute('PSUseDeclaredVarsMoreThanAssignments', '', Justification = 'Pester scoping: variables set in BeforeAll and BeforeEach are read in the It blocks, which this rule does not connect to them')]
param()

# Read-/Write-MemoryMap with numbers (-Type, -ByteOrder), the end of a map (-Tail) and verified patches (-Expect).
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot '../../out/Mmap')
    Import-Module (Join-Path $PSScriptRoot 'Support/Hostless.psm1')
    $read = 'Mmap.Commands.ReadMemoryMapCommand'
    $write = 'Mmap.Commands.WriteMemoryMapCommand'
}

Describe 'Typed values, -Tail and -Expect' {
    BeforeEach {
        $map = New-MemoryMap -Anonymous -Size 4KB
        $map | Write-MemoryMap -Value ([byte[]](0x89, 0x50, 0x4E, 0x47, 1, 0, 0, 0, 0xFF, 0xFF, 0xFF, 0xFF, 0, 0, 0x80, 0x3F))
    }
    AfterEach {
        Get-MemoryMap | Remove-MemoryMap
    }

    Context 'Read-MemoryMap -Type (Typed)' {
        It 'reads one value as a number of the type, little-endian by default' {
            $value = $map | Read-MemoryMap -Offset 4 -Type Int32
            $value | Should -Be 1
            $value.GetType() | Should -Be ([int])
        }

        It 'reads big-endian with -ByteOrder BigEndian' {
            $map | Read-MemoryMap -Type UInt32 -ByteOrder BigEndian | Should -Be 0x89504E47u
            $map | Read-MemoryMap -Offset 14 -Type UInt16 -ByteOrder BigEndian | Should -Be 0x803F
        }

        It 'binds the names users type: <Name>' -ForEach @(
            @{ Name = 'uint32'; Type = 'uint32' }, @{ Name = 'UInt32'; Type = 'UInt32' }, @{ Name = '[uint32]'; Type = [uint32] },
            @{ Name = 'System.UInt32'; Type = 'System.UInt32' }
        ) {
            ($map | Read-MemoryMap -Offset 8 -Type $Type) | Should -Be ([uint32]::MaxValue)
        }

        It 'reads every numeric type' -ForEach @(
            @{ Type = 'sbyte'; Offset = 8; Expected = -1 }, @{ Type = 'byte'; Offset = 8; Expected = 255 },
            @{ Type = 'int16'; Offset = 8; Expected = -1 }, @{ Type = 'uint16'; Offset = 8; Expected = 65535 },
            @{ Type = 'int64'; Offset = 8; Expected = 0x3F800000FFFFFFFF }, @{ Type = 'uint64'; Offset = 0; Expected = 0x1474E5089 },
            @{ Type = 'single'; Offset = 12; Expected = 1.0 }, @{ Type = 'double'; Offset = 16; Expected = 0.0 }
        ) {
            $map | Read-MemoryMap -Offset $Offset -Type $Type | Should -Be $Expected
        }

        It 'reads -Count values as one typed array, in one call' {
            $values = $map | Read-MemoryMap -Type Int32 -Count 1000
            @($values).Count | Should -Be 1000 -Because 'the pipeline receives the array itself'
            $values.GetType() | Should -Be ([int[]])
            $values[1] | Should -Be 1
            $values[2] | Should -Be -1
            $map | Read-MemoryMap -Type Int64 -Count 1000000 -Offset 0 -ErrorAction SilentlyContinue -ErrorVariable failed
            $failed.FullyQualifiedErrorId | Should -Be "invalid_argument,$read" -Because 'a million Int64 do not fit a 4 KiB map'
        }

        It 'reads a million Int64 values with one call' {
            $big = New-MemoryMap -Anonymous -Size 8MB
            $big | Write-MemoryMap -Type Int64 -Number 42 -Offset (8MB - 8)
            $values = $big | Read-MemoryMap -Type Int64 -Count 1000000 -Offset (8MB - 8000000)
            $values.Length | Should -Be 1000000
            $values[-1] | Should -Be 42
        }

        It 'refuses a range outside the map, and types it cannot read' {
            { $map | Read-MemoryMap -Offset 4093 -Type Int32 -ErrorAction Stop } | Should -Throw -ErrorId "invalid_argument,$read"
            { $map | Read-MemoryMap -Type decimal -ErrorAction Stop } | Should -Throw -ErrorId "ParameterArgumentValidationError,$read"
            { $map | Read-MemoryMap -Type string -ErrorAction Stop } | Should -Throw '*SByte, Byte, Int16, UInt16, Int32, UInt32, Int64, UInt64, Single or Double*'
            { $map | Read-MemoryMap -Type Int32 -ByteOrder Middle -ErrorAction Stop } | Should -Throw -ErrorId "CannotConvertArgumentNoMessage,$read"
        }
    }

    Context '-Tail' {
        It 'reads the last bytes, values or text of the map' {
            $map | Write-MemoryMap -String 'the end' -Offset (4KB - 7)
            $map | Read-MemoryMap -Tail 7 -AsString | Should -Be 'the end'
            ($map | Read-MemoryMap -Tail 3).GetType() | Should -Be ([byte[]])
            [Text.Encoding]::ASCII.GetString(($map | Read-MemoryMap -Tail 3)) | Should -Be 'end'
            $map | Write-MemoryMap -Type Int16 -Number 7, 8 -Offset (4KB - 4)
            ($map | Read-MemoryMap -Tail 2 -Type Int16) -join ',' | Should -Be '7,8'
            $map | Read-MemoryMap -Tail 1 -Type Int16 | Should -Be 8
        }

        It 'refuses -Tail with -Offset or -Count, or longer than the map, as invalid_argument' {
            { $map | Read-MemoryMap -Tail 4 -Offset 2 -ErrorAction Stop } | Should -Throw -ErrorId "invalid_argument,$read"
            { $map | Read-MemoryMap -Tail 4 -Count 2 -ErrorAction Stop } | Should -Throw '*cannot be combined with -Count*'
            { $map | Read-MemoryMap -Tail 4097 -ErrorAction Stop } | Should -Throw '*-Tail 4097 asks for the last 4 KiB (4097 bytes)*'
            { $map | Read-MemoryMap -Tail 513 -Type Int64 -ErrorAction Stop } | Should -Throw -ErrorId "invalid_argument,$read"
        }
    }

    Context 'Read-MemoryMap -Buffer' {
        It 'fills the given buffer from its start and outputs nothing' {
            $buffer = [byte[]]::new(8)
            $map | Read-MemoryMap -Offset 4 -Buffer $buffer | Should -BeNullOrEmpty
            $buffer -join ',' | Should -Be '1,0,0,0,255,255,255,255'
            $map | Read-MemoryMap -Count 2 -Buffer $buffer
            $buffer -join ',' | Should -Be '137,80,0,0,255,255,255,255' -Because '-Count 2 fills the first two bytes only'
            $map | Read-MemoryMap -Tail 1 -Buffer $buffer
            $buffer[0] | Should -Be 0
        }

        It 'refuses a read longer than the buffer, or past the map, filling nothing' {
            $buffer = [byte[]]::new(4)
            { $map | Read-MemoryMap -Count 5 -Buffer $buffer -ErrorAction Stop } | Should -Throw '*The read is 5 bytes but -Buffer holds 4 bytes*'
            { $map | Read-MemoryMap -Offset 4094 -Buffer $buffer -ErrorAction Stop } | Should -Throw -ErrorId "invalid_argument,$read"
            $buffer -join ',' | Should -Be '0,0,0,0'
            { $map | Read-MemoryMap -Buffer $null -ErrorAction Stop } | Should -Throw -ErrorId "ParameterArgumentValidationError,$read"
        }
    }

    Context 'Write-MemoryMap -Type -Number (Typed)' {
        It 'writes one number or an array, little-endian by default' {
            $map | Write-MemoryMap -Type Int16 -Number 1, -2, 300 -Offset 100
            [BitConverter]::ToString(($map | Read-MemoryMap -Offset 100 -Count 6)) | Should -Be '01-00-FE-FF-2C-01'
            $map | Write-MemoryMap -Type Double -Number 1.5 -Offset 200
            $map | Read-MemoryMap -Offset 200 -Type Double | Should -Be 1.5
        }

        It 'writes big-endian with -ByteOrder BigEndian, as PNG and network formats need' {
            $map | Write-MemoryMap -Type UInt32 -Number 13 -ByteOrder BigEndian -Offset 100
            [BitConverter]::ToString(($map | Read-MemoryMap -Offset 100 -Count 4)) | Should -Be '00-00-00-0D'
            $map | Read-MemoryMap -Offset 100 -Type UInt32 -ByteOrder BigEndian | Should -Be 13
        }

        It 'refuses numbers that do not fit the type, writing nothing' -ForEach @(
            @{ Type = 'byte'; Number = 300; Says = '*-Number 300 does not fit Byte (0 to 255)*' },
            @{ Type = 'uint32'; Number = 0x89504E47; Says = '*give it the u suffix (0x89504E47u)*' },
            @{ Type = 'int32'; Number = 2.5; Says = '*-Number 2.5 is not a whole number*' },
            @{ Type = 'int16'; Number = @(1, 2, 'x'); Says = "*-Number 'x' (String) is not a number*" }
        ) {
            $before = ($map | Read-MemoryMap -Count 16) -join ','
            { $map | Write-MemoryMap -Type $Type -Number $Number -ErrorAction Stop } | Should -Throw -ErrorId "invalid_argument,$write" -ExpectedMessage $Says
            ($map | Read-MemoryMap -Count 16) -join ',' | Should -Be $before
        }
    }

    Context 'Write-MemoryMap -Expect' {
        It 'writes when the bytes there are the expected ones (<Set>)' -ForEach @(
            @{ Set = 'Bytes'; Arguments = @{ Value = [byte[]](0x90, 0x90); Expect = [byte[]](1, 0) } },
            @{ Set = 'Typed'; Arguments = @{ Type = 'Int32'; Number = 2; Expect = 1 } },
            @{ Set = 'String'; Arguments = @{ String = 'ok'; Expect = "`u{1}`0" } }
        ) {
            $map | Write-MemoryMap -Offset 4 @Arguments -ErrorAction Stop
            $map | Read-MemoryMap -Offset 4 -Count 1 | Should -Not -Be 1
        }

        It 'writes nothing and says unexpected_content when they are not, naming what it found' {
            $map | Write-MemoryMap -Type Int32 -Number 2 -Offset 4 -Expect 7 -ErrorVariable failed -ErrorAction SilentlyContinue
            $failed.FullyQualifiedErrorId | Should -Be "unexpected_content,$write"
            $failed.CategoryInfo.Category | Should -Be 'InvalidData'
            $failed.Exception.Message | Should -BeLike 'At offset 4 of map #* the bytes are 01 00 00 00, not the 07 00 00 00 -Expect gave (as Int32: 1, not 7), so nothing was written.*'
            $map | Read-MemoryMap -Offset 4 -Type Int32 | Should -Be 1
        }

        It 'writes no piped chunk when the bytes at -Offset are not the expected ones' {
            $chunks = [byte[]](0xAA, 0xAA), [byte[]](0xBB, 0xBB)
            $chunks | Write-MemoryMap -InputObject $map -Offset 4 -Expect ([byte[]](9, 9)) -ErrorVariable failed -ErrorAction SilentlyContinue
            $failed.Count | Should -Be 1
            ($map | Read-MemoryMap -Offset 4 -Count 4) -join ',' | Should -Be '1,0,0,0'
            $chunks | Write-MemoryMap -InputObject $map -Offset 4 -Expect ([byte[]](1, 0))
            ($map | Read-MemoryMap -Offset 4 -Count 4) -join ',' | Should -Be '170,170,187,187'
        }

        It 'says a patch applied twice was probably applied already' {
            $patch = @{ Value = [byte[]](0xEB, 0xFE); Offset = 4; Expect = [byte[]](1, 0) }
            $map | Write-MemoryMap @patch
            $map | Write-MemoryMap @patch -ErrorVariable failed -ErrorAction SilentlyContinue
            $failed.Exception.Message | Should -BeLike '*They are the bytes this write would put there: it was probably applied already.'
        }

        It 'compares big-endian values with -ByteOrder' {
            $map | Write-MemoryMap -Type UInt32 -Number 0x504E4700u -ByteOrder BigEndian -Expect 0x89504E47u -ErrorAction Stop
            $map | Read-MemoryMap -Type UInt32 -ByteOrder BigEndian | Should -Be 0x504E4700u
        }

        It 'writes nothing with -WhatIf, and names the bytes before and after in its question' {
            Invoke-Hostless 'param($m) $m | Write-MemoryMap -Value ([byte[]](0x90, 0x90)) -Offset 4 -Expect ([byte[]](1, 0)) -WhatIf' $map
            ($map | Read-MemoryMap -Offset 4 -Count 2) -join ',' | Should -Be '1,0'
            $action = ($map | Write-MemoryMap -Value ([byte[]](0x90, 0x90)) -Offset 4 -Expect ([byte[]](1, 0)) -Verbose 4>&1 |
                    Where-Object { $_ -is [Management.Automation.VerboseRecord] } | Select-Object -First 1).Message
            $action | Should -BeLike '*Write 2 bytes at map offset 4: 01 00 now, 90 90 after*'
        }

        It 'refuses an -Expect that is no byte, checking before anything is written' {
            { $map | Write-MemoryMap -Value ([byte[]](1)) -Offset 4 -Expect 256 -ErrorAction Stop } | Should -Throw -ErrorId "invalid_argument,$write"
            { $map | Write-MemoryMap -Type Int16 -Number 1 -Offset 4 -Expect 70000 -ErrorAction Stop } | Should -Throw '*-Expect 70000 does not fit Int16*'
            $map | Read-MemoryMap -Offset 4 -Count 1 | Should -Be 1
        }

        It 'reports an -Expect range outside the map as invalid_argument' {
            { $map | Write-MemoryMap -Value ([byte[]](1)) -Offset 4095 -Expect ([byte[]](0, 0)) -ErrorAction Stop } | Should -Throw -ErrorId "invalid_argument,$write"
        }
    }
}
