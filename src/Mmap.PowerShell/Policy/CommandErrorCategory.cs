namespace Mmap.Commands.Policy
{
    /// <summary>
    /// The PowerShell ErrorCategory values the module uses, mirrored by name and number so the command core
    /// stays free of System.Management.Automation (xunit cannot load it). A metadata test proves every member
    /// matches SMA's ErrorCategory; the cmdlets convert with a plain cast.
    /// </summary>
    internal enum CommandErrorCategory
    {
        NotSpecified = 0,
        InvalidArgument = 5,
        InvalidData = 6,
        InvalidOperation = 7,
        NotImplemented = 11,
        ObjectNotFound = 13,
        PermissionDenied = 18,
        ResourceExists = 20,
        ResourceUnavailable = 21,
    }
}
