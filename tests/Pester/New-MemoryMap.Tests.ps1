[System.Diagnostics.CodeAnalysis.SuppressMessageAttribute('PSUseDeclaredVarsMoreThanAssignments', '', Justification = 'Pester scoping: variables set in BeforeAll and BeforeEach are read in the It blocks, which this rule does not connect to them')]
param()

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'Support/Hostless.psm1')
    Import-Module (Join-Path $PSScriptRoot '../../out/Mmap')
    $cmd = 'Mmap.Commands.NewMemoryMapCommand'
}

AfterAll {
    Get-MemoryMap | Remove-MemoryMap
}

Describe 'New-MemoryMap' {
    BeforeEach {
        $data = Join-Path $TestDrive 'data.bin'
        [IO.File]::WriteAllBytes($data, [byte[]](0..255) * 32)   # 8 KiB
    }
    AfterEach {
        Get-MemoryMap | Remove-MemoryMap
    }

    Context 'Path' {
        It 'maps a whole file read-only by default' {
            $map = New-MemoryMap -Path $data
            $map | Should -BeOfType Mmap.MemoryMap
            $map.Size | Should -Be 8192
            $map.Access | Should -Be 'Read'
            $map.Kind | Should -Be 'File'
            $map.Path | Should -Be $data
        }

        It 'resolves a relative path against the PowerShell location' {
            Push-Location $TestDrive
            try { (New-MemoryMap -Path ./data.bin).Path | Should -Be $data }
            finally { Pop-Location }
        }

        It 'resolves a PowerShell drive path' {
            (New-MemoryMap -Path 'TestDrive:\data.bin').Path | Should -Be $data
        }

        It 'accepts a wildcard that matches exactly one file' {
            (New-MemoryMap -Path (Join-Path $TestDrive 'da*.bin')).Path | Should -Be $data
        }

        It 'binds strings from the pipeline' {
            ($data | New-MemoryMap).Path | Should -Be $data
        }

        It 'takes backtick-escaped wildcard characters literally' {
            $odd = Join-Path $TestDrive 'odd[1].bin'
            [IO.File]::WriteAllBytes($odd, [byte[]](1, 2, 3))
            (New-MemoryMap -Path (Join-Path $TestDrive 'odd`[1`].bin')).Path | Should -Be $odd
        }

        It 'maps a range at an aligned offset' {
            $g = (Get-PageSize).AllocationGranularity
            Set-FileSize -Path $data -Size (2 * $g)
            $map = New-MemoryMap -Path $data -Offset $g -Size 16
            $map.Offset | Should -Be $g
            $map.Size | Should -Be 16
        }

        It 'creates a missing file when writing' {
            $new = Join-Path $TestDrive 'new.bin'
            $map = New-MemoryMap -Path $new -Access ReadWrite -Size 4096
            (Get-Item $new).Length | Should -Be 4096
            $map.Access | Should -Be 'ReadWrite'
        }

        It 'creates no file and maps nothing with -WhatIf' {
            $new = Join-Path $TestDrive "whatif-$([guid]::NewGuid()).bin"
            Invoke-Hostless 'param($p) New-MemoryMap -Path $p -Access ReadWrite -Size 4096 -WhatIf' $new | Should -BeNullOrEmpty
            $new | Should -Not -Exist
            Get-MemoryMap | Should -BeNullOrEmpty
        }

        It 'extends no file with -WhatIf' {
            Invoke-Hostless 'param($p) New-MemoryMap -Path $p -Access ReadWrite -Size 16KB -WhatIf' $data | Should -BeNullOrEmpty
            (Get-Item $data).Length | Should -Be 8192
            Get-MemoryMap | Should -BeNullOrEmpty
        }

        It 'maps with -WhatIf when mapping changes no file' {
            (Invoke-Hostless 'param($p) New-MemoryMap -Path $p -Access ReadWrite -Size 4096 -WhatIf' $data).Size | Should -Be 4096
            (Invoke-Hostless 'param($p) New-MemoryMap -Path $p -WhatIf' $data).Size | Should -Be 8192
        }

        It 'says with -Verbose what it created, extended and mapped' {
            $new = Join-Path $TestDrive "verbose-$([guid]::NewGuid()).bin"
            $lines = (New-MemoryMap -Path $new -Access ReadWrite -Size 4KB -Verbose 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Message
            $map = Get-MemoryMap -Path $new
            $lines | Should -Contain "Created '$new' with 4 KiB (4096 bytes)"
            $lines | Should -Contain "Mapped file '$new' (ReadWrite, 4 KiB at 0x$('{0:X}' -f $map.Address.ToInt64()), map #$($map.Id))"
            (New-MemoryMap -Path $new -Access ReadWrite -Size 8KB -Verbose 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Message |
                Should -Contain "Extended '$new' from 4 KiB (4096 bytes) to 8 KiB (8192 bytes)"
        }

        It 'passes -Execute, -Populate and -NoSizeCheck on' {
            $map = New-MemoryMap -Path $data -Execute -Populate -NoSizeCheck
            $map.Execute | Should -BeTrue
        }

        It 'reports a missing file as no_file' {
            { New-MemoryMap -Path (Join-Path $TestDrive 'none.bin') -ErrorAction Stop } | Should -Throw -ErrorId "no_file,$cmd"
        }

        It 'reports a pattern matching nothing as no_file' {
            { New-MemoryMap -Path (Join-Path $TestDrive 'zz*.bin') -ErrorAction Stop } | Should -Throw -ErrorId "no_file,$cmd"
        }

        It 'refuses a pattern matching several files' {
            Copy-Item $data (Join-Path $TestDrive 'data2.bin')
            { New-MemoryMap -Path (Join-Path $TestDrive 'data*.bin') -ErrorAction Stop } | Should -Throw -ErrorId "invalid_argument,$cmd"
        }

        It 'refuses a non-FileSystem path' {
            { New-MemoryMap -Path 'Env:\PATH' -ErrorAction Stop } | Should -Throw -ErrorId "invalid_argument,$cmd"
        }

        It 'refuses an unaligned offset' {
            { New-MemoryMap -Path $data -Offset 1 -ErrorAction Stop } | Should -Throw -ErrorId "invalid_argument,$cmd"
        }

        It 'reports a file too short for read access as file_too_short' {
            { New-MemoryMap -Path $data -Size 1MB -ErrorAction Stop } | Should -Throw -ErrorId "file_too_short,$cmd"
        }

        It 'reports an empty file as file_too_short' {
            $empty = Join-Path $TestDrive 'empty.bin'
            Set-FileSize -Path $empty -Size 0
            { New-MemoryMap -Path $empty -ErrorAction Stop } | Should -Throw -ErrorId "file_too_short,$cmd"
        }

        It 'reports an address in use as out_of_mem' {
            $taken = New-MemoryMap -Anonymous -Size 64KB
            { New-MemoryMap -Path $data -Address ([uint64]$taken.Address.ToInt64()) -ErrorAction Stop } | Should -Throw -ErrorId "out_of_mem,$cmd"
        }

        It 'takes another map''s Address (an IntPtr), a hex string or a number as -Address' {
            $taken = New-MemoryMap -Anonymous -Size 64KB
            foreach ($address in $taken.Address, ('0x{0:X}' -f $taken.Address.ToInt64()), $taken.Address.ToInt64()) {
                { New-MemoryMap -Path $data -Address $address -ErrorAction Stop } | Should -Throw -ErrorId "out_of_mem,$cmd"
            }
        }

        It 'refuses an -Address that is no address at binding, saying what to give' {
            $thrown = { New-MemoryMap -Path $data -Address 'near the top' -ErrorAction Stop } |
                Should -Throw -ErrorId "ParameterArgumentTransformationError,$cmd" -PassThru
            $thrown.Exception.Message | Should -BeLike "*'near the top' is not an address*"
            { New-MemoryMap -Path $data -Address ([long]-4096) -ErrorAction Stop } | Should -Throw -ErrorId "ParameterArgumentTransformationError,$cmd"
        }

        It 'binds the Path property of piped objects' {
            ([pscustomobject]@{ Path = $data } | New-MemoryMap).Path | Should -Be $data
        }

        It 'refuses a malformed wildcard as invalid_argument, naming the fix' {
            $bad = Join-Path $TestDrive 'a[.bin'
            $maps = New-MemoryMap -Path $bad, $data -ErrorVariable failed -ErrorAction SilentlyContinue
            @($maps).Count | Should -Be 1
            $failed[0].FullyQualifiedErrorId | Should -Be "invalid_argument,$cmd"
            $failed[0].TargetObject | Should -Be $bad
            $failed[0].Exception.Message | Should -Match "$([regex]::Escape("'$bad' is not a valid wildcard pattern")).*backticks.*or use -LiteralPath"
        }

        It 'validates -Size and -Offset before binding' {
            { New-MemoryMap -Path $data -Size 0 -ErrorAction Stop } | Should -Throw -ErrorId "ParameterArgumentValidationError,$cmd"
            { New-MemoryMap -Path $data -Offset -1 -ErrorAction Stop } | Should -Throw -ErrorId "ParameterArgumentValidationError,$cmd"
        }

        It 'names the path as the error target and goes on with the next item' {
            $maps = New-MemoryMap -Path (Join-Path $TestDrive 'none.bin'), $data -ErrorVariable errors -ErrorAction SilentlyContinue
            @($maps).Count | Should -Be 1
            $errors[0].TargetObject | Should -Be (Join-Path $TestDrive 'none.bin')
            $errors[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        }
    }

    Context 'LiteralPath' {
        It 'takes brackets literally' {
            $odd = Join-Path $TestDrive 'odd[1].bin'
            [IO.File]::WriteAllBytes($odd, [byte[]](1, 2, 3))
            (New-MemoryMap -LiteralPath $odd).Size | Should -Be 3
        }

        It 'binds Get-ChildItem output by PSPath and maps each file' {
            $dir = New-Item -ItemType Directory (Join-Path $TestDrive ([guid]::NewGuid()))
            Copy-Item $data (Join-Path $dir 'one.bin')
            Copy-Item $data (Join-Path $dir 'two.bin')
            $maps = Get-ChildItem $dir -Filter *.bin | New-MemoryMap
            $maps.Count | Should -Be 2
            $maps.Path | Sort-Object | Should -Be (Get-ChildItem $dir -Filter *.bin).FullName
        }

        It 'names the plain path as the TargetObject of an error about a piped file, as its message does' {
            $dir = New-Item -ItemType Directory (Join-Path $TestDrive ([guid]::NewGuid()))
            $empty = New-Item -ItemType File (Join-Path $dir 'empty.bin')
            Get-ChildItem $dir | New-MemoryMap -ErrorVariable failed -ErrorAction SilentlyContinue
            $failed[0].FullyQualifiedErrorId | Should -Be "file_too_short,$cmd"
            $failed[0].TargetObject | Should -BeExactly $empty.FullName
            $failed[0].Exception.Message | Should -BeLike "*'$($empty.FullName)'*"
        }

        It 'quotes a sysfs file''s path once in the OS''s refusal' {
            $sysfs = '/sys/kernel/mm/transparent_hugepage/enabled'
            if (-not (Test-Path $sysfs)) { Set-ItResult -Skipped -Because "this system has no $sysfs (Linux with transparent huge pages) to map" }
            Get-Item $sysfs | New-MemoryMap -ErrorVariable failed -ErrorAction SilentlyContinue
            $failed[0].Exception.Message | Should -BeLike "* of '$sysfs': *"
            $failed[0].Exception.Message | Should -Not -BeLike "*''*"
            $failed[0].TargetObject | Should -BeExactly $sysfs
        }

        It 'accepts the PSPath alias' {
            (New-MemoryMap -PSPath $data).Path | Should -Be $data
        }

        It 'reports a missing file as no_file' {
            { New-MemoryMap -LiteralPath (Join-Path $TestDrive 'none.bin') -ErrorAction Stop } | Should -Throw -ErrorId "no_file,$cmd"
        }
    }

    Context 'Tag' {
        BeforeEach {
            $tag = "mmap-p-$([guid]::NewGuid().ToString('N').Substring(0, 16))"
        }
        AfterEach {
            Get-MemoryMap -Tag $tag | Remove-MemoryMap -Unlink -ErrorAction SilentlyContinue
        }

        It 'creates a read-write tag and opens the same memory again' {
            $a = New-MemoryMap -Tag $tag -Size 4KB
            $a.Kind | Should -Be 'Shared'
            $a.Access | Should -Be 'ReadWrite'
            $a.Tag | Should -Be $tag
            $a | Write-MemoryMap -String 'hi' -Offset 0
            $b = New-MemoryMap -Tag $tag -TagMode OpenExisting -Access Read
            $b.Size | Should -Be 4096
            $b | Read-MemoryMap -Count 2 -AsString | Should -Be 'hi'
        }

        It 'creates no tag with -WhatIf' {
            Invoke-Hostless 'param($t) New-MemoryMap -Tag $t -Size 4KB -WhatIf' $tag | Should -BeNullOrEmpty
            { New-MemoryMap -Tag $tag -TagMode OpenExisting -ErrorAction Stop } | Should -Throw -ErrorId "no_file,$cmd"
        }

        It 'reports OpenExisting on a missing tag as no_file' {
            { New-MemoryMap -Tag $tag -TagMode OpenExisting -ErrorAction Stop } | Should -Throw -ErrorId "no_file,$cmd"
        }

        It 'reports CreateNew on an existing tag as already_exists (ResourceExists)' {
            $null = New-MemoryMap -Tag $tag -Size 4KB
            $null = New-MemoryMap -Tag $tag -Size 4KB -TagMode CreateNew -ErrorVariable errors -ErrorAction SilentlyContinue
            $errors[0].FullyQualifiedErrorId | Should -Be "already_exists,$cmd"
            $errors[0].CategoryInfo.Category | Should -Be 'ResourceExists'
            $errors[0].TargetObject | Should -Be $tag
        }

        It 'refuses a bad tag as invalid_argument' {
            { New-MemoryMap -Tag 'a/b' -Size 4KB -ErrorAction Stop } | Should -Throw -ErrorId "invalid_argument,$cmd"
        }

        It 'refuses a bad -Permission as invalid_argument and creates nothing' {
            { New-MemoryMap -Tag $tag -Size 4KB -Permission '644x' -ErrorAction Stop } | Should -Throw -ErrorId "invalid_argument,$cmd"
            { New-MemoryMap -Tag $tag -TagMode OpenExisting -ErrorAction Stop } | Should -Throw -ErrorId "no_file,$cmd"
        }

        It 'gives a new tag the -Permission asked for' {
            if (-not $IsLinux) { Set-ItResult -Skipped -Because 'only Linux shows a tag as a file (/dev/shm) whose mode can be read' }
            $null = New-MemoryMap -Tag $tag -Size 4KB -Permission 'rw-r-----'
            (Get-Item "/dev/shm/$tag").UnixMode | Should -Be '-rw-r-----'
            $null = New-MemoryMap -Tag "$tag-o" -Size 4KB -Permission '0640'
            (Get-Item "/dev/shm/$tag-o").UnixMode | Should -Be '-rw-r-----'
            Get-MemoryMap -Tag "$tag-o" | Remove-MemoryMap -Unlink
        }

        It 'needs -Size to create a tag' {
            { New-MemoryMap -Tag $tag -ErrorAction Stop } | Should -Throw -ErrorId "no_file,$cmd"
        }

        It 'completes existing tags' {
            if (-not $IsLinux) { Set-ItResult -Skipped -Because 'only Linux lists the tags that exist (/dev/shm)' }
            $null = New-MemoryMap -Tag $tag -Size 4KB
            $line = "New-MemoryMap -Tag $($tag.Substring(0, 12))"
            $result = TabExpansion2 -inputScript $line -cursorColumn $line.Length
            $result.CompletionMatches.CompletionText | Should -Contain $tag
        }

        It 'completes -Permission with permission modes, not file names' {
            $line = 'New-MemoryMap -Tag x -Size 4KB -Permission 6'
            $found = (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches
            $found.CompletionText | Should -Be "'600'", "'640'", "'644'", "'660'", "'664'", "'666'"
            ($found | Where-Object CompletionText -EQ "'644'").ToolTip | Should -Be 'rw-r--r--'
            $line = 'New-MirroredMap -Tag x -Size 4KB -Permission '
            (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -Contain "'600'"
        }

        It 'shares a counter and a status with another pwsh process' {
            $counter = New-MemoryMap -Tag $tag -Size 4KB
            $module = Join-Path $PSScriptRoot '../../out/Mmap'
            $job = Start-Job -ScriptBlock {
                Import-Module $using:module
                $map = New-MemoryMap -Tag $using:tag -TagMode OpenExisting
                foreach ($i in 1..100) {
                    $n = [BitConverter]::ToInt64(($map | Read-MemoryMap -Count 8), 0) + 1
                    $map | Write-MemoryMap -Value ([BitConverter]::GetBytes([long]$n))
                }
                $map | Write-MemoryMap -String 'done' -Offset 8
                $map | Remove-MemoryMap
            }
            $job | Wait-Job -Timeout 120 | Receive-Job -ErrorAction Stop
            $job.State | Should -Be 'Completed'
            [BitConverter]::ToInt64(($counter | Read-MemoryMap -Count 8), 0) | Should -Be 100
            $counter | Read-MemoryMap -Offset 8 -Count 4 -AsString | Should -Be 'done'
            $job | Remove-Job -Force
        }
    }

    Context 'Placement' {
        It 'places anonymous memory below 2 GiB with Low' {
            if ($IsMacOS) { Set-ItResult -Skipped -Because 'macOS keeps the first 4 GiB of a 64-bit process unmapped' }
            $map = New-MemoryMap -Anonymous -Size 64KB -Placement Low
            [uint64]$map.Address.ToInt64() + 64KB | Should -BeLessOrEqual 2GB
        }

        It 'places a file map above 4 GiB with High' {
            $map = New-MemoryMap -Path $data -Placement High
            [uint64]$map.Address.ToInt64() | Should -BeGreaterOrEqual 0x100000000
        }

        It 'refuses an -Address outside the placement window as invalid_argument' {
            { New-MemoryMap -Anonymous -Size 64KB -Placement High -Address 0x10000000 -ErrorAction Stop } | Should -Throw -ErrorId "invalid_argument,$cmd"
        }
    }

    Context 'Anonymous' {
        It 'says with -Verbose what it mapped' {
            $lines = (New-MemoryMap -Anonymous -Size 4KB -Verbose 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Message
            $map = Get-MemoryMap
            $lines | Should -Be "Mapped anonymous memory (ReadWrite, 4 KiB at 0x$('{0:X}' -f $map.Address.ToInt64()), map #$($map.Id))"
        }

        It 'maps zeroed read-write memory' {
            $map = New-MemoryMap -Anonymous -Size 64KB
            $map.Kind | Should -Be 'Anonymous'
            $map.Access | Should -Be 'ReadWrite'
            $map.Path | Should -BeNullOrEmpty
            ($map | Read-MemoryMap -Count 16) | Should -Be ([byte[]]::new(16))
        }

        It 'requires -Size' {
            { New-MemoryMap -Anonymous -ErrorAction Stop } | Should -Throw -ErrorId "MissingMandatoryParameter,$cmd"
        }

        It 'has no -Offset' {
            { New-MemoryMap -Anonymous -Size 4KB -Offset 4096 -ErrorAction Stop } | Should -Throw -ErrorId "AmbiguousParameterSet,$cmd"
        }
    }
    Context 'Large pages' {
        BeforeAll {
            $pool = '/sys/kernel/mm/hugepages/hugepages-2048kB/nr_hugepages'
            # Root resizes the machine's 2 MiB pool; each test puts the old size back after. True when the pool got that size.
            $resizePool = {
                param([long]$Pages)
                try { [IO.File]::WriteAllText($pool, "$Pages") } catch [UnauthorizedAccessException] { return $false }
                return ([long][IO.File]::ReadAllText($pool).Trim()) -eq $Pages
            }
        }
        BeforeEach {
            $poolBefore = if (Test-Path $pool) { [IO.File]::ReadAllText($pool).Trim() } else { $null }
        }
        AfterEach {
            Get-MemoryMap | Remove-MemoryMap
            [GC]::Collect(); [GC]::WaitForPendingFinalizers() # unmaps ranges retired in place, giving their pages back
            if ($null -ne $poolBefore) { [IO.File]::WriteAllText($pool, $poolBefore) }
        }

        It 'maps anonymous memory on 2 MiB pages, in whole pages, as the kernel reports' {
            if ($null -eq $poolBefore -or -not (& $resizePool ([long]$poolBefore + 2))) { Set-ItResult -Skipped -Because 'reserving 2 MiB pages needs Linux, root and 2 free 2 MiB blocks' }
            $freeBefore = (Get-PageSize -LargePages | Where-Object Size -EQ 2MB).Free
            $map = New-MemoryMap -Anonymous -Size 3MB -PageSize 2MB
            $map.Size | Should -Be 4MB
            $map.PageSize | Should -Be 2MB
            $map | Write-MemoryMap -String 'huge' -Offset (4MB - 4)
            $map | Read-MemoryMap -Offset (4MB - 4) -Count 4 -AsString | Should -Be 'huge'
            (Get-PageSize -LargePages | Where-Object Size -EQ 2MB).Free | Should -Be ($freeBefore - 2)
        }

        It 'says how to reserve pages when the pool has none free' {
            if ($null -eq $poolBefore -or -not (& $resizePool 0)) { Set-ItResult -Skipped -Because 'emptying the 2 MiB pool needs Linux and root' }
            { New-MemoryMap -Anonymous -Size 2MB -LargePages -ErrorAction Stop } | Should -Throw -ErrorId "out_of_mem,$cmd"
            New-MemoryMap -Anonymous -Size 2MB -PageSize 2MB -ErrorAction SilentlyContinue -ErrorVariable failed
            $failed[0].Exception.Message | Should -Match 'echo 1 > /sys/kernel/mm/hugepages/hugepages-2048kB/nr_hugepages'
            Get-MemoryMap | Should -BeNullOrEmpty
        }

        It 'refuses a page size the system does not offer' {
            { New-MemoryMap -Anonymous -Size 4KB -PageSize 3MB -ErrorAction Stop } | Should -Throw -ErrorId "invalid_argument,$cmd"
            Get-MemoryMap | Should -BeNullOrEmpty
        }

        It 'refuses -PageSize and -LargePages together' {
            { New-MemoryMap -Anonymous -Size 4KB -PageSize 2MB -LargePages -ErrorAction Stop } | Should -Throw -ErrorId "invalid_argument,$cmd"
        }

        It 'takes a page size for anonymous memory only' {
            { New-MemoryMap -Path $data -PageSize 2MB -ErrorAction Stop } | Should -Throw -ErrorId "AmbiguousParameterSet,$cmd"
        }

        It 'gives normal pages their own size' {
            (New-MemoryMap -Anonymous -Size 4KB).PageSize | Should -Be ([Environment]::SystemPageSize)
        }
    }
}
