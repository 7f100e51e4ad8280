# PSScriptAnalyzer settings for every script of the project (./build.ps1 -Task Lint, and CI through it): all default
# rules, plus syntax that must parse in Windows PowerShell 5.1 (build.ps1 and the module support it) and in 7.x.
# A finding is fixed; a suppression needs a SuppressMessageAttribute whose Justification says why.
@{
    IncludeDefaultRules = $true
    Severity            = @('Error', 'Warning', 'Information')
    Rules               = @{
        PSUseCompatibleSyntax = @{
            Enable         = $true
            TargetVersions = @('5.1', '7.0')
        }
    }
}
