[System.Diagnostics.CodeAnalysis.SuppressMessageAttribute('PSUseDeclaredVarsMoreThanAssignments', '', Justification = 'Pester scoping: variables set in BeforeAll and BeforeEach are read in the It blocks, which this rule does not connect to them')]
param()

# Calls that can run for more than a second (big reads, writes and flushes, -Populate, growing a file) show
# Write-Progress and stop within a second of StopProcessing (Ctrl+C), leaving nothing half-made. Each test runs one
# command in a runspace of its own and asks it to stop the moment its first progress record arrives: before the fix
# there was no progress, so nothing stopped the command and it ran to the end.
BeforeAll {
    $modulePath = (Resolve-Path (Join-Path $PSScriptRoot '../../out/Mmap')).Path
    Import-Module $modulePath
    if (-not ('MmapTests.StopOnFirstProgress' -as [type])) {
        Add-Type -TypeDefinition @'
using System.Diagnostics;
using System.Management.Automation;
using System.Threading;
namespace MmapTests
{
    /// <summary>Stops a PowerShell pipeline when its first progress record arrives, as a user's Ctrl+C would, and times
    /// how long the pipeline takes to end after that.</summary>
    public sealed class StopOnFirstProgress
    {
        private readonly Stopwatch _sinceStop = new Stopwatch();
        private int _records;
        public StopOnFirstProgress(PowerShell shell)
        {
            shell.Streams.Progress.DataAdded += (sender, e) =>
            {
                if (Interlocked.Increment(ref _records) != 1) return;
                _sinceStop.Start();
                shell.BeginStop(null, null);
            };
        }
        public int Records => _records;
        public double SecondsSinceStop => _sinceStop.Elapsed.TotalSeconds;
    }
}
'@
    }

    # Runs $Script in a new runspace with the module imported, stopping it at its first progress record. Returns what
    # happened: whether it was stopped, the progress records seen, the seconds from the stop to its end, and $Probe's
    # output, run in the same runspace afterwards.
    function Invoke-Stopped([string] $Script, [string] $Probe = '$null') {
        $runspace = [runspacefactory]::CreateRunspace()
        $runspace.Open()
        try {
            $shell = [powershell]::Create()
            $shell.Runspace = $runspace
            $null = $shell.AddScript("Import-Module '$modulePath'").Invoke()
            $shell.Commands.Clear()
            $null = $shell.AddScript($Script)
            $stopper = [MmapTests.StopOnFirstProgress]::new($shell)
            try { $null = $shell.Invoke() }
            catch { if (-not ($_.Exception.InnerException -is [System.Management.Automation.PipelineStoppedException])) { throw } }
            $seconds = $stopper.SecondsSinceStop
            $stopped = $shell.InvocationStateInfo.State -eq 'Stopped'
            $shell.Commands.Clear()
            $probed = $shell.AddScript($Probe).Invoke()
            $shell.Dispose()
            [pscustomobject]@{ Stopped = $stopped; Records = $stopper.Records; Seconds = $seconds; Probe = $probed }
        }
        finally { $runspace.Dispose() }
    }
}

Describe 'Long work shows progress and stops within a second' {
    BeforeEach {
        $file = Join-Path $TestDrive "long-$([guid]::NewGuid()).bin"
    }

    It 'Read-MemoryMap of 512 MiB' {
        $run = Invoke-Stopped '$m = New-MemoryMap -Anonymous -Size 512MB; $m | Read-MemoryMap' '(Get-MemoryMap).Count'
        $run.Stopped | Should -BeTrue
        $run.Records | Should -BeGreaterThan 0
        $run.Seconds | Should -BeLessThan 1
    }

    It 'Write-MemoryMap of 512 MiB: the steps before the stop are written, the rest is as it was' {
        $run = Invoke-Stopped '$m = New-MemoryMap -Anonymous -Size 512MB; $m | Write-MemoryMap -Value ([byte[]]::new(512MB))' '$null'
        $run.Stopped | Should -BeTrue
        $run.Seconds | Should -BeLessThan 1
    }

    It 'Sync-MemoryMap of 512 MiB' {
        Set-FileSize -Path $file -Size 512MB -Sparse
        $run = Invoke-Stopped "`$m = New-MemoryMap -LiteralPath '$file' -Access ReadWrite; `$m | Sync-MemoryMap"
        $run.Stopped | Should -BeTrue
        $run.Seconds | Should -BeLessThan 1
    }

    It 'New-MemoryMap -Populate of 512 MiB: the map is freed and the file it created is gone' {
        $run = Invoke-Stopped "New-MemoryMap -LiteralPath '$file' -Access ReadWrite -Size 512MB -Populate" `
            "@(Get-MemoryMap).Count; @([Mmap.MemoryMapRegistry]::GetLiveMaps() | Where-Object Path -EQ '$file').Count"
        $run.Stopped | Should -BeTrue
        $run.Seconds | Should -BeLessThan 1
        $run.Probe | Should -Be 0, 0
        $file | Should -Not -Exist
    }

    It 'New-MemoryMap -Populate of 512 MiB: a file it extended is cut back' {
        [IO.File]::WriteAllBytes($file, [byte[]](1..100))
        $run = Invoke-Stopped "New-MemoryMap -LiteralPath '$file' -Access ReadWrite -Size 512MB -Populate" '@(Get-MemoryMap).Count'
        $run.Stopped | Should -BeTrue
        $run.Probe | Should -Be 0
        [IO.File]::ReadAllBytes($file) | Should -Be (1..100)
    }

    It 'Set-FileSize growing a file by 512 MiB: the file is put back as it was' {
        [IO.File]::WriteAllBytes($file, [byte[]](1..100))
        $run = Invoke-Stopped "Set-FileSize -LiteralPath '$file' -Size 512MB"
        $run.Stopped | Should -BeTrue
        $run.Seconds | Should -BeLessThan 1
        [IO.File]::ReadAllBytes($file) | Should -Be (1..100)
    }

    It 'Set-FileSize creating a 512 MiB file: the file is gone' {
        $run = Invoke-Stopped "Set-FileSize -LiteralPath '$file' -Size 512MB"
        $run.Stopped | Should -BeTrue
        $file | Should -Not -Exist
    }

    It 'Lock-MemoryMap of 2 GiB: the steps locked before the stop are unlocked again' {
        if (-not $IsLinux) { Set-ItResult -Skipped -Because 'reads VmLck from /proc/self/status'; return }
        $locked = "(Get-Content /proc/self/status | Where-Object { `$_ -like 'VmLck:*' }) -replace '\s+', ' '"
        $before = & ([scriptblock]::Create($locked))
        $run = Invoke-Stopped '$m = New-MemoryMap -Anonymous -Size 2GB; $m | Lock-MemoryMap' "$locked; Get-MemoryMap | Remove-MemoryMap"
        $run.Stopped | Should -BeTrue
        $run.Seconds | Should -BeLessThan 1
        $run.Probe | Should -Be $before
    }

    It 'Measure-MemoryMap of a 4 TiB map without reserve' {
        if (-not $IsLinux) { Set-ItResult -Skipped -Because 'a terabyte map without reserve needs Linux'; return }
        $run = Invoke-Stopped '$m = New-MemoryMap -Anonymous -Size 4TB -NoReserve; $m | Measure-MemoryMap' 'Get-MemoryMap | Remove-MemoryMap'
        $run.Stopped | Should -BeTrue
        $run.Records | Should -BeGreaterThan 0
        $run.Seconds | Should -BeLessThan 1
    }

    It 'shows no progress for work of one step' {
        $shell = [powershell]::Create()
        try {
            $null = $shell.AddScript("Import-Module '$modulePath'; `$m = New-MemoryMap -Anonymous -Size 16MB -Populate; `$m | Read-MemoryMap | Out-Null; `$m | Remove-MemoryMap").Invoke()
            $shell.Streams.Progress | Should -BeNullOrEmpty
            $shell.Streams.Error | Should -BeNullOrEmpty
        }
        finally { $shell.Dispose() }
    }

    It 'shows progress to the end for work of several steps, and completes it' {
        $shell = [powershell]::Create()
        try {
            $null = $shell.AddScript("Import-Module '$modulePath'; `$m = New-MemoryMap -Anonymous -Size 64MB; `$m | Read-MemoryMap | Out-Null; `$m | Remove-MemoryMap").Invoke()
            $records = @($shell.Streams.Progress)
            $records.Count | Should -Be 5
            $records[0].StatusDescription | Should -Be '0 B of 64 MiB'
            $records[0].Activity | Should -BeLike 'Reading 64 MiB (67108864 bytes) at offset 0 of map #*'
            $records[-1].RecordType | Should -Be 'Completed'
        }
        finally { $shell.Dispose() }
    }
}
