/* Test-only: holds a file open the way Excel holds a workbook it is editing, with no sharing
   (dwShareMode = 0), so every other open fails with ERROR_SHARING_VIOLATION. Used by
   scripts/windows-smoke.sh under wine to check hoso's message for a locked file.

   giu-tep.exe <file> <ready-flag> <release-flag>
   Opens <file>, creates <ready-flag>, then keeps the file open until <release-flag> exists
   (at most 120 s). Exit 0, or 1 when <file> cannot be opened. */
#include <windows.h>
#include <stdio.h>

static void touch(const wchar_t *path) {
    HANDLE h = CreateFileW(path, GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, FILE_ATTRIBUTE_NORMAL, NULL);
    if (h != INVALID_HANDLE_VALUE) {
        CloseHandle(h);
    }
}

int wmain(int argc, wchar_t **argv) {
    if (argc != 4) {
        fprintf(stderr, "giu-tep.exe <file> <ready-flag> <release-flag>\n");
        return 2;
    }
    HANDLE held = CreateFileW(argv[1], GENERIC_READ | GENERIC_WRITE, 0, NULL, OPEN_EXISTING,
                              FILE_ATTRIBUTE_NORMAL, NULL);
    if (held == INVALID_HANDLE_VALUE) {
        fprintf(stderr, "cannot open: error %lu\n", GetLastError());
        return 1;
    }
    touch(argv[2]);
    for (int i = 0; i < 1200; i++) {
        if (GetFileAttributesW(argv[3]) != INVALID_FILE_ATTRIBUTES) {
            break;
        }
        Sleep(100);
    }
    CloseHandle(held);
    return 0;
}
