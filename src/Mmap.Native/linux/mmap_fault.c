/*
 * Mmap's fault recovery on Linux: a SIGBUS handler for the ranges of live maps.
 *
 * A page of a file map whose file was cut short (or whose hole cannot be filled on a full file system, or whose
 * device reported an I/O error) raises SIGBUS on access, which .NET turns into a fatal AccessViolationException.
 * For a fault inside a range the engine registered, this handler records the fault in the range's cell, maps
 * private zero pages over the range from the faulting page on (MAP_FIXED), and returns: the access completes on
 * zeros, and the engine, which checks the cell after every safe access, throws an error instead of returning the
 * data. Every other SIGBUS goes to the handler that was installed before this one, exactly as if this one did not
 * exist (libwayland's wl_shm and HotSpot do the same).
 *
 * The table of ranges is ../mmap_fault_table.h's; this file calls nothing that is not async-signal-safe.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/mman.h>
#include <unistd.h>

#include "../mmap_fault_table.h"

#ifndef MMAP_FAULT_SOURCE_SHA256
#error "build with -DMMAP_FAULT_SOURCE_SHA256=\"<sha256 of this file and ../mmap_fault_table.h>\" (tools/native/build-native.sh)"
#endif

static struct mmap_fault_root *g_root;
static struct sigaction g_previous;

/* Handles a fault inside a registered range: 1 when the access can complete, 0 to pass the signal on. */
static int recover(const siginfo_t *info)
{
    struct mmap_fault_root *root = __atomic_load_n(&g_root, __ATOMIC_ACQUIRE);
    if (root == NULL || info->si_code <= 0) return 0; /* a signal sent by a process is no fault of a map */
    uint64_t address = (uint64_t)(uintptr_t)info->si_addr;
    struct mmap_fault_cell *cell;
    struct mmap_fault_range *range = mmap_fault_find(root, address, &cell);
    if (range == NULL) return 0;
    uint64_t page = address & ~(root->page_size - 1);
    uint64_t end = __atomic_load_n(&range->end, __ATOMIC_RELAXED);
    if (__atomic_load_n(&cell->faulted, __ATOMIC_ACQUIRE) == 0) { /* the first fault is the one to report */
        cell->code = info->si_code;
        cell->address = address;
    }
    /* The mark before the zero pages: an access on another thread that reads them then sees the mark. */
    __atomic_store_n(&cell->faulted, 1, __ATOMIC_SEQ_CST);
    /* Zeros over the rest of the range: a copy running on meets no second fault. Too many mappings for that
     * (vm.max_map_count): the faulting page alone. */
    if (mmap((void *)(uintptr_t)page, end - page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0) != MAP_FAILED)
        return 1;
    if (mmap((void *)(uintptr_t)page, root->page_size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0) != MAP_FAILED)
        return 1;
    return 0;
}

/* The handler before ours decides, with the same arguments, as if ours were not there. */
static void pass_on(int signo, siginfo_t *info, void *context)
{
    if (g_previous.sa_flags & SA_SIGINFO) {
        if (g_previous.sa_sigaction != NULL) {
            g_previous.sa_sigaction(signo, info, context);
            return;
        }
    } else if (g_previous.sa_handler != SIG_DFL && g_previous.sa_handler != SIG_IGN) {
        g_previous.sa_handler(signo);
        return;
    }
    /* The default action (a fault cannot be ignored): restore it; a fault then repeats on return and ends the process
     * by SIGBUS as it would have; a signal sent by a process is raised again. */
    struct sigaction dfl;
    dfl.sa_handler = SIG_DFL;
    dfl.sa_flags = 0;
    sigemptyset(&dfl.sa_mask);
    sigaction(signo, &dfl, NULL);
    if (info->si_code <= 0) raise(signo);
}

static void on_sigbus(int signo, siginfo_t *info, void *context)
{
    int saved = errno;
    int recovered = recover(info);
    errno = saved;
    if (!recovered) pass_on(signo, info, context);
}

/* Installs the handler over the current one (the runtime's), keeping that one to pass other faults on to. Returns 0,
 * or the errno of sigaction. Called once per process, by the engine, before the first range is registered. */
__attribute__((visibility("default"))) int mmap_fault_install(struct mmap_fault_root *root)
{
    struct sigaction previous, action;
    /* Kept before ours goes in, so a fault on another thread meanwhile finds it. */
    if (sigaction(SIGBUS, NULL, &previous) != 0) return errno;
    g_previous = previous;
    __atomic_store_n(&g_root, root, __ATOMIC_RELEASE);
    action.sa_sigaction = on_sigbus;
    /* The runtime's choice of stack is kept: its handler, called from ours, runs where it expects to. */
    action.sa_flags = SA_SIGINFO | SA_RESTART | (previous.sa_flags & SA_ONSTACK);
    sigemptyset(&action.sa_mask);
    if (sigaction(SIGBUS, &action, NULL) != 0) return errno;
    return 0;
}

/* The SHA-256 of this source file and the table header, so a test can tell a stale binary from one built from this text. */
__attribute__((visibility("default"))) const char *mmap_fault_source_sha256(void)
{
    return MMAP_FAULT_SOURCE_SHA256;
}
