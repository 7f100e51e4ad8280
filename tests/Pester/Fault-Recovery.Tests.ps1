[System.Diagnostics.CodeAnalysis.SuppressMessageAttribute('PSUseDeclaredVarsMoreThanAssignments', '', Justification = 'Pester scoping: variables set in BeforeAll and BeforeEach are read in the It blocks, which this rule does not connect to them')]
param()

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot '../../out/Mmap')
    $recovery = [Mmap.FaultRecovery]::IsActive
    # Another process cuts the file: the cmdlets must give file_too_short, and this pwsh must live on.
    function Resize-FileElsewhere([string] $Path, [long] $Length) {
        $stream = [IO.FileStream]::new($Path, 'Open', 'ReadWrite', 'ReadWrite')
        try { $stream.SetLength($Length) } finally { $stream.Dispose() }
    }
}

Describe 'Fault recovery through the cmdlets' {
    BeforeEach {
        $file = Join-Path $TestDrive 'cut.bin'
        [IO.File]::WriteAllBytes($file, [byte[]]::new(64KB))
        $map = New-MemoryMap -Path $file -Access ReadWrite
    }
    AfterEach {
        Get-MemoryMap | Remove-MemoryMap
    }

    It 'Get-PageSize says whether recovery is active in this process, and why' {
        (Get-PageSize).FaultRecovery | Should -Match '^(active \(|off: )'
        ((Get-PageSize).FaultRecovery -like 'active*') | Should -Be $recovery
    }

    It 'is active on Linux x64 and arm64 and Windows x64: the module folder carries the handler for this machine' {
        $arch = [Runtime.InteropServices.RuntimeInformation]::ProcessArchitecture
        $shipped = ($IsLinux -and $arch -in 'X64', 'Arm64') -or ($IsWindows -and $arch -eq 'X64')
        if (-not $shipped) { Set-ItResult -Skipped -Because "no fault handler is shipped for $arch on this OS (macOS cannot be built here)" }
        if ($env:MMAP_FAULT_RECOVERY) { Set-ItResult -Skipped -Because "MMAP_FAULT_RECOVERY=$env:MMAP_FAULT_RECOVERY turns it off in this process" }
        $recovery | Should -BeTrue -Because (Get-PageSize).FaultRecovery
    }

    It 'Read-MemoryMap past a cut is file_too_short, names the size, and the map remembers the fault' {
        if (-not $IsLinux) { Set-ItResult -Skipped -Because 'cuts a mapped file (Windows refuses to) with truncate(1); checked on Linux' }
        Resize-FileElsewhere $file 4KB
        $map | Read-MemoryMap -Offset 32KB -Count 16 -ErrorAction SilentlyContinue -ErrorVariable failed | Should -BeNullOrEmpty
        $failed[0].FullyQualifiedErrorId | Should -BeLike 'file_too_short,*'
        $failed[0].Exception.Message | Should -BeLike '*is now 4096 bytes*'
        if ($recovery) { $map.Fault.Code | Should -Be 'file_too_short' }
    }

    It 'Write-MemoryMap past a cut is file_too_short' {
        if (-not $IsLinux) { Set-ItResult -Skipped -Because 'cuts a mapped file (Windows refuses to) with truncate(1); checked on Linux' }
        Resize-FileElsewhere $file 4KB
        { $map | Write-MemoryMap -Value ([byte[]](1, 2, 3)) -Offset 40KB -ErrorAction Stop } | Should -Throw -ErrorId 'file_too_short,*'
    }

    It 'a cut landing during a 32 MiB Read-MemoryMap gives the bytes or file_too_short, never a crash or zeros' {
        if (-not $IsLinux) { Set-ItResult -Skipped -Because 'cuts a mapped file (Windows refuses to) with truncate(1); checked on Linux' }
        $big = Join-Path $TestDrive 'big.bin'
        $fill = [byte[]]::new(32MB)
        [Array]::Fill($fill, [byte]0xA5)
        foreach ($round in 1..3) {
            [IO.File]::WriteAllBytes($big, $fill)
            $bigMap = New-MemoryMap -Path $big
            # truncate(1) runs in another process, started just before the read: the cut lands before, during or after it.
            $cut = Start-Process -FilePath truncate -ArgumentList '-s', '4096', $big -PassThru
            $bytes = $bigMap | Read-MemoryMap -Count 32MB -ErrorAction SilentlyContinue -ErrorVariable failed
            $cut.WaitForExit()
            if ($failed) { $failed[0].FullyQualifiedErrorId | Should -BeLike 'file_too_short,*' }
            else { [Array]::IndexOf($bytes, [byte]0) | Should -Be -1 }
            $bigMap | Remove-MemoryMap
        }
    }
}
