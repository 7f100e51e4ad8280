#Requires -Version 7.2
<#
.SYNOPSIS
    Times the Mmap cmdlets' bulk work against what a script would do without them, in this pwsh, and prints the ratios
    of issue 23 with their targets.
.DESCRIPTION
    On a page-cache-warm file of -SizeMB (1 GiB by default) in the temp folder, each line is the ratio of the fastest of
    -Iterations runs of each side, the two sides taking turns (the fastest, as in bench/results: this VM's hypervisor
    slows some memory-bound runs 3-25x and never speeds one up):
      1. Read-MemoryMap in 1 MiB chunks / a FileStream loop into one reused 1 MiB buffer   (target <= 3), once with
         -Buffer (the cmdlet fills one reused buffer too) and once without (a new array per chunk)
      2. Read-MemoryMap -Type Int64 -Count 1000000 / [IO.File]::ReadAllBytes + MemoryMarshal.Cast on an 8,000,000-byte file   (target <= 2)
      3. Find-MemoryMap / the engine's IndexOf, a 17-byte pattern 4 KiB before the end   (target <= 1.3)
      4. CPython's mmap.find / Find-MemoryMap, same file and pattern, when python3 is on PATH   (target >= 2.5)
    Needs out/Mmap (dotnet build). The C# sides (the cast, the engine's IndexOf, which takes a ReadOnlySpan that
    PowerShell cannot pass) are compiled with Add-Type before any timing.
.EXAMPLE
    dotnet pwsh bench/Measure-CmdletSpeed.ps1
.EXAMPLE
    dotnet pwsh bench/Measure-CmdletSpeed.ps1 -SizeMB 256 -Iterations 3
#>
[CmdletBinding()]
param(
    [ValidateRange(16, 65536)]
    [int] $SizeMB = 1024,
    [ValidateRange(1, 100)]
    [int] $Iterations = 5,
    [string] $ModulePath = (Join-Path $PSScriptRoot '../out/Mmap')
)

$ErrorActionPreference = 'Stop'
Import-Module $ModulePath
$mmapDll = Join-Path (Get-Module Mmap).ModuleBase 'Mmap.dll'
Add-Type -ReferencedAssemblies $mmapDll, 'netstandard', 'System.Memory' -TypeDefinition @'
using System;
using System.IO;
using System.Runtime.InteropServices;
public static class CmdletSpeedBaselines
{
    /// <summary>What a script does without the module: the whole file, then a reinterpretation as Int64 values.</summary>
    public static long[] ReadAllBytesCast(string path) => MemoryMarshal.Cast<byte, long>(File.ReadAllBytes(path)).ToArray();

    /// <summary>The engine's IndexOf of the whole map.</summary>
    public static long IndexOf(Mmap.MemoryMap map, byte[] pattern) => map.IndexOf(pattern);
}
'@

# The fastest of $Iterations runs of each of two actions, in seconds, the runs taken in turns so that both sides meet the
# same state of the machine (measured one side after the other, a busy VM moved a ratio 1.1x-1.5x between runs). Each
# action assigns its result to $null: an array written to the pipeline would be enumerated value by value, which is no
# part of either side's work.
function Measure-Pair([scriptblock] $First, [scriptblock] $Second) {
    $fastest = @([double]::MaxValue, [double]::MaxValue)
    for ($i = 0; $i -lt $Iterations; $i++) {
        foreach ($side in 0, 1) {
            $action = @($First, $Second)[$side]
            $clock = [Diagnostics.Stopwatch]::StartNew()
            $null = & $action
            $fastest[$side] = [Math]::Min($fastest[$side], $clock.Elapsed.TotalSeconds)
        }
    }
    $fastest
}

function Format-Line([string] $What, [double] $Ratio, [string] $Target, [bool] $Met, [string] $Detail) {
    '{0,-72} {1,6:0.00}x  target {2,-6} {3,-6}  ({4})' -f $What, $Ratio, $Target, $(if ($Met) { 'met' } else { 'MISSED' }), $Detail
}

$folder = Join-Path ([IO.Path]::GetTempPath()) "mmap-cmdlet-speed-$PID"
$null = New-Item -ItemType Directory -Path $folder
try {
    $size = [long] $SizeMB * 1MB
    $pattern = [Text.Encoding]::ASCII.GetBytes('MMAP-SEARCH-MARK!')
    $patternAt = $size - 4096 - $pattern.Length
    $file = Join-Path $folder 'data.bin'
    # Filled as bench/Mmap.Benchmarks fills its files (byte i is i*31+7, so no page is a hole and the pattern occurs once).
    $chunk = [byte[]]::new(1MB)
    for ($i = 0; $i -lt $chunk.Length; $i++) { $chunk[$i] = [byte](($i * 31 + 7) -band 0xFF) }
    $stream = [IO.File]::Create($file)
    try {
        for ($done = 0L; $done -lt $size; $done += 1MB) { $stream.Write($chunk, 0, 1MB) }
        $stream.Position = $patternAt
        $stream.Write($pattern, 0, $pattern.Length)
    }
    finally { $stream.Dispose() }
    $values = Join-Path $folder 'int64.bin'
    [IO.File]::WriteAllBytes($values, [byte[]]::new(8000000))

    $map = New-MemoryMap -Path $file
    $valueMap = New-MemoryMap -Path $values
    $buffer = [byte[]]::new(1MB)

    # Warm the page cache (and the map's page tables) before any timing.
    $reader = [IO.File]::OpenRead($file)
    while ($reader.Read($buffer, 0, $buffer.Length) -gt 0) { }
    $null = [CmdletSpeedBaselines]::IndexOf($map, $pattern)

    $cmdletChunks, $streamLoop = Measure-Pair { for ($at = 0L; $at -lt $size; $at += 1MB) { $map | Read-MemoryMap -Offset $at -Buffer $buffer } } {
        $reader.Position = 0; while ($reader.Read($buffer, 0, $buffer.Length) -gt 0) { } }
    $cmdletArrays, $streamLoop2 = Measure-Pair { for ($at = 0L; $at -lt $size; $at += 1MB) { $null = $map | Read-MemoryMap -Offset $at -Count 1MB } } {
        $reader.Position = 0; while ($reader.Read($buffer, 0, $buffer.Length) -gt 0) { } }
    $reader.Dispose()

    $cmdletTyped, $castBaseline = Measure-Pair { $null = $valueMap | Read-MemoryMap -Type Int64 -Count 1000000 } { $null = [CmdletSpeedBaselines]::ReadAllBytesCast($values) }

    if (($map | Find-MemoryMap -Pattern $pattern).Offset -ne $patternAt) { throw 'Find-MemoryMap did not find the pattern where it was written.' }
    $cmdletFind, $engineFind = Measure-Pair { $null = $map | Find-MemoryMap -Pattern $pattern } { $null = [CmdletSpeedBaselines]::IndexOf($map, $pattern) }

    $python = Get-Command python3 -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1
    $pythonFind = $null
    if ($python) {
        $code = "import mmap,sys,time`nf=open(sys.argv[1],'rb'); m=mmap.mmap(f.fileno(),0,access=mmap.ACCESS_READ); p=b'MMAP-SEARCH-MARK!'`n" +
            "assert m.find(p)==$patternAt`nbest=min((lambda t:(m.find(p),time.perf_counter()-t)[1])(time.perf_counter()) for _ in range($Iterations))`nprint(best)"
        $pythonFind = [double] (& $python.Source -c $code $file)
    }
    $map, $valueMap | Remove-MemoryMap

    $gb = $size / 1e9
    "Mmap cmdlet speed, $SizeMB MiB file, page cache warm, fastest of $Iterations; $([Environment]::ProcessorCount) cores, PowerShell $($PSVersionTable.PSVersion), .NET $([Environment]::Version), $([DateTime]::UtcNow.ToString('yyyy-MM-dd HH:mm')) UTC, load average $((Get-Content /proc/loadavg -ErrorAction SilentlyContinue) -replace ' .*$', '')"
    Format-Line -What 'Read-MemoryMap -Buffer, 1 MiB chunks / FileStream loop into one buffer' -Ratio ($cmdletChunks / $streamLoop) -Target '<= 3' -Met ($cmdletChunks / $streamLoop -le 3) -Detail ('{0:0.000} s vs {1:0.000} s' -f $cmdletChunks, $streamLoop)
    Format-Line -What 'Read-MemoryMap, 1 MiB chunks, a new array each / FileStream loop' -Ratio ($cmdletArrays / $streamLoop2) -Target '<= 3' -Met ($cmdletArrays / $streamLoop2 -le 3) -Detail ('{0:0.000} s vs {1:0.000} s' -f $cmdletArrays, $streamLoop2)
    Format-Line -What 'Read-MemoryMap -Type Int64 -Count 1000000 / ReadAllBytes+Cast' -Ratio ($cmdletTyped / $castBaseline) -Target '<= 2' -Met ($cmdletTyped / $castBaseline -le 2) -Detail ('{0:0.0} ms vs {1:0.0} ms' -f ($cmdletTyped * 1000), ($castBaseline * 1000))
    Format-Line -What 'Find-MemoryMap / engine IndexOf (17-byte pattern near the end)' -Ratio ($cmdletFind / $engineFind) -Target '<= 1.3' -Met ($cmdletFind / $engineFind -le 1.3) -Detail ('{0:0.0} ms ({1:0.0} GB/s) vs {2:0.0} ms' -f ($cmdletFind * 1000), ($gb / $cmdletFind), ($engineFind * 1000))
    if ($null -ne $pythonFind) {
        Format-Line -What 'CPython mmap.find / Find-MemoryMap' -Ratio ($pythonFind / $cmdletFind) -Target '>= 2.5' -Met ($pythonFind / $cmdletFind -ge 2.5) -Detail ('{0:0.0} ms ({1:0.0} GB/s, {2}) vs {3:0.0} ms' -f ($pythonFind * 1000), ($gb / $pythonFind), (& $python.Source --version), ($cmdletFind * 1000))
    }
    else { 'CPython mmap.find: python3 is not on PATH, line skipped' }
}
finally {
    Get-MemoryMap | Remove-MemoryMap
    Remove-Item -LiteralPath $folder -Recurse -Force
}
