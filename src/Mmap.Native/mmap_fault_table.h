/*
 * The table of live maps' ranges that Mmap's fault handlers read (linux/mmap_fault.c, windows/mmap_fault.c): the layout
 * of src/Mmap/Faults/FaultTable.cs, which owns every table and cell (native memory it never frees while a range may
 * point at it). The handlers only read the table and write cells.
 */
#ifndef MMAP_FAULT_TABLE_H
#define MMAP_FAULT_TABLE_H
#include <stddef.h>
#include <stdint.h>

/* Written by the handler when a fault lands in its range; read by the engine after each access. */
struct mmap_fault_cell {
    uint32_t faulted;   /* 0 until the first fault; set before the zero pages go in */
    int32_t code;       /* the OS's reason: Linux's si_code of the SIGBUS, Windows' NTSTATUS of the in-page error */
    uint64_t address;   /* the first faulting address */
};

/* One registered range. start == 0 marks a free slot; the engine writes end and cell first, start last, and clears
 * start first when it removes the range. */
struct mmap_fault_range {
    uint64_t start;
    uint64_t end;
    struct mmap_fault_cell *cell;
};

/* What the engine hands over at install: the current table and how many slots of it have ever been used. */
struct mmap_fault_root {
    struct mmap_fault_range *ranges;
    uint64_t used;
    uint64_t page_size;
};

/* The registered range holding address, and its cell, or NULL. Only a fault makes a handler scan the slots. */
static inline struct mmap_fault_range *mmap_fault_find(struct mmap_fault_root *root, uint64_t address, struct mmap_fault_cell **cell)
{
    struct mmap_fault_range *ranges = __atomic_load_n(&root->ranges, __ATOMIC_ACQUIRE);
    uint64_t used = __atomic_load_n(&root->used, __ATOMIC_ACQUIRE);
    for (uint64_t i = 0; i < used; i++) {
        struct mmap_fault_range *r = &ranges[i];
        uint64_t start = __atomic_load_n(&r->start, __ATOMIC_ACQUIRE);
        if (start == 0 || address < start) continue;
        uint64_t end = __atomic_load_n(&r->end, __ATOMIC_RELAXED);
        struct mmap_fault_cell *c = __atomic_load_n(&r->cell, __ATOMIC_RELAXED);
        /* A slot rewritten while it was read (only a raw access racing Dispose can fault then) does not count. */
        if (address >= end || c == NULL || __atomic_load_n(&r->start, __ATOMIC_ACQUIRE) != start) continue;
        *cell = c;
        return r;
    }
    return NULL;
}

#endif
