using System.Net.Sockets;
using Mmap.Tests;

namespace Mmap.Tests.Reliability;

/// <summary>
/// Something that is not shared memory planted in /dev/shm under a tag's name (a FIFO, a directory, a unix socket):
/// every open refuses it at once with invalid_argument naming what it found, never blocks (an open of a FIFO for
/// reading waits for a writer), never offers size advice or an OS "Illegal seek", and leaves the planted entry alone.
/// Each open runs in a child process with a deadline, so a hang fails the test instead of the run.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class PlantedTagFileTests
{
    public static TheoryData<string, string> Cases
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (string kind in new[] { "fifo", "directory", "socket" })
                foreach (string open in new[] { "read", "readwrite", "mirror", "attach" })
                    data.Add(kind, open);
            return data;
        }
    }

    [SkippableTheory]
    [MemberData(nameof(Cases))]
    public void A_planted_non_file_is_refused_at_once_and_named(string kind, string open)
    {
        Skip.IfNot(Expect.IsLinux && Environment.UserName == "root", "plants entries in /dev/shm (Linux, root)");
        string tag = "mmap-plant-" + Guid.NewGuid().ToString("N").Substring(0, 12);
        string path = Tags.ShmPath(tag);
        using Socket? socket = Plant(kind, path);
        try
        {
            var (code, output) = Helper.Run(TimeSpan.FromSeconds(30), "hostile-tag-open", tag, open);
            Assert.True(code == 2, $"exit {code}: {output}");
            Assert.StartsWith("error invalid_argument", output);
            Assert.Contains($"'{tag}' is {Named(kind)}", output);
            Assert.Contains("Remove it, or use another tag", output);
            Assert.DoesNotContain("Illegal seek", output);
            Assert.DoesNotContain("Check the size", output);
            Assert.True(kind == "directory" ? Directory.Exists(path) : File.Exists(path), "the planted entry was removed");
        }
        finally
        {
            if (kind == "directory") Directory.Delete(path);
            else File.Delete(path);
        }
    }

    private static Socket? Plant(string kind, string path)
    {
        switch (kind)
        {
            case "fifo":
                Assert.Equal(0, Sandbox.mkfifo(path, 0x180));
                return null;
            case "directory":
                Directory.CreateDirectory(path);
                return null;
            default:
                var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                socket.Bind(new UnixDomainSocketEndPoint(path));
                return socket;
        }
    }

    private static string Named(string kind) => kind switch { "fifo" => "a FIFO", "directory" => "a directory", _ => "a unix socket" };
}
