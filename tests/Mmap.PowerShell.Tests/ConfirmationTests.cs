using System.Management.Automation;
using System.Reflection;

namespace Mmap.PowerShell.Tests;

/// <summary>
/// ShouldProcess and ShouldContinue through a host that records its questions: every change is confirmable
/// (none is skipped), ordinary use asks nothing at the default $ConfirmPreference, and only -Force skips
/// Set-FileSize's truncation question.
/// </summary>
public sealed class ConfirmationTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("mmap-confirm-").FullName;
    private readonly ScriptedHost _host = new();
    private readonly ModuleHost _ps;

    public ConfirmationTests() => _ps = new ModuleHost(_host);

    public void Dispose()
    {
        _ps.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    private string File(string name, int length = 0)
    {
        string path = Path.Combine(_dir, name);
        if (length > 0) System.IO.File.WriteAllBytes(path, new byte[length]);
        return path;
    }

    [Fact]
    public void Ordinary_use_asks_nothing_at_the_default_ConfirmPreference()
    {
        _ps.Run("""
            param($dir)
            $file = New-MemoryMap -Path (Join-Path $dir new.bin) -Access ReadWrite -Size 4KB
            $grown = New-MemoryMap -Path (Join-Path $dir new.bin) -Access ReadWrite -Size 8KB
            $ring = New-MirroredMap -Path (Join-Path $dir ring.bin) -Size 4KB
            $tag = New-MemoryMap -Tag "mmap-c-$([guid]::NewGuid().ToString('N').Substring(0, 12))" -Size 4KB
            $anon = New-MemoryMap -Anonymous -Size 4KB
            $file, $grown, $ring, $tag, $anon | Write-MemoryMap -Value ([byte[]](1))
            Set-FileSize -Path (Join-Path $dir sized.bin) -Size 100
            Set-FileSize -Path (Join-Path $dir sized.bin) -Size 200
            $tag | Remove-MemoryMap -Unlink
            Get-MemoryMap | Remove-MemoryMap
            """, _dir);
        Assert.Empty(_host.Questions);
    }

    [Theory]
    [InlineData("New-MemoryMap -Anonymous -Size 4KB")]
    [InlineData("New-MirroredMap -Size 4KB")]
    [InlineData("New-MemoryMap -Path $args[0] -Access CopyOnWrite")]
    public void Confirm_asks_before_writing_into_private_memory_too(string open)
    {
        _host.Answer("No");
        var bytes = _ps.Run($"$map = {open}; $map | Write-MemoryMap -Value ([byte[]](7)) -Confirm; $map | Read-MemoryMap -Count 1", File("cow.bin", 4096));
        Assert.Equal([0], (byte[])bytes.Single().BaseObject);
        Assert.Contains("Write 1 byte at map offset 0", Assert.Single(_host.Questions));
    }

    [Fact]
    public void Confirm_asks_before_mapping_creates_a_file_and_a_no_creates_nothing()
    {
        _host.Answer("No");
        string path = File("asked.bin");
        Assert.Empty(_ps.Run("New-MemoryMap -Path $args[0] -Access ReadWrite -Size 4KB -Confirm", path));
        Assert.Contains("Create with 4 KiB (4096 bytes)", Assert.Single(_host.Questions));
        Assert.False(System.IO.File.Exists(path));
    }

    [Fact]
    public void Truncation_asks_even_with_Confirm_false_and_a_yes_truncates()
    {
        string path = File("t.bin", 100);
        _host.Answer("Yes");
        _ps.Run("Set-FileSize -Path $args[0] -Size 10 -Confirm:$false", path);
        Assert.StartsWith("Truncate file: Truncating", Assert.Single(_host.Questions));
        Assert.Equal(10, new FileInfo(path).Length);
    }

    [Fact]
    public void Force_truncates_without_a_question()
    {
        string path = File("f.bin", 100);
        _ps.Run("Set-FileSize -Path $args[0] -Size 10 -Force", path);
        Assert.Empty(_host.Questions);
        Assert.Equal(10, new FileInfo(path).Length);
    }

    [Fact]
    public void Yes_to_all_answers_the_truncation_question_for_every_file_of_the_command()
    {
        string a = File("a.bin", 100), b = File("b.bin", 100);
        _host.Answer("Yes to All");
        _ps.Run("Set-FileSize -Path $args[0], $args[1] -Size 10 -Confirm:$false", a, b);
        Assert.Single(_host.Questions);
        Assert.Equal((10, 10), (new FileInfo(a).Length, new FileInfo(b).Length));
    }

    [Fact]
    public void A_host_without_a_user_interface_gets_confirmation_required_not_a_NullReferenceException()
    {
        string path = File("n.bin", 100);
        using var bare = new ModuleHost(new ScriptedHost(hasUI: false));
        var (_, errors) = bare.TryRun("Set-FileSize -Path $args[0] -Size 10", path);
        var error = Assert.Single(errors);
        Assert.Equal("confirmation_required,Mmap.Commands.SetFileSizeCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidOperation, error.CategoryInfo.Category);
        Assert.Equal(path, error.TargetObject);
        Assert.Contains("-Force", error.Exception.Message);
        Assert.Equal(100, new FileInfo(path).Length);
    }

    [Theory]
    [InlineData("Write-MemoryMap", true, ConfirmImpact.Low)]
    [InlineData("New-MemoryMap", true, ConfirmImpact.Medium)]
    [InlineData("New-MirroredMap", true, ConfirmImpact.Medium)]
    [InlineData("Set-FileSize", true, ConfirmImpact.Medium)]
    [InlineData("Remove-MemoryMap", true, ConfirmImpact.Medium)]
    [InlineData("Sync-MemoryMap", false, ConfirmImpact.Medium)] // a flush changes no byte anyone can read
    public void Every_cmdlet_that_changes_data_supports_ShouldProcess_at_an_impact_that_does_not_prompt_by_default(string name, bool supports, ConfirmImpact impact)
    {
        var cmdlet = CmdletCatalog.All.Single(c => c.Name == name).Type.GetCustomAttribute<CmdletAttribute>()!;
        Assert.Equal(supports, cmdlet.SupportsShouldProcess);
        if (supports) Assert.Equal(impact, cmdlet.ConfirmImpact);
        Assert.True(cmdlet.ConfirmImpact < ConfirmImpact.High); // $ConfirmPreference is High by default
    }
}
