using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using System.Threading;

namespace Mmap
{
    /// <summary>What the native handler writes when a fault lands in a map's range (src/Mmap.Native/mmap_fault_table.h's struct mmap_fault_cell),
    /// and the one word a safe call checks after its access: every map has a cell of its own, registered or not.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct FaultCell
    {
        /// <summary>The handler stores it (the whole word) when the first fault lands in the range.</summary>
        internal const uint FaultBit = 1;

        /// <summary>Dispose sets it in the open view's cell (<see cref="MapGate.Close"/>), so a call racing Dispose finds its
        /// access void in the same load that finds a fault; the handler records no fault in a cell already nonzero.</summary>
        internal const uint ClosedBit = 2;

        /// <summary>0 while the map is open and no fault met it.</summary>
        internal uint Faulted;
        internal int SignalCode;
        internal ulong Address;
    }

    /// <summary>A map's place in the table: its slot (-1 when not registered) and its own cell.</summary>
    internal readonly unsafe struct FaultRegistration
    {
        internal FaultRegistration(int slot, FaultCell* cell) { Slot = slot; Cell = cell; }
        internal int Slot { get; }
        internal FaultCell* Cell { get; }
    }

    /// <summary>
    /// The ranges of live maps, in native memory the SIGBUS handler reads (src/Mmap.Native/mmap_fault_table.h's root, ranges and cells). Adding
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

        /// <summary>The cell of every closed view (<see cref="MapView.Closed"/>): closed for good, so every access through
        /// a closed view is void, even one of no bytes.</summary>
        internal static readonly FaultCell* AlwaysClosed = NewStaticCell(FaultCell.ClosedBit);

        /// <summary>The cell of every changing view (<see cref="MapView.Changing"/>): no range leads the handler to it, so it
        /// stays 0, and an access of no bytes through a changing view stands (every other access waits for the change).</summary>
        internal static readonly FaultCell* NeverSet = NewStaticCell(0);

        private static FaultCell* NewStaticCell(uint word)
        {
            var cell = (FaultCell*)Marshal.AllocHGlobal(sizeof(FaultCell)).ToPointer();
            *cell = default;
            cell->Faulted = word;
            return cell;
        }

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

        /// <summary>A cell of a map's own, with no range registered (<see cref="Cover"/> registers one).</summary>
        internal static FaultRegistration NewCell()
        {
            lock (s_lock) return new FaultRegistration(-1, TakeCell());
        }

        /// <summary>Registers [<paramref name="start"/>, start+length) with the cell of <paramref name="unregistered"/> when
        /// recovery is active; otherwise the map keeps its cell and no slot.</summary>
        internal static FaultRegistration Cover(in FaultRegistration unregistered, IntPtr start, long length)
        {
            if (!FaultRecovery.IsActive || unregistered.Slot >= 0) return unregistered;
            lock (s_lock)
            {
                FaultCell* cell = unregistered.Cell;
                int slot = TakeSlot();
                Range* r = s_root->Ranges + slot;
                r->Cell = cell;
                r->End = (ulong)start.ToInt64() + (ulong)length;
                Volatile.Write(ref r->Start, (ulong)start.ToInt64()); // last: the handler reads a slot whose start is set
                return new FaultRegistration(slot, cell);
            }
        }

        /// <summary>Takes the range out of the table. Never throws (it runs while a handle is released). The cell is not
        /// reused until <see cref="ReturnCell"/>: a safe call may still be racing the Dispose of a retired map, and must
        /// find the cell as Dispose left it.</summary>
        internal static void Remove(in FaultRegistration registration)
        {
            if (registration.Slot < 0) return;
            lock (s_lock)
            {
                Range* r = s_root->Ranges + registration.Slot;
                Volatile.Write(ref r->Start, 0UL); // first: the handler skips the slot from now on
                s_freeSlots.Push(registration.Slot);
            }
        }

        /// <summary>Gives a cell back for a later map, once no call can read it (never throws: finalizers call it).</summary>
        internal static void ReturnCell(FaultCell* cell)
        {
            lock (s_lock) s_freeCells.Push((IntPtr)cell);
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
