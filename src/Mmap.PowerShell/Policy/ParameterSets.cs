namespace Mmap.Commands.Policy
{
    // Parameter-set names, shared by the cmdlet attributes and the command core that switches on them.

    /// <summary>Get-MemoryMap's sets.</summary>
    internal static class GetMapSets
    {
        internal const string All = "All";
        internal const string Id = "Id";
        internal const string Path = "Path";
        internal const string Tag = "Tag";
    }

    /// <summary>Remove-MemoryMap's sets.</summary>
    internal static class RemoveMapSets
    {
        internal const string InputObject = "InputObject";
        internal const string Id = "Id";
    }

    /// <summary>Get-PageSize's sets.</summary>
    internal static class PageSizeSets
    {
        internal const string Info = "Info";
        internal const string Align = "Align";
    }

    /// <summary>Read-MemoryMap's and Write-MemoryMap's sets: raw bytes or text.</summary>
    internal static class DataSets
    {
        internal const string Bytes = "Bytes";
        internal const string String = "String";
    }

    /// <summary>Test-LowAddressAlloc's sets: the report, or -Quiet's yes/no.</summary>
    internal static class LowAddressSets
    {
        internal const string Report = "Report";
        internal const string Quiet = "Quiet";
    }
}
