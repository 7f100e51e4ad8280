# The suite's own log, as `dotnet test Mmap.sln` prints it: no stray "What if:" lines, every skipped test named with
# its reason, and no test skipped without one.
[System.Diagnostics.CodeAnalysis.SuppressMessageAttribute('PSUseDeclaredVarsMoreThanAssignments', '', Justification = 'Pester scoping: variables set in BeforeAll and BeforeEach are read in the It blocks, which this rule does not connect to them')]
param()

BeforeAll {
    $root = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
}

Describe 'The Pester suite''s log' {
    It 'names every skipped test with its reason after the summary line' {
        $dir = New-Item -ItemType Directory (Join-Path $TestDrive 'suite')
        Set-Content -LiteralPath (Join-Path $dir 'Sample.Tests.ps1') -Value @'
Describe 'Sample' {
    It 'passes' { 1 | Should -Be 1 }
    It 'needs a tool' { Set-ItResult -Skipped -Because 'the tool is not installed here' }
    It 'skips bare' -Skip { 1 }
}
'@
        # A child pwsh: the runner imports Pester -Force, which would replace the Pester running this test.
        $pester = (Get-Module Pester).Path
        $exe = [Environment]::ProcessPath
        $lead = @(if ([IO.Path]::GetFileNameWithoutExtension($exe) -eq 'dotnet') { Join-Path $PSHOME 'pwsh.dll' })
        $output = & $exe @lead -NoProfile -NonInteractive -File (Join-Path $PSScriptRoot 'Invoke-PesterSuite.ps1') -PesterModule $pester -Path $dir -Verbosity None
        $LASTEXITCODE | Should -Be 0
        $output | Should -Be @(
            'pester: 1 passed, 0 failed, 2 skipped'
            'pester: skipped Sample.needs a tool: the tool is not installed here'
            'pester: skipped Sample.skips bare: no reason given (a bare -Skip)'
        )
    }

    It 'has no command given -WhatIf in the session running the suite, whose "What if:" lines would fill the log' {
        # Only Invoke-Hostless's scripts (strings, run in a runspace without a user interface) may use -WhatIf.
        $direct = foreach ($file in Get-ChildItem $PSScriptRoot -Filter *.Tests.ps1) {
            $ast = [System.Management.Automation.Language.Parser]::ParseFile($file.FullName, [ref] $null, [ref] $null)
            $ast.FindAll({
                    param($node)
                    $node -is [System.Management.Automation.Language.CommandParameterAst] -and $node.ParameterName -eq 'WhatIf'
                }, $true) | ForEach-Object { "$($file.Name):$($_.Extent.StartLineNumber)" }
        }
        $direct | Should -BeNullOrEmpty
    }

    It 'has no test or block skipped with a bare -Skip, which gives no reason: they use Set-ItResult -Skipped -Because' {
        $bare = foreach ($file in Get-ChildItem $PSScriptRoot -Filter *.Tests.ps1) {
            $ast = [System.Management.Automation.Language.Parser]::ParseFile($file.FullName, [ref] $null, [ref] $null)
            $ast.FindAll({
                    param($node)
                    $node -is [System.Management.Automation.Language.CommandAst] -and $node.GetCommandName() -in 'It', 'Describe', 'Context' -and
                    @($node.CommandElements | Where-Object { $_ -is [System.Management.Automation.Language.CommandParameterAst] -and $_.ParameterName -eq 'Skip' }).Count -gt 0
                }, $true) | ForEach-Object { "$($file.Name):$($_.Extent.StartLineNumber)" }
        }
        $bare | Where-Object { $_ -notlike 'Suite.Tests.ps1:*' } | Should -BeNullOrEmpty
    }
}
