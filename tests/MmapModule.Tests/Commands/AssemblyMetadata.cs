using System.Collections.Immutable;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace MmapModule.Tests.Commands;

/// <summary>One parameter attribute of a cmdlet property: its set and binding facts.</summary>
public sealed record ParameterSetFacts(string SetName, bool Mandatory, int? Position, bool ByValue, bool ByPropertyName);

/// <summary>A cmdlet parameter as declared in metadata.</summary>
public sealed record ParameterFacts(string Name, string TypeName, IReadOnlyList<ParameterSetFacts> Sets, IReadOnlyList<string> Aliases, bool Wildcards);

/// <summary>A cmdlet class as declared in metadata.</summary>
public sealed record CmdletFacts(string Name, string TypeName, bool SupportsShouldProcess, string? DefaultSet, int OutputTypes, IReadOnlyList<ParameterFacts> Parameters)
{
    /// <summary>The parameter sets PowerShell shows for the cmdlet (PlatyPS writes one SYNTAX block each).</summary>
    public IReadOnlyList<string> SetNames =>
        Parameters.SelectMany(p => p.Sets).Select(s => s.SetName).Where(s => s != AssemblyMetadata.AllSets)
            .Concat(DefaultSet is null ? [] : [DefaultSet]).Distinct().ToList();
}

/// <summary>
/// Reads cmdlet declarations from an assembly's metadata with System.Reflection.Metadata, never loading it:
/// the cmdlet classes derive from System.Management.Automation types that cannot load under xunit.
/// </summary>
public static class AssemblyMetadata
{
    public const string AllSets = "__AllParameterSets";
    private const string Sma = "System.Management.Automation";

    public static IReadOnlyList<CmdletFacts> ReadCmdlets(string assemblyPath)
    {
        using var stream = File.OpenRead(assemblyPath);
        using var pe = new PEReader(stream);
        var reader = pe.GetMetadataReader();
        var provider = new TypeNames();
        var cmdlets = new List<CmdletFacts>();
        foreach (var typeHandle in reader.TypeDefinitions)
        {
            var type = reader.GetTypeDefinition(typeHandle);
            var attributes = type.GetCustomAttributes().Select(h => reader.GetCustomAttribute(h)).ToList();
            var cmdlet = attributes.Where(a => AttributeName(reader, a) == $"{Sma}.CmdletAttribute").ToList();
            if (cmdlet.Count == 0) continue;
            var value = cmdlet[0].DecodeValue(provider);
            string name = $"{value.FixedArguments[0].Value}-{value.FixedArguments[1].Value}";
            bool shouldProcess = Named(value, "SupportsShouldProcess") is true;
            string? defaultSet = Named(value, "DefaultParameterSetName") as string;
            int outputTypes = attributes.Count(a => AttributeName(reader, a) == $"{Sma}.OutputTypeAttribute");
            var parameters = type.GetProperties().Select(h => ReadParameter(reader, provider, reader.GetPropertyDefinition(h)))
                .Where(p => p != null).Select(p => p!).ToList();
            cmdlets.Add(new CmdletFacts(name, $"{reader.GetString(type.Namespace)}.{reader.GetString(type.Name)}", shouldProcess, defaultSet, outputTypes, parameters));
        }
        return cmdlets;
    }

    /// <summary>The constant fields of an enum type (name to value) in any assembly, e.g. SMA's reference assembly.</summary>
    public static IReadOnlyDictionary<string, int> ReadEnum(string assemblyPath, string fullName)
    {
        using var stream = File.OpenRead(assemblyPath);
        using var pe = new PEReader(stream);
        var reader = pe.GetMetadataReader();
        foreach (var typeHandle in reader.TypeDefinitions)
        {
            var type = reader.GetTypeDefinition(typeHandle);
            if ($"{reader.GetString(type.Namespace)}.{reader.GetString(type.Name)}" != fullName) continue;
            var values = new Dictionary<string, int>();
            foreach (var fieldHandle in type.GetFields())
            {
                var field = reader.GetFieldDefinition(fieldHandle);
                var constant = field.GetDefaultValue();
                if (constant.IsNil) continue;
                values[reader.GetString(field.Name)] = reader.GetBlobReader(reader.GetConstant(constant).Value).ReadInt32();
            }
            return values;
        }
        throw new InvalidOperationException($"{fullName} is not defined in {assemblyPath}.");
    }

    private static ParameterFacts? ReadParameter(MetadataReader reader, TypeNames provider, PropertyDefinition property)
    {
        var sets = new List<ParameterSetFacts>();
        var aliases = new List<string>();
        bool wildcards = false;
        foreach (var handle in property.GetCustomAttributes())
        {
            var attribute = reader.GetCustomAttribute(handle);
            switch (AttributeName(reader, attribute))
            {
                case $"{Sma}.ParameterAttribute":
                    var p = attribute.DecodeValue(provider);
                    sets.Add(new ParameterSetFacts(
                        Named(p, "ParameterSetName") as string ?? AllSets,
                        Named(p, "Mandatory") is true,
                        Named(p, "Position") as int?,
                        Named(p, "ValueFromPipeline") is true,
                        Named(p, "ValueFromPipelineByPropertyName") is true));
                    break;
                case $"{Sma}.AliasAttribute":
                    var a = attribute.DecodeValue(provider);
                    aliases.AddRange(((ImmutableArray<CustomAttributeTypedArgument<string>>)a.FixedArguments[0].Value!).Select(x => (string)x.Value!));
                    break;
                case $"{Sma}.SupportsWildcardsAttribute":
                    wildcards = true;
                    break;
            }
        }
        if (sets.Count == 0) return null;
        string typeName = TypeNames.Short(property.DecodeSignature(provider, null).ReturnType);
        return new ParameterFacts(reader.GetString(property.Name), typeName, sets, aliases, wildcards);
    }

    private static object? Named(CustomAttributeValue<string> value, string name) =>
        value.NamedArguments.Where(n => n.Name == name).Select(n => n.Value).FirstOrDefault();

    private static string AttributeName(MetadataReader reader, CustomAttribute attribute)
    {
        EntityHandle type = attribute.Constructor.Kind switch
        {
            HandleKind.MemberReference => reader.GetMemberReference((MemberReferenceHandle)attribute.Constructor).Parent,
            HandleKind.MethodDefinition => reader.GetMethodDefinition((MethodDefinitionHandle)attribute.Constructor).GetDeclaringType(),
            _ => default,
        };
        return type.Kind switch
        {
            HandleKind.TypeReference => TypeNames.FullName(reader, (TypeReferenceHandle)type),
            HandleKind.TypeDefinition => TypeNames.FullName(reader, (TypeDefinitionHandle)type),
            _ => "",
        };
    }

    /// <summary>Full type names for signatures and attribute values (enums in attributes are int-based).</summary>
    private sealed class TypeNames : ISignatureTypeProvider<string, object?>, ICustomAttributeTypeProvider<string>
    {
        /// <summary>PlatyPS's spelling: the name without its namespace (System.Int64[] -> Int64[]).</summary>
        public static string Short(string fullName) => fullName.Split('.').Last();

        public static string FullName(MetadataReader r, TypeReferenceHandle h)
        {
            var t = r.GetTypeReference(h);
            return $"{r.GetString(t.Namespace)}.{r.GetString(t.Name)}";
        }

        public static string FullName(MetadataReader r, TypeDefinitionHandle h)
        {
            var t = r.GetTypeDefinition(h);
            return $"{r.GetString(t.Namespace)}.{r.GetString(t.Name)}";
        }

        public string GetPrimitiveType(PrimitiveTypeCode typeCode) => $"System.{typeCode}";
        public string GetTypeFromDefinition(MetadataReader r, TypeDefinitionHandle handle, byte rawTypeKind) => FullName(r, handle);
        public string GetTypeFromReference(MetadataReader r, TypeReferenceHandle handle, byte rawTypeKind) => FullName(r, handle);
        public string GetSZArrayType(string elementType) => elementType + "[]";
        public string GetArrayType(string elementType, ArrayShape shape) => elementType + "[" + new string(',', shape.Rank - 1) + "]";
        public string GetByReferenceType(string elementType) => elementType + "&";
        public string GetPointerType(string elementType) => elementType + "*";
        public string GetPinnedType(string elementType) => elementType;
        public string GetModifiedType(string modifier, string unmodifiedType, bool isRequired) => unmodifiedType;
        public string GetGenericInstantiation(string genericType, ImmutableArray<string> typeArguments) =>
            genericType + "[" + string.Join(",", typeArguments.Select(Short)) + "]";
        public string GetGenericMethodParameter(object? genericContext, int index) => $"!!{index}";
        public string GetGenericTypeParameter(object? genericContext, int index) => $"!{index}";
        public string GetFunctionPointerType(MethodSignature<string> signature) => "fnptr";
        public string GetTypeFromSpecification(MetadataReader r, object? genericContext, TypeSpecificationHandle handle, byte rawTypeKind) =>
            r.GetTypeSpecification(handle).DecodeSignature(this, genericContext);
        public string GetSystemType() => "System.Type";
        public string GetTypeFromSerializedName(string name) => name;
        public PrimitiveTypeCode GetUnderlyingEnumType(string type) => PrimitiveTypeCode.Int32;
        public bool IsSystemType(string type) => type == "System.Type";
    }
}
