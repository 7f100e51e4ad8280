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
            [pscustomobject]@{ Own = $own.Id; Listed = @((Get-MemoryMap).Id); Error = $refused[0].FullyQualifiedErrorId }
            Remove-Module Mmap
        } | Receive-Job -Wait -AutoRemoveJob -ErrorAction Stop
        $seen.Listed | Should -Be $seen.Own
        $seen.Error | Should -BeLike 'map_not_found,*'
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
