using Mmap;
using Mmap.Commands.Policy;

namespace Mmap.PowerShell.Tests.Policy;

public sealed class TagPermissionTests
{
    [Theory]
    [InlineData("600", 0x180)]
    [InlineData("0644", 0x1A4)]
    [InlineData("666", 0x1B6)]
    [InlineData("0", 0)]
    [InlineData("777", 0x1FF)]
    [InlineData(" 640 ", 0x1A0)]
    [InlineData("rw-------", 0x180)]
    [InlineData("rw-r--r--", 0x1A4)]
    [InlineData("rwxrwxrwx", 0x1FF)]
    [InlineData("---------", 0)]
    public void Octal_digits_and_ls_letters_give_the_mode(string text, int mode) => Assert.Equal(mode, TagPermission.Parse(text));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void Left_out_is_owner_only(string? text) => Assert.Equal(SharedMemory.OwnerOnly, TagPermission.Parse(text));

    [Theory]
    [InlineData("644x")]
    [InlineData("8")]
    [InlineData("1777")]   // the sticky bit means nothing on shared memory
    [InlineData("00644")]
    [InlineData("rw-r--r-x-")]
    [InlineData("rw-r--r-q")]
    [InlineData("wr-------")]
    [InlineData("-1")]
    public void Anything_else_is_invalid_argument_naming_both_spellings(string text)
    {
        var e = Expect.Error(MmapError.InvalidArgument, () => TagPermission.Parse(text));
        Assert.Contains($"'{text}'", e.Message);
        Assert.Contains("rw-r--r--", e.Message);
        Assert.Equal(text, e.Target);
    }
}
