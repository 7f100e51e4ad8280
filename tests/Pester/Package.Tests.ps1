# The package ./build.ps1 -Task Package makes (tools/Publish-ModulePackage.ps1): exactly the module's files, and it
# installs by name. Both run in a fresh pinned pwsh whose home is in TestDrive, so PSResourceGet's repository list
# and the CurrentUser module folder it installs into are not the real user's. Windows keeps those under Documents,
# which HOME does not move, so the tests skip there.
[System.Diagnostics.CodeAnalysis.SuppressMessageAttribute('PSUseDeclaredVarsMoreThanAssignments', '', Justification = 'Pester scoping: variables set in BeforeAll and BeforeEach are read in the It blocks, which this rule does not connect to them')]
param()

BeforeAll {
    $root = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
    $moduleDir = Join-Path $root 'out/Mmap'
    $freshHome = Join-Path $TestDrive 'home'
    $repository = Join-Path $TestDrive 'repository'
    Import-Module (Join-Path $PSScriptRoot 'Support/Manifest.psm1')

    # Runs a script in `dotnet pwsh` from the project, with $freshHome as HOME (dotnet still finds the restored pwsh in
    # the real user's tool cache and NuGet folder) and the default PSModulePath; returns its output lines, throwing
    # with them when it fails.
    function Invoke-FreshPwsh([string] $File, [string[]] $Arguments) {
        $start = [System.Diagnostics.ProcessStartInfo]::new('dotnet')
        foreach ($argument in @('pwsh', '-NoProfile', '-NonInteractive', '-File', $File) + $Arguments) { $start.ArgumentList.Add($argument) }
        $start.WorkingDirectory = $root
        $start.RedirectStandardOutput = $true
        $start.RedirectStandardError = $true
        $start.Environment['DOTNET_CLI_HOME'] = $HOME
        $start.Environment['NUGET_PACKAGES'] = if ($env:NUGET_PACKAGES) { $env:NUGET_PACKAGES } else { Join-Path $HOME '.nuget/packages' }
        $start.Environment['HOME'] = $freshHome
        foreach ($name in 'PSModulePath', 'XDG_DATA_HOME', 'XDG_CONFIG_HOME', 'XDG_CACHE_HOME') { $null = $start.Environment.Remove($name) }
        $process = [System.Diagnostics.Process]::Start($start)
        $errors = $process.StandardError.ReadToEndAsync()
        $output = $process.StandardOutput.ReadToEnd()
        $process.WaitForExit()
        if ($process.ExitCode) { throw "$File failed ($($process.ExitCode)):`n$output`n$($errors.Result)" }
        $output.Split("`n").TrimEnd()
    }

    if (-not $IsWindows) {
        # .NET gives an empty path for a special folder that does not exist, and NuGet (inside PSResourceGet) then
        # writes NuGet/NuGet.Config into the working directory: make the folders a home has.
        foreach ($folder in '.config', '.local/share', '.cache') { $null = New-Item -ItemType Directory -Path (Join-Path $freshHome $folder) }
        $null = Invoke-FreshPwsh (Join-Path $root 'tools/Publish-ModulePackage.ps1') '-ModulePath', $moduleDir, '-RepositoryPath', $repository
    }
}

Describe 'The Mmap package' {
    BeforeEach {
        if ($IsWindows) { Set-ItResult -Skipped -Because 'Windows keeps the CurrentUser module folder under Documents, which a fresh HOME does not move, so an install here would reach the real user' }
    }

    It 'holds exactly the files of the laid-out module, help included, nothing of tests or build' {
        $package = @(Get-ChildItem $repository -Filter 'Mmap.*.nupkg')
        $package | Should -HaveCount 1
        $zip = [IO.Compression.ZipFile]::OpenRead($package[0].FullName)
        try { $entries = @($zip.Entries.FullName) }
        finally { $zip.Dispose() }
        # What NuGet adds to every package, beside the module's files.
        $files = $entries | Where-Object { $_ -notmatch '^(\[Content_Types\]\.xml|_rels/.*|package/.*|Mmap\.nuspec)$' } | Sort-Object
        $laidOut = Get-ChildItem $moduleDir -Recurse -File | ForEach-Object { [IO.Path]::GetRelativePath($moduleDir, $_.FullName).Replace('\', '/') } | Sort-Object
        $files | Should -Be $laidOut
        $files | Should -Contain 'Mmap.psd1'
        foreach ($framework in 'net8.0', 'netstandard2.0') {
            $files | Should -Contain "$framework/Mmap.dll"
            $files | Should -Contain "$framework/Mmap.PowerShell.dll"
            $files | Should -Contain "$framework/runtimes/linux-x64/native/libmmapfault.so"
        }
        $files | Should -Contain 'netstandard2.0/System.Memory.dll'
        $files | Should -Contain 'en-US/Mmap.PowerShell.dll-Help.xml'
        $files | Should -Contain 'en-US/about_Mmap.help.txt'
        $files | Should -Contain 'LICENSE'
        $files | Where-Object { $_ -like '*System.Management.Automation.dll' } | Should -BeNullOrEmpty
        $files | Where-Object { $_ -match '\.(ps1|pdb|md)$|Tests|TestHelper|Benchmarks' } | Should -BeNullOrEmpty
    }

    It 'installs by name in a fresh pwsh, imports by name, runs the first example, and has its help' {
        $output = Invoke-FreshPwsh (Join-Path $PSScriptRoot 'Install-MmapPackage.ps1') '-RepositoryPath', $repository
        $output -join "`n" | Should -Match "Imported Mmap 0\.1\.0 from .*Modules/Mmap/0\.1\.0 into PowerShell"
        $output -join "`n" | Should -Match "Read-MemoryMap read back 'Hello from Mmap'; the file on disk holds the same"
        $found = $output | Where-Object { $_ -like '{*}' } | Select-Object -Last 1 | ConvertFrom-Json
        $found.ModuleBase | Should -BeLike "$freshHome/.local/share/powershell/Modules/Mmap/*"
        $found.Examples | Should -BeGreaterOrEqual 2
        $found.About | Should -BeTrue
    }
}

Describe 'The manifest' {
    # Test-ModuleManifest needs the RootModule where the manifest says, so a binary module's manifest passes only where
    # it is laid out with <framework>/Mmap.PowerShell.dll; the source copy in src/Mmap.PowerShell has everything else beside it.
    It 'passes Test-ModuleManifest in out/Mmap, unchanged from src/Mmap.PowerShell' {
        $laidOut = Join-Path $moduleDir 'Mmap.psd1'
        Get-Content $laidOut -Raw | Should -BeExactly (Get-Content (Join-Path $root 'src/Mmap.PowerShell/Mmap.psd1') -Raw)
        $manifest = Test-ModuleManifest $laidOut -ErrorVariable problems -ErrorAction SilentlyContinue
        $problems | Should -BeNullOrEmpty
        $manifest.ExportedFormatFiles | Should -Exist
    }

    It 'has release notes, and its LicenseUri names a LICENSE the repository and the module folder have' {
        $data = Read-ModuleManifest (Join-Path $moduleDir 'Mmap.psd1') -Edition $PSEdition
        $data.PrivateData.PSData.ReleaseNotes | Should -Match '0\.1\.0'
        $data.PrivateData.PSData.LicenseUri | Should -BeLike '*/blob/main/LICENSE'
        $license = Get-Content (Join-Path $root 'LICENSE') -Raw
        $license | Should -BeLike 'MIT License*'
        Get-Content (Join-Path $moduleDir 'LICENSE') -Raw | Should -BeExactly $license
        $data.Copyright | Should -BeLike '*MIT*'
    }
}
