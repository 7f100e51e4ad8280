using System;
using System.Collections.Generic;
using System.IO;
using Mmap.Platform;

namespace Mmap
{
    /// <summary>
    /// The engine's one undo mechanism (the map factories and FileSizer): each step that changes something (a
    /// descriptor opened, a file or tag created, a file or segment grown) registers how to take it back. Disposed
    /// before <see cref="Keep"/> or <see cref="HandOver"/>, the rollback undoes every step, newest first, so a failed
    /// call leaves nothing behind; after them nothing is undone.
    /// </summary>
    internal sealed class Rollback : IDisposable
    {
        private readonly List<Action> _undo = new List<Action>();
        private bool _done;

        private static IPlatformMapper Os => OsLayer.Current;

        /// <summary>Registers the undo of a step just taken.</summary>
        internal void Add(Action undo) => _undo.Add(undo);

        /// <summary>Owns <paramref name="file"/> until <see cref="HandOver"/>: closed if a later step fails.</summary>
        internal NativeFile Own(NativeFile file)
        {
            Add(() => Os.CloseFile(file));
            return file;
        }

        /// <summary>A file this call created is deleted again (registered before its descriptor, so it is closed first,
        /// as Windows needs).</summary>
        internal void Created(string path) => Add(() => File.Delete(path));

        /// <summary>A file or segment this call grew from <paramref name="from"/> to <paramref name="to"/> bytes is put
        /// back to its old size.</summary>
        internal void Grown(NativeFile file, long from, long to, string description) =>
            Add(() => Os.Resize(file, to, from, sparse: true, description));

        /// <summary>The mapped <paramref name="view"/> of <paramref name="file"/> now belongs to a new handle, which
        /// unmaps and closes them when the map is freed: nothing is undone any more.</summary>
        internal MapHandle HandOver(NativeView view, NativeFile file)
        {
            var handle = new MapHandle(view, file);
            Keep();
            return handle;
        }

        /// <summary>The call succeeded: every change stands (descriptors not handed over are the caller's to close).</summary>
        internal void Keep() => _done = true;

        public void Dispose()
        {
            if (_done) return;
            _done = true;
            for (int i = _undo.Count - 1; i >= 0; i--)
                TryRun(_undo[i]);
        }

        /// <summary>An undo that fails must not hide the error that made the call fail.</summary>
        private static void TryRun(Action undo)
        {
            try { undo(); }
            catch (IOException) { } // MmapException included
            catch (UnauthorizedAccessException) { }
        }
    }
}
