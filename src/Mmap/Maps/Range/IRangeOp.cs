namespace Mmap
{
    /// <summary>
    /// One safe operation on a range of mapped bytes: a copy in or out, a typed value, a gather, an atomic update, a search
    /// step. <see cref="MemoryMap"/> and <see cref="MapLease"/> run every one through their single range primitive (check
    /// the range and the access, <see cref="Run"/>, check that the access stands, else <see cref="Void"/> and throw), so
    /// the Dispose and fault protocols are written once per owner and each operation once for both. Operations are structs:
    /// the JIT compiles the primitive once per operation, with <see cref="Writes"/> a constant and <see cref="Run"/>
    /// inlined, as if written out by hand.
    /// </summary>
    internal unsafe interface IRangeOp
    {
        /// <summary>Whether the operation stores into the range (refused on read-only maps and leases).</summary>
        bool Writes { get; }

        /// <summary>The access itself over [<paramref name="at"/>, at+count), checked by the caller. It must throw nothing:
        /// the primitive has no try/finally around it (see <see cref="MapGate"/>).</summary>
        void Run(byte* at, long count);

        /// <summary>Undoes what a void access gave the caller: what it read may be inert memory's, the fault handler's zeros,
        /// or another file's bytes, so a read clears its destination. A write cannot be undone and does nothing here.</summary>
        void Void();
    }
}
