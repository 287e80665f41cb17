/* Test-only stand-in for Windows' bcryptprimitives.dll, for running hoso.exe under wine 8, which lacks
   it. Rust's standard library (1.78+) asks this DLL for random bytes (ProcessPrng); this answers with
   advapi32's RtlGenRandom (exported as SystemFunction036). Real Windows has its own DLL: this file is
   built by scripts/windows-smoke.sh into the smoke-test folder only, never into the Windows zip.

   x86_64-w64-mingw32-gcc -shared -O2 -o bcryptprimitives.dll bcryptprimitives.c -ladvapi32 */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len) {
    while (len > 0) {
        ULONG n = len > 0x7fffffff ? 0x7fffffff : (ULONG)len;
        if (!SystemFunction036(data, n)) {
            return FALSE;
        }
        data += n;
        len -= n;
    }
    return TRUE;
}
