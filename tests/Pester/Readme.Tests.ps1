# The README's PowerShell tour, run as a script in a fresh pwsh: every line runs, none errors, and the values
# its comments promise come out.
BeforeAll {
    $root = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path

    # The first powershell block after the tour's heading.
    function Get-TourScript {
        $readme = Get-Content -Raw (Join-Path $root 'README.md')
        $m = [regex]::Match($readme, '(?s)## PowerShell: a five-minute tour.*?```powershell\r?\n(.*?)```')
        if (-not $m.Success) { throw 'README.md has no powershell block under "## PowerShell: a five-minute tour".' }
        $m.Groups[1].Value
    }
}

Describe 'README tour' {
    It 'runs as a script with no error and prints what its comments say' {
        # A scratch folder whose ./out is the built module, so the tour runs exactly as written.
        $dir = New-Item -ItemType Directory (Join-Path $TestDrive ([guid]::NewGuid()))
        New-Item -ItemType SymbolicLink -Path (Join-Path $dir 'out') -Target (Join-Path $root 'out') | Out-Null
        $tour = Join-Path $dir 'tour.ps1'
        Set-Content -LiteralPath $tour -Value ("`$ErrorActionPreference = 'Stop'`n" + (Get-TourScript))

        $job = Start-Job -WorkingDirectory $dir -ScriptBlock { & $using:tour | Out-String -Width 200 }
        $text = $job | Receive-Job -Wait -ErrorVariable failures -ErrorAction SilentlyContinue
        $state = $job.State
        $job | Remove-Job

        $failures | Should -BeNullOrEmpty
        $state | Should -Be 'Completed'
        $text | Should -Match 'hello'
        $text | Should -Match 'step 3 of 7'
        $text | Should -Match '(?m)^ap\s*$'
        $text | Should -Match 'New-MemoryMap'
    }
}
