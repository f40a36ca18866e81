/*
 * TEST-ONLY stand-in for Windows' bcryptprimitives.dll, for running kumiai under Debian's
 * wine 8, which lacks that DLL. Rust's standard library (1.78 and later) imports ProcessPrng
 * from it for random numbers (HashMap seeds). Real Windows 10 and 11 have the DLL: this file
 * is never shipped and never put beside a binary given to anyone; qa/windows/run builds it
 * into a temp folder for the wine run only.
 *
 * ProcessPrng is answered with RtlGenRandom (exported by advapi32 as SystemFunction036),
 * which wine implements.
 *
 * Build: x86_64-w64-mingw32-gcc -shared -O2 -o bcryptprimitives.dll bcryptprimitives.c \
 *            bcryptprimitives.def -ladvapi32
 */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length)
{
    while (length > 0) {
        ULONG chunk = length > 0x10000000 ? 0x10000000 : (ULONG)length;
        if (!SystemFunction036(data, chunk)) {
            return FALSE;
        }
        data += chunk;
        length -= chunk;
    }
    return TRUE;
}
