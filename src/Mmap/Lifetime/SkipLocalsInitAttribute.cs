#if !NET
namespace System.Runtime.CompilerServices
{
    /// <summary>The compiler's SkipLocalsInit (C# 9), which netstandard2.0 does not define (the net8.0 build has the
    /// runtime's): the compiler recognizes it by name and clears the method's localsinit flag; every runtime honours the flag.</summary>
    [AttributeUsage(AttributeTargets.Method, Inherited = false)]
    internal sealed class SkipLocalsInitAttribute : Attribute
    {
    }
}
#endif
