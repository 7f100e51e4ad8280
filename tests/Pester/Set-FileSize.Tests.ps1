[System.Diagnostics.CodeAnalysis.SuppressMessageAttribute('PSUseDeclaredVarsMoreThanAssignments', '', Justification = 'Pester scoping: variables set in BeforeAll and BeforeEach are read in the It blocks, which this rule does not connect to them')]
param()

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'Support/Hostless.psm1')
    $modulePath = (Resolve-Path (Join-Path $PSScriptRoot '../../out/Mmap')).Path
    Import-Module $modulePath
    $cmd = 'Mmap.Commands.SetFileSizeCommand'
}

Describe 'Set-FileSize' {
    BeforeEach {
        $file = Join-Path $TestDrive 'size.bin'
        [IO.File]::WriteAllBytes($file, [byte[]](1..100))
    }
    AfterEach {
        Get-MemoryMap | Remove-MemoryMap
    }

    Context 'Path' {
        It 'creates a missing file' {
            $new = Join-Path $TestDrive 'new.bin'
            Set-FileSize -Path $new -Size 5000
            (Get-Item $new).Length | Should -Be 5000
        }

        It 'extends with zeros, keeping the content' {
            Set-FileSize -Path $file -Size 200
            $bytes = [IO.File]::ReadAllBytes($file)
            $bytes.Length | Should -Be 200
            $bytes[99] | Should -Be 100
            $bytes[100] | Should -Be 0
        }

        It 'truncates with -Force, keeping the prefix' {
            Set-FileSize -Path $file -Size 10 -Force
            [IO.File]::ReadAllBytes($file) | Should -Be (1..10)
        }

        It 'still asks before truncating with -Confirm:$false: a non-interactive pwsh gets confirmation_required, file unchanged' {
            # A child pwsh -NonInteractive, as in CI: the same one that runs this test (dotnet pwsh.dll, or its apphost).
            $script = Join-Path $TestDrive "truncate-$([guid]::NewGuid()).ps1"
            Set-Content -LiteralPath $script -Value @'
param($module, $file)
Import-Module $module
Set-FileSize -Path $file -Size 10 -Confirm:$false -ErrorVariable failed -ErrorAction SilentlyContinue
"$($failed[0].FullyQualifiedErrorId)|$($failed[0].CategoryInfo.Category)|$($failed[0].Exception.Message)"
'@
            $exe = [Environment]::ProcessPath
            $lead = @(if ([IO.Path]::GetFileNameWithoutExtension($exe) -eq 'dotnet') { Join-Path $PSHOME 'pwsh.dll' })
            $id, $category, $message = (& $exe @lead -NoProfile -NonInteractive -File $script $modulePath $file) -split '\|', 3
            $id | Should -Be "confirmation_required,$cmd"
            $category | Should -Be 'InvalidOperation'
            $message | Should -BeLike "*'$file' from 100 bytes to 10 bytes*this host cannot ask*Add -Force*"
            (Get-Item $file).Length | Should -Be 100
        }

        It 'gives confirmation_required, never a silent default Yes, when a console pwsh''s input is redirected' {
            if ($IsWindows) { Set-ItResult -Skipped -Because 'the test redirects standard input from /dev/null' }
            # pwsh < /dev/null: the console host would read an empty line, the default Yes, and truncate.
            $script = Join-Path $TestDrive "truncate-$([guid]::NewGuid()).ps1"
            Set-Content -LiteralPath $script -Value @'
param($module, $file)
Import-Module $module
Set-FileSize -Path $file -Size 10 -ErrorVariable failed -ErrorAction SilentlyContinue
"result=$($failed[0].FullyQualifiedErrorId)"
'@
            $exe = [Environment]::ProcessPath
            $lead = @(if ([IO.Path]::GetFileNameWithoutExtension($exe) -eq 'dotnet') { Join-Path $PSHOME 'pwsh.dll' })
            $out = Join-Path $TestDrive "out-$([guid]::NewGuid()).txt"
            $arguments = @($lead) + @('-NoProfile', '-File', $script, $modulePath, $file) | ForEach-Object { "`"$_`"" }
            Start-Process $exe -ArgumentList $arguments -RedirectStandardInput /dev/null -RedirectStandardOutput $out -Wait
            Get-Content $out | Where-Object { $_ -like 'result=*' } | Should -Be "result=confirmation_required,$cmd"
            (Get-Item $file).Length | Should -Be 100
        }

        It 'gives confirmation_required, never a NullReferenceException, where the host has no user interface' {
            $found = Start-ThreadJob {
                Import-Module $using:modulePath
                Set-FileSize -Path $using:file -Size 10 -ErrorAction SilentlyContinue
                $Error | ForEach-Object FullyQualifiedErrorId
            } | Receive-Job -Wait -AutoRemoveJob
            $found | Should -Be "confirmation_required,$cmd"
            (Get-Item $file).Length | Should -Be 100
        }

        It 'truncates without the question with -Force, even with -Confirm:$false' {
            Set-FileSize -Path $file -Size 10 -Force -Confirm:$false
            (Get-Item $file).Length | Should -Be 10
        }

        It 'outputs the provider item with -PassThru, as Get-Item would' {
            $info = Set-FileSize -Path $file -Size 300 -PassThru
            $info | Should -BeOfType System.IO.FileInfo
            $info.Length | Should -Be 300
            $info.PSPath | Should -Be (Get-Item $file).PSPath
            $info.PSIsContainer | Should -BeFalse
            $info.PSProvider.Name | Should -Be 'FileSystem'
        }

        It 'says with -Verbose what it created, extended and truncated' {
            $new = Join-Path $TestDrive "verbose-$([guid]::NewGuid()).bin"
            (Set-FileSize -Path $new -Size 4KB -Verbose 4>&1).Message | Should -Contain "Created '$new' with 4 KiB (4096 bytes)"
            (Set-FileSize -Path $new -Size 5KB -Verbose 4>&1).Message | Should -Contain "Extended '$new' from 4 KiB (4096 bytes) to 5 KiB (5120 bytes)"
            (Set-FileSize -Path $new -Size 10 -Force -Verbose 4>&1).Message | Should -Contain "Truncated '$new' from 5 KiB (5120 bytes) to 10 bytes"
        }

        It 'resolves relative paths against the PowerShell location' {
            Push-Location $TestDrive
            try { Set-FileSize -Path ./rel.bin -Size 7 } finally { Pop-Location }
            (Get-Item (Join-Path $TestDrive 'rel.bin')).Length | Should -Be 7
        }

        It 'sizes every file a wildcard matches' {
            [IO.File]::WriteAllBytes((Join-Path $TestDrive 'size2.bin'), [byte[]](1, 2))
            Set-FileSize -Path (Join-Path $TestDrive 'size*.bin') -Size 4096
            Get-ChildItem $TestDrive -Filter 'size*.bin' | ForEach-Object Length | Should -Be 4096, 4096
        }

        It 'creates sparse files' {
            Set-FileSize -Path (Join-Path $TestDrive 'sparse.bin') -Size 1GB -Sparse
            (Get-Item (Join-Path $TestDrive 'sparse.bin')).Length | Should -Be 1GB
        }

        It 'binds strings from the pipeline' {
            $file | Set-FileSize -Size 150
            (Get-Item $file).Length | Should -Be 150
        }

        It 'binds the Path property of piped objects' {
            [pscustomobject]@{ Path = $file } | Set-FileSize -Size 150
            (Get-Item $file).Length | Should -Be 150
        }

        It 'refuses a malformed wildcard as invalid_argument, naming the fix, and sizes the other files' {
            $bad = Join-Path $TestDrive 'size[.bin'
            Set-FileSize -Path $bad, $file -Size 150 -ErrorVariable failed -ErrorAction SilentlyContinue
            $failed[0].FullyQualifiedErrorId | Should -Be "invalid_argument,$cmd"
            $failed[0].Exception.Message | Should -BeLike '*not a valid wildcard pattern*-LiteralPath*'
            (Get-Item $file).Length | Should -Be 150
        }

        It 'changes nothing with -WhatIf' {
            Invoke-Hostless 'param($f, $new) Set-FileSize -Path $f -Size 10 -WhatIf; Set-FileSize -Path $f -Size 1000 -WhatIf; Set-FileSize -Path $new -Size 10 -WhatIf' $file, (Join-Path $TestDrive 'whatif.bin')
            (Get-Item $file).Length | Should -Be 100
            Join-Path $TestDrive 'whatif.bin' | Should -Not -Exist
        }

        It 'refuses a file mapped in this session' {
            $null = New-MemoryMap -Path $file
            { Set-FileSize -Path $file -Size 10 -Force -ErrorAction Stop } | Should -Throw -ErrorId "invalid_argument,$cmd"
            (Get-Item $file).Length | Should -Be 100
        }

        It 'refuses a mapped file before asking or describing a truncation' {
            $null = New-MemoryMap -Path $file
            { Set-FileSize -Path $file -Size 10 -ErrorAction Stop } | Should -Throw -ErrorId "invalid_argument,$cmd"
            Invoke-Hostless 'param($f) Set-FileSize -Path $f -Size 10 -WhatIf' $file -ErrorAction SilentlyContinue -ErrorVariable refused
            $refused[0].FullyQualifiedErrorId | Should -Be "invalid_argument,$cmd"
            (Get-Item $file).Length | Should -Be 100
        }

        It 'grows a file mapped in this session: its maps keep their size and their bytes' {
            $map = New-MemoryMap -Path $file
            Set-FileSize -Path $file -Size 8KB -ErrorAction Stop
            (Get-Item $file).Length | Should -Be 8KB
            ($map | Read-MemoryMap -Offset 99 -Count 1) | Should -Be 100
            Set-FileSize -Path $file -Size 100 -Force -ErrorAction Stop   # back to the map's end: nothing of it is cut
            (Get-Item $file).Length | Should -Be 100
        }

        It 'names every map a shrink would cut, and says which one belongs to another runspace' {
            $first = New-MemoryMap -Path $file
            $second = New-MemoryMap -Path $file -Size 50
            $runspace = [runspacefactory]::CreateRunspace()
            $runspace.Open()
            $shell = [powershell]::Create()
            $shell.Runspace = $runspace
            try {
                $other = $shell.AddScript("Import-Module '$modulePath'; New-MemoryMap -LiteralPath '$file' -Size 20").Invoke()[0]
                Set-FileSize -Path $file -Size 10 -Force -ErrorVariable refused -ErrorAction SilentlyContinue
                $refused[0].FullyQualifiedErrorId | Should -Be "invalid_argument,$cmd"
                $message = $refused[0].Exception.Message
                $message | Should -BeLike "*map #$($first.Id) (File, Read, 100 B) of this session*"
                $message | Should -BeLike "*map #$($second.Id) (File, Read, 50 B) of this session*"
                $message | Should -BeLike "*map #$($other.Id) (File, Read, 20 B) of runspace '$($runspace.Name)' (Id $($runspace.Id)), another runspace*"
                (Get-Item $file).Length | Should -Be 100
                Set-FileSize -Path $file -Size 60 -Force -ErrorVariable refused -ErrorAction SilentlyContinue   # cuts only the 100-byte map
                $refused[0].Exception.Message | Should -BeLike "*cut under a map of this process: map #$($first.Id) *"
            }
            finally {
                $shell.Dispose()
                $runspace.Dispose()
            }
        }

        It 'reports a pattern matching nothing as no_file' {
            { Set-FileSize -Path (Join-Path $TestDrive 'zz*.bin') -Size 1 -ErrorAction Stop } | Should -Throw -ErrorId "no_file,$cmd"
        }

        It 'refuses a non-FileSystem path' {
            { Set-FileSize -Path 'Variable:\x' -Size 1 -ErrorAction Stop } | Should -Throw -ErrorId "invalid_argument,$cmd"
        }

        It 'refuses a directory' {
            { Set-FileSize -Path $TestDrive -Size 1 -Force -ErrorAction Stop } | Should -Throw -ErrorId "invalid_argument,$cmd"
        }

        It 'validates -Size' {
            { Set-FileSize -Path $file -Size -1 -ErrorAction Stop } | Should -Throw -ErrorId "ParameterArgumentValidationError,$cmd"
        }
    }

    Context 'LiteralPath' {
        It 'binds Get-ChildItem output by PSPath' {
            $dir = New-Item -ItemType Directory (Join-Path $TestDrive ([guid]::NewGuid()))
            'a.bin', 'b.bin' | ForEach-Object { Set-FileSize -Path (Join-Path $dir $_) -Size 10 }
            Get-ChildItem $dir -Filter *.bin | Set-FileSize -Size 64
            Get-ChildItem $dir -Filter *.bin | ForEach-Object Length | Should -Be 64, 64
        }

        It 'takes brackets literally' {
            $odd = Join-Path $TestDrive 'odd[1].bin'
            Set-FileSize -LiteralPath $odd -Size 3
            (Get-Item -LiteralPath $odd).Length | Should -Be 3
        }

        It 'reports an unknown drive as no_file' {
            { Set-FileSize -LiteralPath 'NoSuchDrive:\x.bin' -Size 1 -ErrorAction Stop } | Should -Throw -ErrorId "no_file,$cmd"
        }
    }
}
