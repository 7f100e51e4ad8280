# out/Mmap holds two builds, each in a folder named by its target framework, and the manifest picks one by $PSEdition:
# PowerShell 7 (Core) the net8.0 build, whose MapStream overrides Stream's span and CopyTo overloads; Windows
# PowerShell 5.1 (Desktop, .NET Framework) the netstandard2.0 one. 5.1 cannot run here: its choice is read from the
# manifest as 5.1 evaluates it, its folder is checked to hold everything its assemblies reference, and the
# netstandard2.0 build runs here on PowerShell 7 - never on .NET Framework.
[System.Diagnostics.CodeAnalysis.SuppressMessageAttribute('PSUseDeclaredVarsMoreThanAssignments', '', Justification = 'Pester scoping: variables set in BeforeAll are read in the It blocks, which this rule does not connect to them')]
param()

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'Support/Manifest.psm1')
    $moduleDir = (Resolve-Path (Join-Path $PSScriptRoot '../../out/Mmap')).Path
    $manifestPath = Join-Path $moduleDir 'Mmap.psd1'

    # Runs a script in a child of this pwsh (dotnet pwsh.dll, or its apphost), so what it loads is all it loaded;
    # returns its last output line read as JSON.
    function Invoke-ChildPwsh([string] $Script, [string[]] $Arguments) {
        $file = Join-Path $TestDrive "child-$([guid]::NewGuid()).ps1"
        Set-Content -LiteralPath $file -Value $Script
        $exe = [Environment]::ProcessPath
        $lead = @(if ([IO.Path]::GetFileNameWithoutExtension($exe) -eq 'dotnet') { Join-Path $PSHOME 'pwsh.dll' })
        $output = & $exe @lead -NoProfile -NonInteractive -File $file @Arguments 2>&1
        if ($LASTEXITCODE) { throw "The child pwsh failed ($LASTEXITCODE):`n$($output -join "`n")" }
        $output | Select-Object -Last 1 | ConvertFrom-Json
    }
}

Describe 'The manifest picks the build for the edition' {
    It '<Edition> loads <Folder>/Mmap.PowerShell.dll with the engine beside it, from PowerShell <Version> on' -ForEach @(
        @{ Edition = 'Core'; Folder = 'net8.0'; Version = '7.4' }
        @{ Edition = 'Desktop'; Folder = 'netstandard2.0'; Version = '5.1' }
    ) {
        $manifest = Read-ModuleManifest $manifestPath -Edition $Edition
        $manifest.PowerShellVersion | Should -Be $Version
        $manifest.RootModule | Should -Be "$Folder/Mmap.PowerShell.dll"
        $manifest.RequiredAssemblies | Should -Be @("$Folder/Mmap.dll")
        foreach ($file in @($manifest.RootModule) + $manifest.RequiredAssemblies) { Join-Path $moduleDir $file | Should -Exist }
        Join-Path $moduleDir "$Folder/runtimes/linux-x64/native/libmmapfault.so" | Should -Exist
    }

    It 'PowerShell 7 imports the net8.0 cmdlets and engine, and the engine finds its fault handler there' {
        $loaded = Invoke-ChildPwsh -Arguments $moduleDir -Script @'
param($module)
Import-Module $module
$engine = [Mmap.MemoryMap].Assembly
[pscustomobject]@{
    Engine    = $engine.Location
    Framework = $engine.GetCustomAttributes([Runtime.Versioning.TargetFrameworkAttribute], $false).FrameworkName
    Cmdlets   = (Get-Command New-MemoryMap).ImplementingType.Assembly.Location
    Recovery  = [Mmap.FaultRecovery]::Status
} | ConvertTo-Json -Compress
'@
        $loaded.Engine | Should -Be (Join-Path $moduleDir 'net8.0/Mmap.dll')
        $loaded.Framework | Should -Be '.NETCoreApp,Version=v8.0'
        $loaded.Cmdlets | Should -Be (Join-Path $moduleDir 'net8.0/Mmap.PowerShell.dll')
        if ($IsLinux -and [Runtime.InteropServices.RuntimeInformation]::OSArchitecture -eq 'X64') {
            $loaded.Recovery | Should -BeLike 'active*'
        }
    }

    It 'the netstandard2.0 folder holds every assembly its own assemblies reference, as .NET Framework needs (never run on it)' {
        $built = Invoke-ChildPwsh -Arguments (Join-Path $moduleDir 'netstandard2.0') -Script @'
param($folder)
$here = Get-ChildItem $folder -Filter *.dll | ForEach-Object BaseName
$facts = foreach ($dll in Get-ChildItem $folder -Filter *.dll) {
    $assembly = [Reflection.Assembly]::LoadFile($dll.FullName)
    [pscustomobject]@{
        Name       = $dll.BaseName
        Framework  = $assembly.GetCustomAttributes([Runtime.Versioning.TargetFrameworkAttribute], $false).FrameworkName
        # What the folder must provide: all but netstandard itself, and PowerShell, which the host brings.
        Missing    = @($assembly.GetReferencedAssemblies().Name | Where-Object { $_ -notin @('netstandard', 'System.Management.Automation') + $here })
    }
}
ConvertTo-Json @($facts) -Compress
'@
        ($built | Where-Object Name -In 'Mmap', 'Mmap.PowerShell').Framework | Should -Be @('.NETStandard,Version=v2.0', '.NETStandard,Version=v2.0')
        $built | Where-Object { $_.Missing } | ForEach-Object { "$($_.Name) needs $($_.Missing -join ', ')" } | Should -BeNullOrEmpty
    }
}

Describe 'The netstandard2.0 build (what Windows PowerShell 5.1 loads), run on PowerShell 7' {
    It 'imports its cmdlets from their folder and maps, writes and reads' {
        $result = Invoke-ChildPwsh -Arguments (Join-Path $moduleDir 'netstandard2.0/Mmap.PowerShell.dll') -Script @'
param($cmdlets)
Import-Module $cmdlets
$map = New-MemoryMap -Anonymous -Size 4KB
$map | Write-MemoryMap -Value ([Text.Encoding]::ASCII.GetBytes('netstandard')) -Offset 10
[pscustomobject]@{
    Read      = $map | Read-MemoryMap -Offset 10 -Count 11 -AsString
    Framework = [Mmap.MemoryMap].Assembly.GetCustomAttributes([Runtime.Versioning.TargetFrameworkAttribute], $false).FrameworkName
} | ConvertTo-Json -Compress
$map | Remove-MemoryMap
'@
        $result.Framework | Should -Be '.NETStandard,Version=v2.0'
        $result.Read | Should -Be 'netstandard'
    }

    It 'copies a MapStream from the mapping when the variable is a MapStream, and through the runtime''s loop of Read when it is a Stream' {
        $result = Invoke-ChildPwsh -Arguments (Join-Path $moduleDir 'netstandard2.0/Mmap.dll') -Script @'
param($engine)
Add-Type -Path $engine
Add-Type -ReferencedAssemblies $engine, netstandard, System.Runtime, System.Memory, System.Linq -TypeDefinition @"
using System;
using System.IO;
using System.Linq;
using Mmap;

public sealed class Recorder : MemoryStream
{
    public int Spans, Arrays, Largest;
    public override void Write(ReadOnlySpan<byte> buffer) { Spans++; Largest = Math.Max(Largest, buffer.Length); base.Write(buffer.ToArray(), 0, buffer.Length); }
    public override void Write(byte[] buffer, int offset, int count) { Arrays++; Largest = Math.Max(Largest, count); base.Write(buffer, offset, count); }
}

public static class Copies
{
    public static string Run()
    {
        const int size = 3 * MapStream.CopyChunk + 5;
        using (MemoryMap map = MemoryMap.MapAnonymous(size))
        {
            for (int i = 0; i < size; i += 4096) map.Write<byte>(i, (byte)(i / 4096));
            var typed = new Recorder();
            map.AsStream().CopyTo(typed);
            Stream stream = map.AsStream();
            var loop = new Recorder();
            stream.CopyTo(loop);
            byte[] all = map.ReadBytes(0, size);
            bool same = typed.ToArray().SequenceEqual(all) && loop.ToArray().SequenceEqual(all);
            return typed.Spans + " " + typed.Arrays + " " + typed.Largest + " " + loop.Spans + " " + loop.Arrays + " " + loop.Largest + " " + same;
        }
    }
}
"@
[pscustomobject]@{ Copies = [Copies]::Run() } | ConvertTo-Json -Compress
'@
        $typedSpans, $typedArrays, $typedLargest, $loopSpans, $loopArrays, $loopLargest, $same = $result.Copies -split ' '
        $same | Should -Be 'True'
        # MapStream-typed: its own CopyTo, spans of the map's chunk through the runtime's span Write, bound by reflection.
        ($typedSpans, $typedArrays, $typedLargest) | Should -Be @('4', '0', "$(1MB)")
        # Stream-typed: netstandard2.0 cannot override CopyTo, so the runtime's loop writes arrays of its pooled buffer
        # (80 KiB asked, 128 KiB given on .NET 10).
        $loopSpans | Should -Be '0'
        [int] $loopArrays | Should -BeGreaterThan 4
        [int] $loopLargest | Should -BeLessThan 1MB
    }
}
