# The README's snippets, run as pasted on a fresh clone: the PowerShell tour as a script in a fresh pwsh started in
# the clone (it must print what its comments promise and write nothing into the clone), and the C# snippets as the one
# program the README says they are, built with the project file it shows. (Its sh blocks are the build and test
# commands themselves, and the benchmarks, which take minutes: they are not run here.)
[System.Diagnostics.CodeAnalysis.SuppressMessageAttribute('PSUseDeclaredVarsMoreThanAssignments', '', Justification = 'Pester scoping: variables set in BeforeAll and BeforeEach are read in the It blocks, which this rule does not connect to them')]
param()

BeforeAll {
    $root = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
    $readme = Get-Content -Raw (Join-Path $root 'README.md')

    # The fenced blocks of a language, in the order of the page.
    function Get-ReadmeBlock([string] $Language) {
        @([regex]::Matches($readme, "(?s)``````$Language\r?\n(.*?)``````") | ForEach-Object { $_.Groups[1].Value })
    }

    # What a `git status` would show in the clone: its files and folders, with their sizes and times.
    function Get-CloneState {
        Get-ChildItem -LiteralPath $root -Force | Where-Object Name -NotIn 'out', '.git' |
            ForEach-Object { "$($_.Name) $($_.LastWriteTimeUtc.Ticks)" }
    }
}

Describe 'README tour' {
    It 'runs as a script in the clone with no error, prints what its comments say, and writes nothing into the clone' {
        $m = [regex]::Match($readme, '(?s)## PowerShell: a five-minute tour.*?```powershell\r?\n(.*?)```')
        $m.Success | Should -BeTrue -Because 'README.md has a powershell block under "## PowerShell: a five-minute tour"'
        $tour = Join-Path $TestDrive 'tour.ps1'
        # Tags and the temp folder are machine-wide: this run's own names, so two runs at once (two clones) cannot meet.
        $suffix = [guid]::NewGuid().ToString('N').Substring(0, 8)
        $script = $m.Groups[1].Value -replace '\bjobstatus\b', "jobstatus-$suffix" -replace '\bmmap-tour\b', "mmap-tour-$suffix"
        Set-Content -LiteralPath $tour -Value ("`$ErrorActionPreference = 'Stop'`n" + $script)
        $before = Get-CloneState

        $job = Start-Job -WorkingDirectory $root -ScriptBlock { & $using:tour | Out-String -Width 200 }
        $text = $job | Receive-Job -Wait -ErrorVariable failures -ErrorAction SilentlyContinue
        $state = $job.State
        $job | Remove-Job
        Remove-Item -LiteralPath (Join-Path ([IO.Path]::GetTempPath()) "mmap-tour-$suffix") -Recurse -Force -ErrorAction SilentlyContinue

        $failures | Should -BeNullOrEmpty
        $state | Should -Be 'Completed'
        $text | Should -Match 'hello'
        $text | Should -Match 'step 3 of 7'
        $text | Should -Match '(?m)^ap\s*$'
        $text | Should -Match 'New-MemoryMap'
        $text | Should -Match '(?m)^104\s*\r?\n101\s*\r?\n108\s*\r?\n108\s*\r?\n111\s*$'   # the Get-ChildItem line's bytes
        Get-CloneState | Should -Be $before
    }
}

Describe 'README numbers, search, patches, counters and tags' {
    It 'runs as a script in the clone with no error, prints what its comments say, and writes nothing into the clone' {
        $m = [regex]::Match($readme, '(?s)## PowerShell: numbers, search, verified patches, counters and tags.*?```powershell\r?\n(.*?)```')
        $m.Success | Should -BeTrue -Because 'README.md has a powershell block under "## PowerShell: numbers, search, verified patches, counters and tags"'
        $block = Join-Path $TestDrive 'data.ps1'
        $suffix = [guid]::NewGuid().ToString('N').Substring(0, 8)
        $script = $m.Groups[1].Value -replace '\bjobcounter\b', "jobcounter-$suffix" -replace '\bmmap-data\b', "mmap-data-$suffix"
        Set-Content -LiteralPath $block -Value ("`$ErrorActionPreference = 'Stop'`n" + $script)
        $before = Get-CloneState

        $job = Start-Job -WorkingDirectory $root -ScriptBlock { & $using:block | Out-String -Width 200 }
        $text = $job | Receive-Job -Wait -ErrorVariable failures -ErrorAction SilentlyContinue
        $state = $job.State
        $job | Remove-Job
        Remove-Item -LiteralPath (Join-Path ([IO.Path]::GetTempPath()) "mmap-data-$suffix") -Recurse -Force -ErrorAction SilentlyContinue

        $failures | Should -BeNullOrEmpty
        $state | Should -Be 'Completed'
        $text | Should -Match '(?m)^2303741511\s*$'
        $text | Should -Match '40000'
        $text | Should -Match '(?m)^1\s*$'
        $text | Should -Match '(?m)^True\s*$'
        $text | Should -Match "jobcounter-$suffix"
        Get-ChildItem -LiteralPath /dev/shm -ErrorAction SilentlyContinue | Where-Object Name -EQ "jobcounter-$suffix" | Should -BeNullOrEmpty
        Get-CloneState | Should -Be $before
    }
}

Describe 'README C# snippets' {
    It 'build with the project file the README shows and run, in order, as one program' {
        $project = @(Get-ReadmeBlock 'xml')
        $project | Should -HaveCount 1
        $code = @(Get-ReadmeBlock 'csharp')
        $code.Count | Should -BeGreaterOrEqual 4
        $dir = New-Item -ItemType Directory (Join-Path $TestDrive 'csharp')
        Set-Content -LiteralPath (Join-Path $dir 'Readme.csproj') -Value ($project[0] -replace 'path/to/Mmap', $root)
        # Tags are machine-wide: the README's tag gets this run's own suffix so two runs at once cannot meet.
        $tag = "my-app-state-$([guid]::NewGuid().ToString('N').Substring(0, 8))"
        Set-Content -LiteralPath (Join-Path $dir 'Program.cs') -Value (($code -join "`n") -replace '"my-app-state"', "`"$tag`"")

        Push-Location $dir
        try {
            $build = dotnet build -c Release -nologo -v:quiet 2>&1 | Out-String
            $LASTEXITCODE | Should -Be 0 -Because $build
            $run = dotnet run -c Release --no-build 2>&1 | Out-String
            $LASTEXITCODE | Should -Be 0 -Because $run
        }
        finally { Pop-Location }
        $run | Should -Match '(?m)^42 hello$'
        $run | Should -Match 'Below 2 GiB'
        Join-Path $dir 'data.bin' | Should -Exist
    }
}
