/*
 * Mmap's fault recovery on Windows: a vectored exception handler for the ranges of live maps.
 *
 * A page of a file view that the system cannot read in (a network share that went away or whose file another client
 * cut, a sparse file whose hole cannot be filled on a full volume, a failing disk) raises EXCEPTION_IN_PAGE_ERROR on
 * access, which .NET treats as a corrupted state and ends the process with. For an in-page error inside a range the
 * engine registered, this handler records the fault in the range's cell, replaces the whole view that holds the page
 * with private zero pages at the same address, and continues: the access completes on zeros, and the engine, which
 * checks the cell after every safe access, throws an error instead of returning the data.
 *
 * Windows cannot map over a view in one step (Linux's MAP_FIXED): the view is unmapped, then the same addresses are
 * allocated. Another thread touching the view in between meets an access violation, which this handler holds until the
 * replacement is in and then retries. If another allocation took the addresses in between (nothing in this process
 * should), the in-page error goes on to the runtime, as if this handler did not exist. So does every exception outside
 * the registered ranges, and every access violation that is not a replacement in progress.
 *
 * The table of ranges is ../mmap_fault_table.h's, as the Linux handler's is.
 */
#define WIN32_LEAN_AND_MEAN
#include <windows.h>
#include <stdint.h>

#include "../mmap_fault_table.h"

#ifndef MMAP_FAULT_SOURCE_SHA256
#error "build with -DMMAP_FAULT_SOURCE_SHA256=\"<sha256 of this file and ../mmap_fault_table.h>\" (tools/native/build-native.sh)"
#endif

static struct mmap_fault_root *g_root;
/* One replacement at a time, process-wide: a second in-page error waits for the first (they are rare). */
static volatile LONG g_replacing;

static struct mmap_fault_cell *cell_of(uint64_t address)
{
    struct mmap_fault_root *root = __atomic_load_n(&g_root, __ATOMIC_ACQUIRE);
    struct mmap_fault_cell *cell;
    return root != NULL && mmap_fault_find(root, address, &cell) != NULL ? cell : NULL;
}

static void lock_replacement(void)
{
    while (InterlockedCompareExchange(&g_replacing, 1, 0) != 0) SwitchToThread();
}

static void unlock_replacement(void)
{
    InterlockedExchange(&g_replacing, 0);
}

/* Whether the page at address is private memory this handler put in (a view replaced already). */
static int replaced(uint64_t address)
{
    MEMORY_BASIC_INFORMATION info;
    if (VirtualQuery((void *)(uintptr_t)address, &info, sizeof info) == 0) return 0;
    return info.State == MEM_COMMIT && info.Type == MEM_PRIVATE && info.Protect == PAGE_READWRITE;
}

/* Replaces the view holding address with zero pages: 1 when the access can be retried. Under the replacement lock. */
static int replace_view(uint64_t address)
{
    MEMORY_BASIC_INFORMATION info;
    if (VirtualQuery((void *)(uintptr_t)address, &info, sizeof info) == 0) return 0;
    if (info.Type == MEM_PRIVATE) return replaced(address); /* another thread's in-page error replaced it first */
    if (info.Type != MEM_MAPPED) return 0;
    /* The view's extent: its regions share one allocation base. */
    char *base = info.AllocationBase, *end = base;
    while (VirtualQuery(end, &info, sizeof info) != 0 && info.AllocationBase == base && info.State != MEM_FREE)
        end += info.RegionSize;
    if (!UnmapViewOfFile(base)) return 0;
    return VirtualAlloc(base, (SIZE_T)(end - base), MEM_RESERVE | MEM_COMMIT, PAGE_READWRITE) == base;
}

static LONG CALLBACK on_exception(EXCEPTION_POINTERS *pointers)
{
    EXCEPTION_RECORD *record = pointers->ExceptionRecord;
    DWORD code = record->ExceptionCode;
    if ((code != EXCEPTION_IN_PAGE_ERROR && code != EXCEPTION_ACCESS_VIOLATION) || record->NumberParameters < 2)
        return EXCEPTION_CONTINUE_SEARCH;
    uint64_t address = (uint64_t)record->ExceptionInformation[1];
    /* The first 64 KiB are never mapped: a managed null dereference is an access violation there, and goes on at once. */
    if (address < 0x10000) return EXCEPTION_CONTINUE_SEARCH;
    struct mmap_fault_cell *cell = cell_of(address);
    if (cell == NULL) return EXCEPTION_CONTINUE_SEARCH;
    DWORD error = GetLastError();
    LONG verdict = EXCEPTION_CONTINUE_SEARCH;
    lock_replacement(); /* an access violation in a view being replaced waits here for it */
    if (code == EXCEPTION_ACCESS_VIOLATION) {
        /* Only a view replaced meanwhile is retried; any other access violation (a write to a read-only map) goes on. */
        if (__atomic_load_n(&cell->faulted, __ATOMIC_ACQUIRE) != 0 && replaced(address)) verdict = EXCEPTION_CONTINUE_EXECUTION;
    } else {
        if (__atomic_load_n(&cell->faulted, __ATOMIC_ACQUIRE) == 0) { /* the first fault is the one to report */
            cell->code = record->NumberParameters >= 3 ? (int32_t)record->ExceptionInformation[2] : 0;
            cell->address = address;
        }
        /* The mark before the zero pages: an access on another thread that reads them then sees the mark. */
        __atomic_store_n(&cell->faulted, 1, __ATOMIC_SEQ_CST);
        if (replace_view(address)) verdict = EXCEPTION_CONTINUE_EXECUTION;
    }
    unlock_replacement();
    SetLastError(error);
    return verdict;
}

/* Installs the handler ahead of every other (the runtime's included). Returns 0, or the error of
 * AddVectoredExceptionHandler. Called once per process, by the engine, before the first range is registered. */
__declspec(dllexport) int mmap_fault_install(struct mmap_fault_root *root)
{
    __atomic_store_n(&g_root, root, __ATOMIC_RELEASE);
    return AddVectoredExceptionHandler(1, on_exception) != NULL ? 0 : (int)GetLastError();
}

/* The SHA-256 of this source file and the table header, so a test can tell a stale binary from one built from this text. */
__declspec(dllexport) const char *mmap_fault_source_sha256(void)
{
    return MMAP_FAULT_SOURCE_SHA256;
}
