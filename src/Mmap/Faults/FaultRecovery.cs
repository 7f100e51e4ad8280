using System;
using Mmap.Platform;

namespace Mmap
{
    /// <summary>
    /// Whether this process turns a fault inside a live map into an error instead of a crash. A page of a map whose file
    /// another process cut short, or whose hole cannot be filled on a full file system, or whose device fails, raises
    /// SIGBUS on access (EXCEPTION_IN_PAGE_ERROR on Windows: a network share gone, a sparse file on a full volume), which
    /// .NET cannot catch. Where recovery is active (Linux x64 and arm64 with glibc; Windows x64), the engine installs a
    /// SIGBUS handler over the runtime's (a vectored exception handler ahead of it on Windows) at the first map: a fault
    /// inside a live map's range is recorded in the map (<see cref="MemoryMap.Fault"/>), the access completes on zeros
    /// (on Windows the whole view holding the page turns to zeros), and the safe call that met it throws
    /// <see cref="MmapException"/> (file_too_short, disk_full or io_error); every later safe call of that map throws the
    /// same. Faults anywhere else go to the runtime's handler exactly as before. Where it is not active, safe calls of
    /// maps another process can cut check the backing's size on each call instead (<see cref="MapOptions.SizeCheck"/>),
    /// which a cut landing mid-call still beats.
    /// </summary>
    /// <remarks>The handler is process-wide. A host with SIGBUS handling of its own that must not be chained in front of
    /// turns recovery off before the first map: <see cref="Disable"/>, or the environment variable
    /// <c>MMAP_FAULT_RECOVERY=0</c> set before the process starts. A handler installed later that passes on the faults it
    /// does not own (as the runtime's and this one do) keeps recovery working.</remarks>
    public static class FaultRecovery
    {
        private static readonly object s_lock = new object();
        private static bool s_decided, s_active;
        private static string s_status = "";

        /// <summary>The environment variable that turns recovery off for a process ("0", "off" or "false").</summary>
        public const string EnvironmentVariable = "MMAP_FAULT_RECOVERY";

        /// <summary>True when faults inside live maps become errors in this process. Asking decides it, as the first map does.</summary>
        public static bool IsActive
        {
            get
            {
                Decide();
                return s_active;
            }
        }

        /// <summary>What recovery is in this process and why: "active (...)" or "off: ...".</summary>
        public static string Status
        {
            get
            {
                Decide();
                return s_status;
            }
        }

        /// <summary>Keeps the engine's SIGBUS handler out of this process. Call it before the first map (or the first look at
        /// <see cref="IsActive"/>); safe calls then check sizes as they did before recovery existed.</summary>
        /// <exception cref="InvalidOperationException">The handler is already installed: a handler cannot be taken out from
        /// between the runtime's and one installed after it.</exception>
        public static void Disable()
        {
            lock (s_lock)
            {
                if (s_decided && s_active)
                    throw new InvalidOperationException(
                        "Fault recovery is already active in this process (a map was made, or IsActive was read). Call FaultRecovery.Disable() " +
                        $"before the first map, or set {EnvironmentVariable}=0 before the process starts.");
                s_decided = true;
                s_status = "off: turned off by the host (FaultRecovery.Disable)";
            }
        }

        private static void Decide()
        {
            if (s_decided) return;
            lock (s_lock)
            {
                if (s_decided) return;
                s_status = Install();
                s_active = s_status.StartsWith("active", StringComparison.Ordinal);
                s_decided = true;
            }
        }

        private static string Install()
        {
            string? setting = Environment.GetEnvironmentVariable(EnvironmentVariable);
            if (setting is "0" || string.Equals(setting, "off", StringComparison.OrdinalIgnoreCase) || string.Equals(setting, "false", StringComparison.OrdinalIgnoreCase))
                return $"off: turned off by {EnvironmentVariable}={setting}";
            string? rid = FaultHandlerBinary.RuntimeId(HostPlatform.Os, HostPlatform.Architecture, IntPtr.Size);
            if (rid is null)
                return $"off: no fault handler for {HostPlatform.Describe(HostPlatform.Os, HostPlatform.Architecture)} in a {IntPtr.Size * 8}-bit process; " +
                       "safe calls check the backing's size instead";
            string path = FaultHandlerBinary.LibraryPath(rid);
            string? failure = FaultHandlerBinary.Install(rid, path, FaultTable.CreateRoot(OsLayer.Current.PageInfo.PageSize));
            return failure is null ? $"active ({FaultHandlerBinary.Describe(rid)})" : $"off: {failure}; safe calls check the backing's size instead";
        }
    }
}
