#!/usr/bin/env bash
# Builds the engine's native fault handlers (src/Mmap.Native) for each RID the package carries, into
# src/Mmap/runtimes/<rid>/native/: the Linux SIGBUS handler (linux-x64, linux-arm64) and the Windows vectored exception
# handler (win-x64). A user's machine needs none of this: the binaries are committed, and NativeBinaryTests checks that
# each was built from the committed source (its SHA-256 is compiled in). Needs gcc, gcc-aarch64-linux-gnu and
# gcc-mingw-w64-x86-64 (Debian). Deterministic: the same source and compiler give the same bytes.
# Usage: build-native.sh [rid ...]   (all RIDs when none is named)
set -euo pipefail
cd "$(dirname "$0")/../.."
common=(-O2 -Wall -Wextra -Werror -std=gnu11 -ffile-prefix-map="$PWD"=. -s)
wanted=("$@")
build() { # rid compiler source library flags...
    local rid=$1 cc=$2 src=$3 lib=$4 out=src/Mmap/runtimes/$1/native hash
    shift 4
    if [ ${#wanted[@]} -gt 0 ] && [[ " ${wanted[*]} " != *" $rid "* ]]; then return 0; fi
    # The source and the table header it includes, as one text: a change to either makes a stale binary.
    hash=$(cat "$src" src/Mmap.Native/mmap_fault_table.h | sha256sum | cut -d' ' -f1)
    mkdir -p "$out"
    "$cc" "${common[@]}" "$@" -DMMAP_FAULT_SOURCE_SHA256="\"$hash\"" -o "$out/$lib" "$src"
    echo "$rid: $out/$lib ($(stat -c %s "$out/$lib") bytes, source $hash)"
}
linux=(-fPIC -shared -fvisibility=hidden -Wl,--build-id=none -Wl,-z,noexecstack -Wl,-z,relro -Wl,-z,now)
build linux-x64 "${CC_X64:-x86_64-linux-gnu-gcc}" src/Mmap.Native/linux/mmap_fault.c libmmapfault.so "${linux[@]}"
build linux-arm64 "${CC_ARM64:-aarch64-linux-gnu-gcc}" src/Mmap.Native/linux/mmap_fault.c libmmapfault.so "${linux[@]}"
# No timestamp in the PE header, and libgcc linked in: the DLL needs kernel32 alone.
build win-x64 "${CC_WIN_X64:-x86_64-w64-mingw32-gcc}" src/Mmap.Native/windows/mmap_fault.c mmapfault.dll \
    -shared -static-libgcc -Wl,--no-insert-timestamp
