using System;
using System.IO;
using System.Reflection;

namespace Mmap
{
    /// <summary>
    /// <c>Stream.Write(ReadOnlySpan&lt;byte&gt;)</c> where the runtime has it (.NET Core 2.1 and later): a stream's span overload
    /// writes straight from mapped memory (a FileStream: one write system call), with no copy through an array. The net8.0
    /// build calls it; the netstandard2.0 build, whose Stream takes only arrays, binds it once by reflection when it runs on
    /// .NET, and has none (null) on .NET Framework.
    /// </summary>
    internal static class SpanStreamWriter
    {
        internal delegate void WriteSpan(Stream destination, ReadOnlySpan<byte> source);

        /// <summary>The runtime's virtual <c>Stream.Write(ReadOnlySpan&lt;byte&gt;)</c> as an open delegate (so it calls the
        /// destination's override), or null where Stream has no such overload.</summary>
#if NET
        internal static readonly WriteSpan? Write = (destination, source) => destination.Write(source);
#else
        internal static readonly WriteSpan? Write = Bind();

        private static WriteSpan? Bind()
        {
            MethodInfo? write = typeof(Stream).GetMethod(nameof(Stream.Write), BindingFlags.Public | BindingFlags.Instance, null, new[] { typeof(ReadOnlySpan<byte>) }, null);
            return write is null ? null : (WriteSpan)Delegate.CreateDelegate(typeof(WriteSpan), write);
        }
#endif
    }
}
