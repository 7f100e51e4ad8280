# The README's second PowerShell block (numbers, search, patches, counters, tags), run as a script in a fresh pwsh:
# every line runs, none errors but the one its comment says, and the values its comments promise come out.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot '../../out/Mmap')
    $root = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
    $readme = Get-Content -Raw (Join-Path $root 'README.md')
    $m = [regex]::Match($readme, '(?s)## PowerShell: numbers, search, verified patches, counters and tags.*?```powershell\r?\n(.*?)```')
    if (-not $m.Success) { throw 'README.md has no powershell block under "## PowerShell: numbers, search, verified patches, counters and tags".' }
    $block = $m.Groups[1].Value
}

Describe 'README data tour' {
    It 'runs as a script with no error and prints what its comments say' {
        $dir = New-Item -ItemType Directory (Join-Path $TestDrive ([guid]::NewGuid()))
        New-Item -ItemType SymbolicLink -Path (Join-Path $dir 'out') -Target (Join-Path $root 'out') | Out-Null
        # The tag gets a name of this run's own, so runs at the same time on one machine cannot meet.
        $tag = "jobcounter-$([guid]::NewGuid().ToString('N').Substring(0, 8))"
        $script = Join-Path $dir 'data.ps1'
        Set-Content -LiteralPath $script -Value ("`$ErrorActionPreference = 'Stop'`n" + ($block -replace '\bjobcounter\b', $tag))

        $job = Start-Job -WorkingDirectory $dir -ScriptBlock { & $using:script | Out-String -Width 200 }
        $text = $job | Receive-Job -Wait -ErrorVariable failures -ErrorAction SilentlyContinue
        $state = $job.State
        $job | Remove-Job

        $failures | Should -BeNullOrEmpty
        $state | Should -Be 'Completed'
        $text | Should -Match '(?m)^2303741511\s*$'
        $text | Should -Match '40000'
        $text | Should -Match '(?m)^1\s*$'
        $text | Should -Match '(?m)^True\s*$'
        $text | Should -Match $tag
        [Mmap.SharedMemory]::ListTags() | Should -Not -Contain $tag
    }
}
