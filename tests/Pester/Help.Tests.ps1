# The help a user gets from out/Mmap: every cmdlet's Get-Help -Full is complete, about_Mmap is found, every example
# of every help page runs, and the committed help (src/Mmap.PowerShell/en-US) is what docs/*.md generate.
[System.Diagnostics.CodeAnalysis.SuppressMessageAttribute('PSUseDeclaredVarsMoreThanAssignments', '', Justification = 'Pester scoping: variables set in BeforeAll and BeforeEach are read in the It blocks, which this rule does not connect to them')]
param()

BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot '../../out/Mmap')
    $cmdlets = @(Get-Command -Module Mmap -CommandType Cmdlet | ForEach-Object { @{ Name = $_.Name } })

    # Cmdlet examples as Get-Help gives them (the shipped MAML); the about topic's from its page, which the last
    # Describe proves is what the shipped text was made from.
    $examples = @(foreach ($cmdlet in $cmdlets) {
            foreach ($example in (Get-Help $cmdlet.Name -Full).examples.example) {
                @{ Page = $cmdlet.Name; Title = $example.title.Trim(' -'); Code = $example.code }
            }
        })
    Import-Module (Join-Path $PSScriptRoot '../../tools/Help/MarkdownText.psm1')
    $heading = ''
    foreach ($block in Split-MarkdownBlock (Get-Content (Join-Path $PSScriptRoot '../../docs/about_Mmap.md') -Raw)) {
        if ($block.Kind -eq 'Heading') { $heading = $block.Text }
        elseif ($block.Kind -eq 'Code') { $examples += @{ Page = 'about_Mmap'; Title = $heading; Code = $block.Text } }
    }
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot '../../out/Mmap')
    Import-Module (Join-Path $PSScriptRoot 'Support/Hostless.psm1')
    $root = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
    Import-Module (Join-Path $root 'tools/ToolModules.psm1')
}

Describe 'Get-Help -Full <Name>' -ForEach $cmdlets {
    BeforeAll {
        $help = Get-Help $Name -Full
        $command = Get-Command $Name
        $text = $help | Out-String -Width 200
    }

    It 'has a synopsis and a description' {
        # Without MAML, Get-Help makes the synopsis from the syntax.
        $help.Synopsis | Should -Not -BeNullOrEmpty
        $help.Synopsis | Should -Not -BeLike '*<CommonParameters>*'
        ($help.description.Text -join '').Trim() | Should -Not -BeNullOrEmpty
    }

    It 'describes every parameter with its type and its default value' {
        $declared = $command.Parameters.Values | Where-Object Name -NotIn ([System.Management.Automation.PSCmdlet]::CommonParameters)
        foreach ($parameter in $declared) {
            $documented = $help.parameters.parameter | Where-Object name -EQ $parameter.Name
            $documented | Should -Not -BeNullOrEmpty -Because "-$($parameter.Name) needs a help entry"
            ($documented.description.Text -join '').Trim() | Should -Not -BeNullOrEmpty -Because "-$($parameter.Name) needs a description"
            $documented.type.name | Should -Be $parameter.ParameterType.FullName -Because "-$($parameter.Name)'s help gives its type"
            $documented.defaultValue | Should -Not -BeNullOrEmpty -Because "-$($parameter.Name)'s help gives its default value"
        }
    }

    It 'has at least two examples, with code and no markdown fences' {
        $help.examples.example.Count | Should -BeGreaterOrEqual 2
        foreach ($example in $help.examples.example) {
            $example.code | Should -Not -BeNullOrEmpty -Because "$($example.title) needs code"
            $example.code | Should -Not -Match '```'
        }
    }

    It 'holds no PlatyPS placeholder' {
        $text | Should -Not -Match '\{\{'
    }

    It 'goes online to its page under the ProjectUri, and lists related pages by name' {
        $command.HelpUri | Should -Be "$($command.Module.ProjectUri)/blob/main/docs/$Name.md"
        foreach ($link in $help.relatedLinks.navigationLink | Where-Object uri) {
            [uri]::IsWellFormedUriString($link.uri, 'Absolute') | Should -BeTrue -Because "$($link.linkText) links to $($link.uri)"
        }
        $text | Should -Not -Match '(\S+) \1\.md'
    }
}

Describe 'Get-Help about_Mmap' {
    It 'shows the topic with every cmdlet in it' {
        $about = Get-Help about_Mmap | Out-String
        $about | Should -Match 'about_Mmap'
        $about | Should -Match 'SHORT DESCRIPTION'
        foreach ($name in (Get-Command -Module Mmap).Name) { $about | Should -Match $name }
    }
}

Describe 'Help example, <Page>: <Title>' -ForEach $examples {
    BeforeAll {
        # Tags are machine-wide: give those the example names a suffix of this run's own, so runs at the same time
        # on one machine cannot meet. The code is otherwise run as printed.
        $suffix = [guid]::NewGuid().ToString('N').Substring(0, 8)
        $named = "(?:-Tag\s+'?|::\w+\(')([A-Za-z][\w-]*)(?=['\s)]|`$)"
        $tags = @([regex]::Matches($Code, $named) | ForEach-Object { $_.Groups[1].Value } | Sort-Object -Unique)
        $runnable = $Code
        foreach ($tag in $tags) { $runnable = [regex]::Replace($runnable, "\b$([regex]::Escape($tag))\b", "$tag-$suffix") }
        $tags = $tags | ForEach-Object { "$_-$suffix" }
        # As installed: recipes that start with Import-Module Mmap find it by name (the module this session imported).
        $savedModulePath = $env:PSModulePath
        $env:PSModulePath = "$(Join-Path $root 'out')$([IO.Path]::PathSeparator)$savedModulePath"
    }

    AfterAll {
        $env:PSModulePath = $savedModulePath
    }

    BeforeEach {
        # The files the examples name, in a folder of this example's own.
        $dir = Join-Path $TestDrive 'work'
        foreach ($folder in 'data', 'logs', 'job') { $null = New-Item -ItemType Directory -Path (Join-Path $dir $folder) -Force }
        foreach ($file in 'data.bin', 'firmware.bin', 'header.bin', 'report[2026].bin', 'data/a.bin', 'data/b.bin', 'job/output.dat') {
            [IO.File]::WriteAllBytes((Join-Path $dir $file), [byte[]]::new(64KB))
        }
        foreach ($file in 'logs/app.log', 'logs/web.log', 'job/run.log') { Set-Content -Path (Join-Path $dir $file) -Value 'a log line' }
        $png = [byte[]]::new(64)
        ([byte[]] (137, 80, 78, 71, 13, 10, 26, 10)).CopyTo($png, 0)
        [IO.File]::WriteAllBytes((Join-Path $dir 'image.png'), $png)
        Set-Content -Path (Join-Path $dir 'notes.txt') -Value ('Notes for the job. ' * 20)
        $tar = [byte[]]::new(1KB)
        [Text.Encoding]::ASCII.GetBytes('hello.txt').CopyTo($tar, 0)
        [Text.Encoding]::ASCII.GetBytes('ustar').CopyTo($tar, 257)
        [IO.File]::WriteAllBytes((Join-Path $dir 'archive.tar'), $tar)
        # Sparse, so the multi-GB recipes cost no disk.
        foreach ($file in @{ Name = 'big.bin'; Size = 2MB }, @{ Name = 'disk.img'; Size = 6GB }) {
            $stream = [IO.File]::Create((Join-Path $dir $file.Name))
            try { $stream.SetLength($file.Size) } finally { $stream.Dispose() }
        }
        Push-Location $dir
    }

    AfterEach {
        Pop-Location
        Get-MemoryMap | Where-Object Tag | Remove-MemoryMap -Unlink -Confirm:$false -ErrorAction SilentlyContinue
        Get-MemoryMap | Remove-MemoryMap
        foreach ($tag in $tags) {
            try { [Mmap.SharedMemory]::Unlink($tag) } catch { Write-Verbose "Tag $tag is gone already: $_" }
        }
    }

    It 'runs without an error' {
        # In a runspace with no user interface, where the examples' -WhatIf lines stay out of the test log.
        { Invoke-Hostless ("`$ErrorActionPreference = 'Stop'`n" + $runnable) -ErrorAction Stop | Out-String } | Should -Not -Throw
    }
}

Describe 'about_Mmap''s ByteRing recipe' {
    It 'runs as printed in a fresh pwsh where the module is only on PSModulePath (auto-loaded, never imported by path)' {
        $recipe = (Split-MarkdownBlock (Get-Content (Join-Path $root 'docs/about_Mmap.md') -Raw) |
                Where-Object { $_.Kind -eq 'Code' -and $_.Text -match 'ByteRing' } | Select-Object -First 1).Text
        $recipe | Should -Match '^# Producer\r?\nImport-Module Mmap'
        $tag = "logring-$([guid]::NewGuid().ToString('N').Substring(0, 8))"
        $script = Join-Path $TestDrive 'ring.ps1'
        Set-Content -LiteralPath $script -Value ("`$ErrorActionPreference = 'Stop'`n" + ($recipe -replace '\blogring\b', $tag))
        $exe = [Environment]::ProcessPath
        $lead = @(if ([IO.Path]::GetFileNameWithoutExtension($exe) -eq 'dotnet') { Join-Path $PSHOME 'pwsh.dll' })
        $saved = $env:PSModulePath
        try {
            $env:PSModulePath = "$(Join-Path $root 'out')$([IO.Path]::PathSeparator)$saved"   # out/Mmap, found by name
            $output = & $exe @lead -NoProfile -NonInteractive -File $script 2>&1 | Out-String
        }
        finally { $env:PSModulePath = $saved }
        $LASTEXITCODE | Should -Be 0 -Because $output
        $output | Should -Match 'hello at '
    }
}

Describe 'The committed help' {
    It 'is what docs/*.md generate' {
        if (-not (Find-ToolModule Microsoft.PowerShell.PlatyPS)) {
            Set-ItResult -Skipped -Because 'the pinned Microsoft.PowerShell.PlatyPS is on neither PSModulePath nor ../shared/tools/modules (CI has it), so the help cannot be regenerated here to compare'
            return
        }
        $fresh = Join-Path $TestDrive 'en-US'
        & (Join-Path $root 'tools/Help/Export-Help.ps1') -DocsPath (Join-Path $root 'docs') -OutputPath $fresh | Out-Null
        $committed = Join-Path $root 'src/Mmap.PowerShell/en-US'
        (Get-ChildItem $fresh).Name | Should -Be (Get-ChildItem $committed).Name
        foreach ($file in Get-ChildItem $committed) {
            Get-Content (Join-Path $fresh $file.Name) -Raw | Should -BeExactly (Get-Content $file.FullName -Raw) -Because "$($file.Name) must be regenerated: ./build.ps1 -Task Docs"
        }
    }

    It 'is laid out in out/Mmap/en-US by the build' {
        foreach ($file in Get-ChildItem (Join-Path $root 'src/Mmap.PowerShell/en-US')) {
            Get-Content (Join-Path $root "out/Mmap/en-US/$($file.Name)") -Raw | Should -BeExactly (Get-Content $file.FullName -Raw)
        }
    }
}
