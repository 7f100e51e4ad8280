using System;
using System.Runtime.InteropServices;
using Mmap.Platform;

namespace Mmap
{
    /// <summary>
    /// Owns one mapping and the descriptor the engine opened for it. Being a SafeHandle gives three things:
    /// reference counting (a Read racing a Dispose finishes before the unmap), a critical finalizer for maps
    /// nobody disposed, and idempotent release (double dispose is harmless).
    /// </summary>
    internal sealed unsafe class MapHandle : SafeHandle
    {
        /// <summary>Changed only by a resize in place, which has the map to itself or only adds pages (<see cref="MappedLength"/>).</summary>
        private NativeView _view;

        internal MapHandle(NativeView view, NativeFile file) : base(IntPtr.Zero, ownsHandle: true)
        {
            _view = view;
            File = file;
            Fault = FaultTable.NewCell();
            SetHandle(view.Address);
        }

        /// <summary>The view's place in the fault handler's table, and the cell a fault in it sets (<see cref="Cover"/>).</summary>
        internal FaultRegistration Fault { get; private set; }

        /// <summary>Puts the view under fault recovery, where it is active (the map's constructor, once).</summary>
        internal void Cover() => Fault = FaultTable.Cover(Fault, _view.Address, _view.Reserved); // room to grow included: the map may grow into it

        /// <summary>Records that <paramref name="length"/> bytes of the view's reservation are mapped now (a resize in place).</summary>
        internal void MappedLength(long length) => _view = _view.WithLength(length);

        internal NativeView View => _view;

        internal NativeFile File { get; }

        internal long RegistryId { get; set; }

        /// <summary>Set by Dispose of a map in the retired scheme (<see cref="MapRules.RetiresInPlace"/>) when a safe call on
        /// another thread may still be racing it: the release then retires the view instead of unmapping it. A map nobody
        /// disposed is released by the finalizer, when no call can be running: that one unmaps.</summary>
        internal bool RetireOnRelease { get; set; }

        /// <summary>Pins taken through the map's gate (<see cref="MapGate.TryPin"/>): a lease, a pointer or a system call
        /// holds the mapping where it is, so a resize must not move it.</summary>
        internal int Pins;

        internal bool IsPinned => System.Threading.Volatile.Read(ref Pins) > 0;

        /// <summary>Set while the descriptor belongs to another handle of the same map (a change gave it on, or has not yet
        /// given it to this one): the release leaves it open.</summary>
        internal bool KeepsFileOpen { get; set; }

        /// <summary>Set when a resize moved this handle's mapping to the new view's handle (mremap): nothing is left here to
        /// unmap or retire, only the fault table's entry and cell to give back.</summary>
        internal bool MappingMoved { get; set; }

        /// <summary>Keeps the retired range until this handle, and so its map, is collected.</summary>
        private RetiredRange? _retired;

        public override bool IsInvalid => handle == IntPtr.Zero;

        protected override bool ReleaseHandle()
        {
            // Runs on the finalizer thread for forgotten maps: nothing here may throw.
            // Out of the fault table after the range is inert, before it is unmapped (a later map may take its addresses).
            // A retired range keeps the cell too: a call racing the Dispose checks it after its access.
            if (MappingMoved)
            {
                FaultTable.Remove(Fault);
                FaultTable.ReturnCell(Fault.Cell);
            }
            else if (RetireOnRelease)
            {
                OsLayer.Current.Retire(_view);
                FaultTable.Remove(Fault);
                _retired = new RetiredRange(_view, Fault.Cell);
            }
            else
            {
                FaultTable.Remove(Fault);
                OsLayer.Current.Unmap(_view);
                FaultTable.ReturnCell(Fault.Cell);
            }
            if (!KeepsFileOpen) OsLayer.Current.CloseFile(File);
            if (RegistryId != 0) MemoryMapRegistry.Remove(RegistryId);
            return true;
        }
    }
}
