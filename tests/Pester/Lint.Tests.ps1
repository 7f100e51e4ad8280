# PSScriptAnalyzer finds nothing in what ./build.ps1 -Task Lint lints (tools/Invoke-Analyzer.ps1), so the test
# command, and CI through it, lint the scripts. It needs PSScriptAnalyzer 1.25.0, which NuGet does not serve.
BeforeAll {
    $root = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
    Import-Module (Join-Path $root 'tools/ToolModules.psm1')
}

Describe 'PSScriptAnalyzer' {
    It 'finds nothing in the scripts, the manifest and out/Mmap' {
        if (-not (Find-ToolModule PSScriptAnalyzer)) {
            Set-ItResult -Skipped -Because 'the pinned PSScriptAnalyzer is on neither PSModulePath nor ../shared/tools/modules (CI has it)'
            return
        }
        # In a child of the pinned pwsh, as the build runs it: the analyzer's assemblies stay out of this session.
        Push-Location $root
        try { $output = dotnet pwsh -NoProfile -NonInteractive -File tools/Invoke-Analyzer.ps1 2>&1 | Out-String }
        finally { Pop-Location }
        $LASTEXITCODE | Should -Be 0 -Because $output
        $output | Should -Match 'PSScriptAnalyzer: 0 finding\(s\)'
    }
}
