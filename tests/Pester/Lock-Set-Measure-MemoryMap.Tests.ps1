[System.Diagnostics.CodeAnalysis.SuppressMessageAttribute('PSUseDeclaredVarsMoreThanAssignments', '', Justification = 'Pester scoping: variables set in BeforeAll and BeforeEach are read in the It blocks, which this rule does not connect to them')]
param()

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'Support/Hostless.psm1')
    Import-Module (Join-Path $PSScriptRoot '../../out/Mmap')
}

Describe 'Lock-MemoryMap, Unlock-MemoryMap, Set-MemoryMap -Advice, Measure-MemoryMap' {
    BeforeEach {
        $map = New-MemoryMap -Anonymous -Size 256KB
    }
    AfterEach {
        Get-MemoryMap | Remove-MemoryMap
    }

    It 'measures untouched memory as not resident, and a touched page with its part in the range' {
        $before = $map | Measure-MemoryMap
        $before.GetType().FullName | Should -Be 'Mmap.Commands.MapResidency'
        $before.ResidentBytes | Should -Be 0
        $before.Length | Should -Be 256KB
        $map | Write-MemoryMap -Value ([byte[]](1)) -Offset 8KB
        ($map | Measure-MemoryMap).ResidentBytes | Should -Be 4KB
        ($map | Measure-MemoryMap -Offset (8KB + 96) -Length 1000).ResidentBytes | Should -Be 1000
        ($map | Measure-MemoryMap 0 8KB).ResidentPercent | Should -Be 0
    }

    It 'locks every page in, says so with -Verbose, and unlocks' {
        $said = $map | Lock-MemoryMap -Verbose 4>&1
        $said.Message | Should -Contain "Locked 256 KiB (262144 bytes) at offset 0 of map #$($map.Id)"
        ($map | Measure-MemoryMap).ResidentPercent | Should -Be 100
        ($map | Unlock-MemoryMap -PassThru).Id | Should -Be $map.Id
        { $map | Unlock-MemoryMap -ErrorAction Stop } | Should -Not -Throw -Because 'unlocking what is not locked is no error'
    }

    It 'locks nothing with -WhatIf' {
        Invoke-Hostless 'param($m) $m | Lock-MemoryMap -WhatIf' $map
        ($map | Measure-MemoryMap).ResidentBytes | Should -Be 0
    }

    It 'advises a live map, a range of it, and a new map' {
        ($map | Set-MemoryMap -Advice Sequential -PassThru).Id | Should -Be $map.Id
        $map | Set-MemoryMap -Advice WillNeed -Offset 4KB -Length 4KB
        $new = New-MemoryMap -Anonymous -Size 64KB -Advice Random
        $new.Size | Should -Be 64KB
        ($map | Set-MemoryMap -Advice Random -Verbose 4>&1).Message | Should -Contain "Advised Random for 256 KiB (262144 bytes) at offset 0 of map #$($map.Id)"
    }

    It 'gives the kernel the advice: VmFlags of the mapping show rr (Random) and sr (Sequential)' {
        if (-not $IsLinux) { Set-ItResult -Skipped -Because 'reads /proc/self/smaps'; return }
        function Get-MappingFlag($m) {
            $start = '{0:x}-' -f $m.Address.ToInt64()
            $lines = Get-Content "/proc/$PID/smaps"
            $at = [array]::FindIndex($lines, [Predicate[string]] { param($l) $l.StartsWith($start) })
            ($lines[($at + 1)..($at + 30)] | Where-Object { $_ -like 'VmFlags:*' } | Select-Object -First 1) -split ' '
        }
        $new = New-MemoryMap -Anonymous -Size 64KB -Advice Random
        Get-MappingFlag $new | Should -Contain 'rr'
        $new | Set-MemoryMap -Advice Sequential
        Get-MappingFlag $new | Should -Contain 'sr'
        Get-MappingFlag $new | Should -Not -Contain 'rr'
        $new | Set-MemoryMap -Advice Normal
        Get-MappingFlag $new | Should -Not -Contain 'sr'
    }

    It 'refuses a range outside the map as invalid_argument, for each cmdlet, and goes on with the next map' {
        foreach ($name in 'Lock-MemoryMap', 'Unlock-MemoryMap', 'Measure-MemoryMap') {
            { $map | & $name -Offset 300KB -ErrorAction Stop } | Should -Throw -ErrorId "invalid_argument,Mmap.Commands.$($name -replace '-', '')Command"
            { $map | & $name -Offset 0 -Length 300KB -ErrorAction Stop } | Should -Throw -ErrorId 'invalid_argument,*'
        }
        { $map | Set-MemoryMap -Advice Random -Offset 300KB -ErrorAction Stop } | Should -Throw -ErrorId 'invalid_argument,Mmap.Commands.SetMemoryMapCommand'
        { $map | Set-MemoryMap -Advice Nonsense -ErrorAction Stop } | Should -Throw -ErrorId 'CannotConvertArgumentNoMessage,*'
        $other = New-MemoryMap -Anonymous -Size 4KB
        $results = $map, $other | Measure-MemoryMap -Offset 8KB -ErrorVariable failed -ErrorAction SilentlyContinue
        @($results).Count | Should -Be 1
        $failed.FullyQualifiedErrorId | Should -Be 'invalid_argument,Mmap.Commands.MeasureMemoryMapCommand'
        ($map | Measure-MemoryMap).ResidentBytes | Should -Be 0
    }

    It 'reports a freed map as map_freed' {
        $map | Remove-MemoryMap
        { $map | Lock-MemoryMap -ErrorAction Stop } | Should -Throw -ErrorId 'map_freed,*'
        { $map | Measure-MemoryMap -ErrorAction Stop } | Should -Throw -ErrorId 'map_freed,*'
    }

    It 'is out_of_mem naming RLIMIT_MEMLOCK in a pwsh without CAP_IPC_LOCK, and locks nothing' {
        if (-not $IsLinux -or (id -u) -ne '0' -or -not (Get-Command setpriv -ErrorAction SilentlyContinue)) {
            Set-ItResult -Skipped -Because 'needs root on Linux and setpriv to drop CAP_IPC_LOCK'
            return
        }
        $exe = [Environment]::ProcessPath
        $lead = @(if ([IO.Path]::GetFileNameWithoutExtension($exe) -eq 'dotnet') { Join-Path $PSHOME 'pwsh.dll' })
        # The hard limit here is 8 MiB and root cannot raise it (no CAP_SYS_RESOURCE), so this is one step refused whole;
        # the undo of steps already locked is tested by a stop, below.
        $script = Join-Path $TestDrive 'lock.ps1'
        Set-Content -LiteralPath $script -Value @"
Import-Module '$((Get-Module Mmap).Path)'
`$map = New-MemoryMap -Anonymous -Size 1MB
`$map | Lock-MemoryMap -ErrorVariable failed -ErrorAction SilentlyContinue
"id `$(`$failed[0].FullyQualifiedErrorId)"
"message `$(`$failed[0].Exception.Message)"
"locked `$((Get-Content /proc/self/status | Where-Object { `$_ -like 'VmLck:*' }) -replace '\s+', ' ')"
"@
        $output = sh -c "ulimit -l 64 && exec setpriv --inh-caps=-ipc_lock --bounding-set=-ipc_lock -- '$exe' $($lead -join ' ') -NoProfile -NonInteractive -File '$script'" 2>&1 | Out-String
        $output | Should -Match 'id out_of_mem,Mmap.Commands.LockMemoryMapCommand'
        $output | Should -Match 'RLIMIT_MEMLOCK\) is 64 KiB'
        $output | Should -Match 'ulimit -l'
        $output | Should -Match 'locked VmLck: 0 kB' -Because 'a refused lock locks nothing'
    }

    It 'survives Format-List *, Select-Object * and ConvertTo-Json' {
        $measured = $map | Measure-MemoryMap
        { $measured | Format-List * | Out-String } | Should -Not -Throw
        ($measured | Select-Object *).Length | Should -Be 256KB
        ($measured | ConvertTo-Json -Depth 1 -WarningAction SilentlyContinue | ConvertFrom-Json).ResidentBytes | Should -Be 0
    }
}
