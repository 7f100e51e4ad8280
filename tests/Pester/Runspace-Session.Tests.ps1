[System.Diagnostics.CodeAnalysis.SuppressMessageAttribute('PSUseDeclaredVarsMoreThanAssignments', '', Justification = 'Pester scoping: variables set in BeforeAll and BeforeEach are read in the It blocks, which this rule does not connect to them')]
param()

# What the module holds is per runspace: a thread job or a ForEach-Object -Parallel block that removes (or
# re-imports) the module frees its own maps, never its parent's, and Get-MemoryMap lists its own maps only.
BeforeAll {
    $modulePath = (Resolve-Path (Join-Path $PSScriptRoot '../../out/Mmap')).Path
    Import-Module $modulePath
}

Describe 'Maps per runspace' {
    BeforeEach {
        $parent = New-MemoryMap -Anonymous -Size 4KB
    }
    AfterEach {
        Get-MemoryMap | Remove-MemoryMap
    }

    It 'Remove-Module in a thread job frees the job''s maps and none of the parent''s' {
        $freed = Start-ThreadJob {
            Import-Module $using:modulePath
            $own = New-MemoryMap -Anonymous -Size 4KB
            Remove-Module Mmap
            $own.IsDisposed
        } | Receive-Job -Wait -AutoRemoveJob -ErrorAction Stop
        $freed | Should -BeTrue
        $parent.IsDisposed | Should -BeFalse
        (Get-MemoryMap).Id | Should -Be $parent.Id
    }

    It 'Import-Module -Force in ForEach-Object -Parallel frees that runspace''s maps and none of the parent''s' {
        $freed = 1, 2 | ForEach-Object -ThrottleLimit 2 -Parallel {
            Import-Module $using:modulePath
            $own = New-MemoryMap -Anonymous -Size 4KB
            Import-Module $using:modulePath -Force
            $own.IsDisposed
        }
        $freed | Should -Be $true, $true
        $parent.IsDisposed | Should -BeFalse
    }

    It 'a thread job lists its own maps only, and cannot free the parent''s by id' {
        $seen = Start-ThreadJob {
            Import-Module $using:modulePath
            $own = New-MemoryMap -Anonymous -Size 4KB
            Remove-MemoryMap -Id ($using:parent).Id -ErrorAction SilentlyContinue -ErrorVariable refused
            [pscustomobject]@{ Own = $own.Id; Listed = @((Get-MemoryMap).Id); Error = $refused[0].FullyQualifiedErrorId; Message = $refused[0].Exception.Message }
            Remove-Module Mmap
        } | Receive-Job -Wait -AutoRemoveJob -ErrorAction Stop
        $seen.Listed | Should -Be $seen.Own
        $seen.Error | Should -BeLike 'map_not_found,*'
        $seen.Message | Should -BeLike "*map #$($parent.Id) is a map of runspace '$([runspace]::DefaultRunspace.Name)' (Id $([runspace]::DefaultRunspace.Id)), another runspace of this process*"
        $parent.IsDisposed | Should -BeFalse
    }

    It 'Remove-Module in the parent frees the parent''s maps, not those of another open runspace' {
        # A runspace that stays open (a finished thread job's closes, and frees its maps: see below).
        $runspace = [runspacefactory]::CreateRunspace()
        $runspace.Open()
        $shell = [powershell]::Create()
        $shell.Runspace = $runspace
        $own = $shell.AddScript("Import-Module '$modulePath'; New-MemoryMap -Anonymous -Size 4KB").Invoke()[0]
        Remove-Module Mmap
        try {
            $parent.IsDisposed | Should -BeTrue
            $own.IsDisposed | Should -BeFalse
        }
        finally {
            Import-Module $modulePath
            $shell.Dispose()
            $runspace.Dispose()
        }
    }
}

Describe 'Maps of a runspace that ends' {
    BeforeEach {
        $file = Join-Path $TestDrive "ends-$([guid]::NewGuid()).bin"
        Set-FileSize -Path $file -Size 4KB
    }

    It 'a hosted runspace disposed without Remove-Module frees its maps at once, so the file can be cut' {
        $runspace = [runspacefactory]::CreateRunspace()
        $runspace.Open()
        $shell = [powershell]::Create()
        $shell.Runspace = $runspace
        $held = $shell.AddScript("Import-Module '$modulePath'; New-MemoryMap -LiteralPath '$file'").Invoke()[0]
        $held.IsDisposed | Should -BeFalse
        $shell.Dispose()
        $runspace.Dispose()
        $held.IsDisposed | Should -BeTrue
        Set-FileSize -Path $file -Size 10 -Force -ErrorAction Stop
        (Get-Item $file).Length | Should -Be 10
    }

    It 'ForEach-Object -Parallel blocks that leave maps free every one of them when they end' {
        $left = 1..4 | ForEach-Object -ThrottleLimit 4 -Parallel {
            Import-Module $using:modulePath
            New-MemoryMap -LiteralPath $using:file
        }
        $left | Should -HaveCount 4
        $left | ForEach-Object { $_.IsDisposed | Should -BeTrue }
        [Mmap.MemoryMapRegistry]::GetLiveMaps() | Where-Object Path -EQ $file | Should -BeNullOrEmpty
    }

    It 'a finished thread job frees its maps' {
        $left = Start-ThreadJob {
            Import-Module $using:modulePath
            New-MemoryMap -LiteralPath $using:file
        } | Receive-Job -Wait -AutoRemoveJob -ErrorAction Stop
        # The job completes, then its runspace closes: the map goes with the runspace, a moment after the output.
        $deadline = [DateTime]::UtcNow.AddSeconds(10)
        while (-not $left.IsDisposed -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 20 }
        $left.IsDisposed | Should -BeTrue
    }
}
