[System.Diagnostics.CodeAnalysis.SuppressMessageAttribute('PSUseDeclaredVarsMoreThanAssignments', '', Justification = 'Pester scoping: variables set in BeforeAll and BeforeEach are read in the It blocks, which this rule does not connect to them')]
param()

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot '../../out/Mmap')
    $cmd = 'Mmap.Commands.SetFileSizeCommand'
}

Describe 'Set-FileSize' {
    BeforeEach {
        $file = Join-Path $TestDrive 'size.bin'
        [IO.File]::WriteAllBytes($file, [byte[]](1..100))
    }
    AfterEach {
        Get-MemoryMap | Remove-MemoryMap
    }

    Context 'Path' {
        It 'creates a missing file' {
            $new = Join-Path $TestDrive 'new.bin'
            Set-FileSize -Path $new -Size 5000
            (Get-Item $new).Length | Should -Be 5000
        }

        It 'extends with zeros, keeping the content' {
            Set-FileSize -Path $file -Size 200
            $bytes = [IO.File]::ReadAllBytes($file)
            $bytes.Length | Should -Be 200
            $bytes[99] | Should -Be 100
            $bytes[100] | Should -Be 0
        }

        It 'truncates with -Force, keeping the prefix' {
            Set-FileSize -Path $file -Size 10 -Force
            [IO.File]::ReadAllBytes($file) | Should -Be (1..10)
        }

        It 'truncates with -Confirm:$false' {
            Set-FileSize -Path $file -Size 10 -Confirm:$false
            (Get-Item $file).Length | Should -Be 10
        }

        It 'outputs FileInfo with -PassThru' {
            $info = Set-FileSize -Path $file -Size 300 -PassThru
            $info | Should -BeOfType System.IO.FileInfo
            $info.Length | Should -Be 300
        }

        It 'resolves relative paths against the PowerShell location' {
            Push-Location $TestDrive
            try { Set-FileSize -Path ./rel.bin -Size 7 } finally { Pop-Location }
            (Get-Item (Join-Path $TestDrive 'rel.bin')).Length | Should -Be 7
        }

        It 'sizes every file a wildcard matches' {
            [IO.File]::WriteAllBytes((Join-Path $TestDrive 'size2.bin'), [byte[]](1, 2))
            Set-FileSize -Path (Join-Path $TestDrive 'size*.bin') -Size 4096
            Get-ChildItem $TestDrive -Filter 'size*.bin' | ForEach-Object Length | Should -Be 4096, 4096
        }

        It 'creates sparse files' {
            Set-FileSize -Path (Join-Path $TestDrive 'sparse.bin') -Size 1GB -Sparse
            (Get-Item (Join-Path $TestDrive 'sparse.bin')).Length | Should -Be 1GB
        }

        It 'binds strings from the pipeline' {
            $file | Set-FileSize -Size 150
            (Get-Item $file).Length | Should -Be 150
        }

        It 'changes nothing with -WhatIf' {
            Set-FileSize -Path $file -Size 10 -WhatIf
            Set-FileSize -Path $file -Size 1000 -WhatIf
            Set-FileSize -Path (Join-Path $TestDrive 'whatif.bin') -Size 10 -WhatIf
            (Get-Item $file).Length | Should -Be 100
            Join-Path $TestDrive 'whatif.bin' | Should -Not -Exist
        }

        It 'refuses a file mapped in this session' {
            $null = New-MemoryMap -Path $file
            { Set-FileSize -Path $file -Size 10 -Force -ErrorAction Stop } | Should -Throw -ErrorId "invalid_argument,$cmd"
            (Get-Item $file).Length | Should -Be 100
        }

        It 'reports a pattern matching nothing as no_file' {
            { Set-FileSize -Path (Join-Path $TestDrive 'zz*.bin') -Size 1 -ErrorAction Stop } | Should -Throw -ErrorId "no_file,$cmd"
        }

        It 'refuses a non-FileSystem path' {
            { Set-FileSize -Path 'Variable:\x' -Size 1 -ErrorAction Stop } | Should -Throw -ErrorId "invalid_argument,$cmd"
        }

        It 'refuses a directory' {
            { Set-FileSize -Path $TestDrive -Size 1 -Force -ErrorAction Stop } | Should -Throw -ErrorId "invalid_argument,$cmd"
        }

        It 'validates -Size' {
            { Set-FileSize -Path $file -Size -1 -ErrorAction Stop } | Should -Throw -ErrorId "ParameterArgumentValidationError,$cmd"
        }
    }

    Context 'LiteralPath' {
        It 'binds Get-ChildItem output by PSPath' {
            $dir = New-Item -ItemType Directory (Join-Path $TestDrive ([guid]::NewGuid()))
            'a.bin', 'b.bin' | ForEach-Object { Set-FileSize -Path (Join-Path $dir $_) -Size 10 }
            Get-ChildItem $dir -Filter *.bin | Set-FileSize -Size 64
            Get-ChildItem $dir -Filter *.bin | ForEach-Object Length | Should -Be 64, 64
        }

        It 'takes brackets literally' {
            $odd = Join-Path $TestDrive 'odd[1].bin'
            Set-FileSize -LiteralPath $odd -Size 3
            (Get-Item -LiteralPath $odd).Length | Should -Be 3
        }

        It 'reports an unknown drive as no_file' {
            { Set-FileSize -LiteralPath 'NoSuchDrive:\x.bin' -Size 1 -ErrorAction Stop } | Should -Throw -ErrorId "no_file,$cmd"
        }
    }
}
