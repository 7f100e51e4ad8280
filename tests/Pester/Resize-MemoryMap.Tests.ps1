[System.Diagnostics.CodeAnalysis.SuppressMessageAttribute('PSUseDeclaredVarsMoreThanAssignments', '', Justification = 'Pester scoping: variables set in BeforeAll and BeforeEach are read in the It blocks, which this rule does not connect to them')]
param()

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'Support/Hostless.psm1')
    Import-Module (Join-Path $PSScriptRoot '../../out/Mmap')
}

Describe 'Resize-MemoryMap and Set-MemoryMap -Access / -Execute' {
    BeforeEach {
        $dir = Join-Path ([IO.Path]::GetTempPath()) ("mmap-resize-" + [guid]::NewGuid().ToString('N'))
        New-Item -ItemType Directory -Path $dir | Out-Null
        $path = Join-Path $dir 'data.bin'
        [IO.File]::WriteAllBytes($path, [byte[]](1..16))
    }
    AfterEach {
        Get-MemoryMap | Remove-MemoryMap
        Remove-Item -Recurse -Force $dir
    }

    It 'grows a ReadWrite map and its file, keeps the bytes, and says whether it moved with -Verbose' {
        $map = New-MemoryMap -Path $path -Access ReadWrite
        $said = ($map | Resize-MemoryMap 64KB -Verbose 4>&1).Message
        $said | Should -Contain "Performing the operation ""Resize from 16 bytes to 64 KiB (65536 bytes) (the file grows to cover it)"" on target ""$path""."
        $said[-1] | Should -Match "^Resized map #$($map.Id) to 64 KiB \(65536 bytes\)( in place|; it moved to 0x[0-9A-F]+)$"
        $map.Size | Should -Be 64KB
        (Get-Item $path).Length | Should -Be 64KB
        ($map | Read-MemoryMap -Count 16) | Should -Be ([byte[]](1..16))
        $map | Write-MemoryMap -Value 7 -Offset (64KB - 1)
        $cut = ($map | Resize-MemoryMap 8 -PassThru -Verbose 4>&1)
        $cut.Message | Should -Contain "Performing the operation ""Resize from 64 KiB (65536 bytes) to 8 bytes (if the map reaches the end of the file, the file is cut to the map's new end)"" on target ""$path""."
        ($cut | Where-Object { $_ -is [Mmap.MemoryMap] }).Size | Should -Be 8
        (Get-Item $path).Length | Should -Be 8 -Because 'the map reached the end of the file, so the file is cut with it'
    }

    It 'changes nothing with -WhatIf' {
        $map = New-MemoryMap -Path $path -Access ReadWrite
        Invoke-Hostless 'param($m) $m | Resize-MemoryMap 1MB -WhatIf' $map
        $map.Size | Should -Be 16
        (Get-Item $path).Length | Should -Be 16
    }

    It 'refuses to grow a Read map past its file as file_too_short, and goes on with the next map' {
        $read = New-MemoryMap -Path $path
        $anon = New-MemoryMap -Anonymous -Size 4KB
        $read, $anon | Resize-MemoryMap 8KB -ErrorVariable failed -ErrorAction SilentlyContinue
        $failed.FullyQualifiedErrorId | Should -Be 'file_too_short,Mmap.Commands.ResizeMemoryMapCommand'
        $read.Size | Should -Be 16
        $anon.Size | Should -Be 8KB
        { $read | Resize-MemoryMap 0 } | Should -Throw -ErrorId 'ParameterArgumentValidationError,*'
    }

    It 'refuses a mirror as not_supported and a freed map as map_freed' {
        $mirror = New-MirroredMap -Size 64KB
        { $mirror | Resize-MemoryMap 128KB -ErrorAction Stop } | Should -Throw -ErrorId 'not_supported,*'
        $gone = New-MemoryMap -Anonymous -Size 4KB
        $gone | Remove-MemoryMap
        { $gone | Resize-MemoryMap 8KB -ErrorAction Stop } | Should -Throw -ErrorId 'map_freed,*'
    }

    It 'makes a map read-only, refuses writes, and makes it writable again' {
        $map = New-MemoryMap -Path $path -Access ReadWrite
        ($map | Set-MemoryMap -Access Read -Verbose 4>&1).Message | Should -Contain "map #$($map.Id) is now Read"
        $map.Access | Should -Be 'Read'
        { $map | Write-MemoryMap -Value 9 -ErrorAction Stop } | Should -Throw -ErrorId 'access_denied,*'
        ($map | Set-MemoryMap -Access ReadWrite -PassThru).Access | Should -Be 'ReadWrite'
        $map | Write-MemoryMap -Value 9
        ($map | Read-MemoryMap -Count 1)[0] | Should -Be 9
    }

    It 'turns execution on and off, and keeps the access when only -Execute is given' {
        $map = New-MemoryMap -Anonymous -Size 4KB
        $map | Set-MemoryMap -Execute
        $map.Execute | Should -BeTrue
        $map.Access | Should -Be 'ReadWrite'
        $map | Set-MemoryMap -Execute:$false
        $map.Execute | Should -BeFalse
    }

    It 'refuses what the map cannot become, and -Access with a range' {
        $read = New-MemoryMap -Path $path
        { $read | Set-MemoryMap -Access ReadWrite -ErrorAction Stop } | Should -Throw -ErrorId 'access_denied,Mmap.Commands.SetMemoryMapCommand'
        $read.Access | Should -Be 'Read'
        $cow = New-MemoryMap -Path $path -Access CopyOnWrite
        { $cow | Set-MemoryMap -Access ReadWrite -ErrorAction Stop } | Should -Throw -ErrorId 'invalid_argument,*'
        { $cow | Set-MemoryMap -Access Read -Offset 0 -Length 4 } | Should -Throw -ErrorId 'invalid_argument,*'
        { $cow | Set-MemoryMap -Access Read -Advice Random } | Should -Throw -ErrorId 'AmbiguousParameterSet,*'
    }

    It 'changes no protection with -WhatIf' {
        $map = New-MemoryMap -Anonymous -Size 4KB
        Invoke-Hostless 'param($m) $m | Set-MemoryMap -Access Read -WhatIf' $map | Out-Null
        $map.Access | Should -Be 'ReadWrite'
    }

    It 'emits maps that survive Format-List *, Select-Object * and ConvertTo-Json after a change' {
        $map = New-MemoryMap -Path $path -Access ReadWrite
        $map | Resize-MemoryMap 4KB
        $map | Set-MemoryMap -Access Read
        ($map | Format-List * | Out-String) | Should -Match 'Access\s+: Read'
        ($map | Select-Object *).Size | Should -Be 4KB
        ($map | ConvertTo-Json -Depth 1 | ConvertFrom-Json).Size | Should -Be 4KB
    }

    It 'grows a map made with -MaxSize in place, and refuses -MaxSize below -Size' {
        if ($IsWindows) {
            { New-MemoryMap -Anonymous -Size 64KB -MaxSize 1MB -ErrorAction Stop } | Should -Throw -ErrorId 'not_supported,*'
            return
        }
        $map = New-MemoryMap -Path $path -Access ReadWrite -MaxSize 64MB
        $at = $map.Address
        ($map | Resize-MemoryMap 48MB -Verbose 4>&1).Message[-1] | Should -Be "Resized map #$($map.Id) to 48 MiB (50331648 bytes) in place"
        $map.Address | Should -Be $at
        (Get-Item $path).Length | Should -Be 48MB
        ($map | Read-MemoryMap -Count 16) | Should -Be ([byte[]](1..16))
        { New-MemoryMap -Anonymous -Size 1MB -MaxSize 64KB -ErrorAction Stop } | Should -Throw -ErrorId 'invalid_argument,*'
    }
}
