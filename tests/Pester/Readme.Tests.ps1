# The README's PowerShell blocks, each run as a script in a fresh pwsh: every line runs, none errors, and the values
# its comments promise come out.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot '../../out/Mmap')
    $root = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path

    # The first powershell block after the heading $Heading, with each key of $Rename replaced by its value.
    function Get-ReadmeBlock([string] $Heading, [hashtable] $Rename = @{}) {
        $readme = Get-Content -Raw (Join-Path $root 'README.md')
        $m = [regex]::Match($readme, "(?s)## $([regex]::Escape($Heading)).*?``````powershell\r?\n(.*?)``````")
        if (-not $m.Success) { throw "README.md has no powershell block under `"## $Heading`"." }
        $block = $m.Groups[1].Value
        foreach ($name in $Rename.Keys) { $block = $block -replace "\b$([regex]::Escape($name))\b", $Rename[$name] }
        $block
    }

    # Runs $Script in a job (another pwsh) in a scratch folder whose ./out is the built module, so the block runs exactly
    # as written; returns its printed text, its errors and the job's final state.
    function Invoke-ReadmeScript([string] $Script) {
        $dir = New-Item -ItemType Directory (Join-Path $TestDrive ([guid]::NewGuid()))
        New-Item -ItemType SymbolicLink -Path (Join-Path $dir 'out') -Target (Join-Path $root 'out') | Out-Null
        $path = Join-Path $dir 'block.ps1'
        Set-Content -LiteralPath $path -Value ("`$ErrorActionPreference = 'Stop'`n" + $Script)
        $job = Start-Job -WorkingDirectory $dir -ScriptBlock { & $using:path | Out-String -Width 200 }
        $text = $job | Receive-Job -Wait -ErrorVariable failures -ErrorAction SilentlyContinue
        $result = @{ Text = $text; Failures = $failures; State = $job.State }
        $job | Remove-Job
        $result
    }
}

Describe 'README tour' {
    It 'runs as a script with no error and prints what its comments say' {
        $run = Invoke-ReadmeScript (Get-ReadmeBlock 'PowerShell: a five-minute tour')
        $run.Failures | Should -BeNullOrEmpty
        $run.State | Should -Be 'Completed'
        $run.Text | Should -Match 'hello'
        $run.Text | Should -Match 'step 3 of 7'
        $run.Text | Should -Match '(?m)^ap\s*$'
        $run.Text | Should -Match 'New-MemoryMap'
    }
}

Describe 'README numbers, search, patches, counters and tags' {
    It 'runs as a script with no error and prints what its comments say' {
        # The tag gets a name of this run's own, so runs at the same time on one machine cannot meet.
        $tag = "jobcounter-$([guid]::NewGuid().ToString('N').Substring(0, 8))"
        $run = Invoke-ReadmeScript (Get-ReadmeBlock 'PowerShell: numbers, search, verified patches, counters and tags' @{ jobcounter = $tag })
        $run.Failures | Should -BeNullOrEmpty
        $run.State | Should -Be 'Completed'
        $run.Text | Should -Match '(?m)^2303741511\s*$'
        $run.Text | Should -Match '40000'
        $run.Text | Should -Match '(?m)^1\s*$'
        $run.Text | Should -Match '(?m)^True\s*$'
        $run.Text | Should -Match $tag
        [Mmap.SharedMemory]::ListTags() | Should -Not -Contain $tag
    }
}
