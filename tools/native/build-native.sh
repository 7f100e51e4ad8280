#!/usr/bin/env bash
# Builds the engine's native fault handler (src/Mmap.Native) for each Linux RID the package carries, into
# src/Mmap/runtimes/<rid>/native/. A user's machine needs none of this: the binaries are committed, and
# NativeBinaryTests checks that each was built from the committed source (its SHA-256 is compiled in).
# Needs gcc and gcc-aarch64-linux-gnu (Debian). Deterministic: the same source and compiler give the same bytes.
set -euo pipefail
cd "$(dirname "$0")/../.."
src=src/Mmap.Native/linux/mmap_fault.c
hash=$(sha256sum "$src" | cut -d' ' -f1)
flags=(-O2 -fPIC -shared -fvisibility=hidden -Wall -Wextra -Werror -std=gnu11
       -ffile-prefix-map="$PWD"=. -Wl,--build-id=none -Wl,-z,noexecstack -Wl,-z,relro -Wl,-z,now -s
       -DMMAP_FAULT_SOURCE_SHA256="\"$hash\"")
build() { # rid compiler
    local out=src/Mmap/runtimes/$1/native
    mkdir -p "$out"
    "$2" "${flags[@]}" -o "$out/libmmapfault.so" "$src"
    echo "$1: $out/libmmapfault.so ($(stat -c %s "$out/libmmapfault.so") bytes, source $hash)"
}
build linux-x64 "${CC_X64:-x86_64-linux-gnu-gcc}"
build linux-arm64 "${CC_ARM64:-aarch64-linux-gnu-gcc}"
