using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using System.Threading;

namespace Mmap
{
    /// <summary>What the native handler writes when a fault lands in a map's range (mmap_fault.c's struct mmap_fault_cell).</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct FaultCell
    {
        /// <summary>0 until the first fault; set before the handler maps zeros over the range.</summary>
        internal uint Faulted;
        internal int SignalCode;
        internal ulong Address;
    }

    /// <summary>A map's place in the table: its slot (-1 when not registered) and its cell.</summary>
    internal readonly unsafe struct FaultRegistration
    {
        internal FaultRegistration(int slot, FaultCell* cell) { Slot = slot; Cell = cell; }
        internal int Slot { get; }
        internal FaultCell* Cell { get; }
    }

    /// <summary>
    /// The ranges of live maps, in native memory the SIGBUS handler reads (mmap_fault.c's root, ranges and cells). Adding
    /// and removing a range is O(1) under a lock (10,000 live maps cost no more per map than one); the handler scans the
    /// slots ever used, which only a fault makes it do. Nothing here is ever freed: a handler running on another thread,
    /// or a safe call racing Dispose, may still read a table or cell the engine has stopped using; a retired cell or slot
    /// is reused instead, and a grown table keeps its old copy (all the old copies together are smaller than the new one).
    /// </summary>
    internal static unsafe class FaultTable
    {
        [StructLayout(LayoutKind.Sequential)]
        private struct Range { internal ulong Start; internal ulong End; internal FaultCell* Cell; }

        [StructLayout(LayoutKind.Sequential)]
        private struct Root { internal Range* Ranges; internal ulong Used; internal ulong PageSize; }

        private const int CellsPerSlab = 256;
        private static readonly object s_lock = new object();
        private static readonly Stack<int> s_freeSlots = new Stack<int>();
        private static readonly Stack<IntPtr> s_freeCells = new Stack<IntPtr>();
        private static Root* s_root;
        private static int s_capacity;

        /// <summary>The cell of every map that is not registered (recovery off, or a map that cannot fault): never set.</summary>
        internal static readonly FaultCell* NeverFaults = (FaultCell*)Marshal.AllocHGlobal(sizeof(FaultCell)).ToPointer();

        static FaultTable() => *NeverFaults = default;

        /// <summary>The root the native handler is given at install.</summary>
        internal static IntPtr CreateRoot(long pageSize)
        {
            lock (s_lock)
            {
                if (s_root == null)
                {
                    s_root = (Root*)Marshal.AllocHGlobal(sizeof(Root)).ToPointer();
                    *s_root = default;
                    s_root->PageSize = (ulong)pageSize;
                }
                return (IntPtr)s_root;
            }
        }

        /// <summary>Registers [<paramref name="start"/>, start+length) when recovery is active; otherwise the map gets the
        /// cell that never faults and no slot.</summary>
        internal static FaultRegistration Add(IntPtr start, long length)
        {
            if (!FaultRecovery.IsActive) return new FaultRegistration(-1, NeverFaults);
            lock (s_lock)
            {
                FaultCell* cell = TakeCell();
                int slot = TakeSlot();
                Range* r = s_root->Ranges + slot;
                r->Cell = cell;
                r->End = (ulong)start.ToInt64() + (ulong)length;
                Volatile.Write(ref r->Start, (ulong)start.ToInt64()); // last: the handler reads a slot whose start is set
                return new FaultRegistration(slot, cell);
            }
        }

        /// <summary>Takes the range out of the table; its cell is reused by a later map. Never throws (it runs while a
        /// handle is released). A safe call still racing the Dispose may read the reused cell: it has seen the map
        /// closed by then, and throws ObjectDisposedException whatever the cell says.</summary>
        internal static void Remove(in FaultRegistration registration)
        {
            if (registration.Slot < 0) return;
            lock (s_lock)
            {
                Range* r = s_root->Ranges + registration.Slot;
                Volatile.Write(ref r->Start, 0UL); // first: the handler skips the slot from now on
                s_freeSlots.Push(registration.Slot);
                s_freeCells.Push((IntPtr)registration.Cell);
            }
        }

        private static FaultCell* TakeCell()
        {
            if (s_freeCells.Count == 0)
            {
                var slab = (FaultCell*)Marshal.AllocHGlobal(sizeof(FaultCell) * CellsPerSlab).ToPointer();
                for (int i = CellsPerSlab - 1; i >= 0; i--) s_freeCells.Push((IntPtr)(slab + i));
            }
            var cell = (FaultCell*)s_freeCells.Pop().ToPointer();
            *cell = default;
            return cell;
        }

        private static int TakeSlot()
        {
            if (s_freeSlots.Count > 0) return s_freeSlots.Pop();
            int used = (int)s_root->Used;
            if (used == s_capacity) Grow();
            Volatile.Write(ref s_root->Used, (ulong)used + 1); // the new slot's start is still 0: skipped until filled
            return used;
        }

        /// <summary>Doubles the table: the copy is complete before the handler is pointed at it, and the old one stays.</summary>
        private static void Grow()
        {
            int capacity = Math.Max(1024, s_capacity * 2);
            var ranges = (Range*)Marshal.AllocHGlobal(sizeof(Range) * capacity).ToPointer();
            new Span<byte>(ranges, sizeof(Range) * capacity).Clear();
            if (s_capacity > 0) Buffer.MemoryCopy(s_root->Ranges, ranges, (long)sizeof(Range) * capacity, (long)sizeof(Range) * s_capacity);
            Volatile.Write(ref *(IntPtr*)&s_root->Ranges, (IntPtr)ranges);
            s_capacity = capacity;
        }
    }
}
