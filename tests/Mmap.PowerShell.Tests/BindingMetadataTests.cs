using System.Management.Automation;
using System.Reflection;
using Mmap.Commands;

namespace Mmap.PowerShell.Tests;

/// <summary>How the cmdlets bind, read from their metadata: -Path and -Id by property name, -Id completed from the
/// session, -Encoding and -Address through the transformations that take what PowerShell users type.</summary>
public sealed class BindingMetadataTests
{
    private static IEnumerable<(string Cmdlet, PropertyInfo Property, ParameterFacts Facts)> Parameters(string name) =>
        CmdletCatalog.All.SelectMany(c => c.Parameters.Where(p => p.Name == name).Select(p => (c.Name, c.Type.GetProperty(name)!, p)));

    [Fact]
    public void Path_binds_by_property_name_wherever_it_names_files_to_open_or_size()
    {
        var paths = Parameters("Path").ToList();
        Assert.Equal(["Get-MemoryMap", "New-MemoryMap", "New-MirroredMap", "Set-FileSize"], paths.Select(p => p.Cmdlet).Order());
        foreach (var (cmdlet, _, facts) in paths.Where(p => p.Cmdlet != "Get-MemoryMap"))
            Assert.True(facts.Sets.All(s => s.ByValue && s.ByPropertyName), $"{cmdlet} -Path must bind by value and by property name");
        // A map has a Path as well as an Id: piping maps into Get-MemoryMap binds -Id alone.
        Assert.DoesNotContain(paths.Single(p => p.Cmdlet == "Get-MemoryMap").Facts.Sets, s => s.ByPropertyName);
    }

    [Fact]
    public void Id_binds_by_property_name_and_completes_the_sessions_map_ids()
    {
        var ids = Parameters("Id").ToList();
        Assert.Equal(["Get-MemoryMap", "Remove-MemoryMap"], ids.Select(p => p.Cmdlet).Order());
        foreach (var (cmdlet, property, facts) in ids)
        {
            Assert.True(facts.Sets.All(s => s.ByPropertyName), $"{cmdlet} -Id must bind by property name");
            Assert.Equal(typeof(MapIdCompleter), property.GetCustomAttribute<ArgumentCompleterAttribute>()?.Type);
        }
    }

    [Theory]
    [InlineData("Encoding", typeof(System.Text.Encoding), typeof(EncodingTransformationAttribute), "Find-MemoryMap, Read-MemoryMap, Write-MemoryMap")]
    [InlineData("Address", typeof(ulong), typeof(AddressTransformationAttribute), "New-MemoryMap, New-MirroredMap")]
    public void Typed_parameters_take_what_users_type_through_a_transformation(string name, Type type, Type transformation, string cmdlets)
    {
        var found = Parameters(name).ToList();
        Assert.Equal(cmdlets, string.Join(", ", found.Select(p => p.Cmdlet).Order()));
        foreach (var (cmdlet, property, _) in found)
        {
            Assert.True(property.PropertyType == type, $"{cmdlet} -{name} is {property.PropertyType.Name}, not {type.Name}");
            Assert.NotNull(property.GetCustomAttribute(transformation));
        }
    }

    [Fact]
    public void Encoding_still_completes_by_name() =>
        Assert.All(Parameters("Encoding"), p => Assert.Equal(typeof(EncodingNameCompleter), p.Property.GetCustomAttribute<ArgumentCompleterAttribute>()?.Type));

    [Fact]
    public void An_empty_Value_of_bytes_binds()
    {
        var value = Parameters("Value").Single(p => p.Cmdlet == "Write-MemoryMap");
        Assert.NotNull(value.Property.GetCustomAttribute<AllowEmptyCollectionAttribute>());
    }
}
