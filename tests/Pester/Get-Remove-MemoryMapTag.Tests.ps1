[System.Diagnostics.CodeAnalysis.SuppressMessageAttribute('PSUseDeclaredVarsMoreThanAssignments', '', Justification = 'Pester scoping: variables set in BeforeAll and BeforeEach are read in the It blocks, which this rule does not connect to them')]
param()

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot '../../out/Mmap')
    Import-Module (Join-Path $PSScriptRoot 'Support/Hostless.psm1')
    $cannotList = 'only Linux can list tags (macOS and Windows have no call to): Get-MemoryMapTag is not_supported there'
}

# Tags are machine-wide: every tag here carries this run's prefix, and AfterEach removes whatever is left of them.
Describe 'Get-MemoryMapTag and Remove-MemoryMapTag' {
    BeforeEach {
        $prefix = "mmap-pt-$([guid]::NewGuid().ToString('N').Substring(0, 8))"
        $kept = New-MemoryMap -Tag "$prefix-kept" -Size 8KB
        New-MemoryMap -Tag "$prefix-stale" -Size 64KB -Permission 'rw-r--r--' | Remove-MemoryMap
    }
    AfterEach {
        Get-MemoryMap | Remove-MemoryMap
        foreach ($tag in [Mmap.SharedMemory]::ListTags() | Where-Object { $_ -like "$prefix*" }) { [Mmap.SharedMemory]::Unlink($tag) }
    }

    Context 'Get-MemoryMapTag' {
        It 'lists every tag, mapped or stale, with size, owner and mode' {
            if (-not $IsLinux) { Set-ItResult -Skipped -Because $cannotList; return }
            $tags = Get-MemoryMapTag | Where-Object Tag -Like "$prefix*"
            $tags.Tag | Should -Be "$prefix-kept", "$prefix-stale"
            $tags[0].GetType().FullName | Should -Be 'Mmap.TagInfo'
            $tags.Size | Should -Be 8KB, 64KB
            $tags.Mode | Should -Be 'rw-------', 'rw-r--r--'
            $tags.Permission | Should -Be 384, 420
            $tags[0].Owner | Should -Be ([Environment]::UserName)
            $tags[0].OwnerId | Should -Be (id -u)
            $tags[0].LastWriteTimeUtc | Should -BeGreaterThan ([DateTime]::UtcNow.AddMinutes(-5))
        }

        It 'filters by -Tag with wildcards, by position' {
            if (-not $IsLinux) { Set-ItResult -Skipped -Because $cannotList; return }
            (Get-MemoryMapTag "$prefix-s*").Tag | Should -Be "$prefix-stale"
            (Get-MemoryMapTag -Tag "$prefix-kept", "$prefix-*").Tag | Should -Be "$prefix-kept", "$prefix-stale" -Because 'each tag once'
            Get-MemoryMapTag "$prefix-none*" | Should -BeNullOrEmpty
        }

        It 'says no_file for a plain name that names no tag, and still lists the others' {
            if (-not $IsLinux) { Set-ItResult -Skipped -Because $cannotList; return }
            $found = Get-MemoryMapTag "$prefix-missing", "$prefix-kept" -ErrorVariable failed -ErrorAction SilentlyContinue
            $failed.FullyQualifiedErrorId | Should -Be 'no_file,Mmap.Commands.GetMemoryMapTagCommand'
            $found.Tag | Should -Be "$prefix-kept"
        }

        It 'survives Format-List *, Select-Object * and ConvertTo-Json' {
            if (-not $IsLinux) { Set-ItResult -Skipped -Because $cannotList; return }
            $tag = Get-MemoryMapTag "$prefix-kept"
            { $tag | Format-List * | Out-String } | Should -Not -Throw
            ($tag | Select-Object *).Mode | Should -Be 'rw-------'
            ($tag | ConvertTo-Json | ConvertFrom-Json).Size | Should -Be 8KB
        }
    }

    Context 'Remove-MemoryMapTag' {
        It 'removes a tag by name; its maps stay valid' {
            if (-not $IsLinux) { Set-ItResult -Skipped -Because $cannotList; return }
            $kept | Write-MemoryMap -String 'still here'
            Remove-MemoryMapTag "$prefix-kept"
            Get-MemoryMapTag "$prefix-*" | ForEach-Object Tag | Should -Be "$prefix-stale"
            $kept | Read-MemoryMap -Count 10 -AsString | Should -Be 'still here'
        }

        It 'removes the tags piped from Get-MemoryMapTag, saying so with -Verbose' {
            if (-not $IsLinux) { Set-ItResult -Skipped -Because $cannotList; return }
            $said = Get-MemoryMapTag "$prefix-*" | Remove-MemoryMapTag -Verbose 4>&1
            $said.Message | Should -Contain "Removed the name of shared memory tag '$prefix-stale'"
            Get-MemoryMapTag "$prefix-*" | Should -BeNullOrEmpty
        }

        It 'removes nothing with -WhatIf' {
            if (-not $IsLinux) { Set-ItResult -Skipped -Because $cannotList; return }
            Invoke-Hostless 'param($p) Get-MemoryMapTag "$p-*" | Remove-MemoryMapTag -WhatIf' $prefix
            (Get-MemoryMapTag "$prefix-*").Count | Should -Be 2
        }

        It 'says no_file for a tag that does not exist, and removes the others' {
            if (-not $IsLinux) { Set-ItResult -Skipped -Because $cannotList; return }
            Remove-MemoryMapTag "$prefix-missing", "$prefix-stale" -ErrorVariable failed -ErrorAction SilentlyContinue
            $failed.FullyQualifiedErrorId | Should -Be 'no_file,Mmap.Commands.RemoveMemoryMapTagCommand'
            (Get-MemoryMapTag "$prefix-*").Tag | Should -Be "$prefix-kept"
        }

        It 'refuses a name that is no tag as invalid_argument, touching nothing' {
            if (-not $IsLinux) { Set-ItResult -Skipped -Because $cannotList; return }
            { Remove-MemoryMapTag '../etc/passwd' -ErrorAction Stop } | Should -Throw -ErrorId 'invalid_argument,Mmap.Commands.RemoveMemoryMapTagCommand'
            { Remove-MemoryMapTag '' -ErrorAction Stop } | Should -Throw -ErrorId 'ParameterArgumentValidationError,*'
            Test-Path /etc/passwd | Should -BeTrue
            (Get-MemoryMapTag "$prefix-*").Count | Should -Be 2
        }
    }
}
