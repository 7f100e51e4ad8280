using Mmap.Commands.Policy;

namespace Mmap.Commands
{
    /// <summary>Binds -Encoding as the built-in cmdlets do: an [Encoding], a name (utf8, unicode, ansi, ...) or a code
    /// page. An unknown one fails binding, before any map is touched, with the known names in the message.</summary>
    public sealed class EncodingTransformationAttribute : CoreTransformationAttribute
    {
        /// <inheritdoc/>
        protected override object Convert(object? value) => TextEncodings.From(value);
    }
}
