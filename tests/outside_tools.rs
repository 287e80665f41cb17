//! A missing outside tool fails a test with one line naming the package to install (not a stack
//! trace of "No such file or directory" or a Python ModuleNotFoundError).

mod common;
use common::*;

fn panic_text(f: impl FnOnce() + std::panic::UnwindSafe) -> String {
    let err = std::panic::catch_unwind(f).expect_err("fails");
    err.downcast_ref::<String>()
        .cloned()
        .or_else(|| err.downcast_ref::<&str>().map(|s| s.to_string()))
        .unwrap_or_default()
}

#[test]
fn a_missing_command_names_its_debian_package() {
    assert!(has_tool("sh"));
    assert!(!has_tool("pdftotext-khong-co"));
    let m = missing_tool("pdffonts");
    assert!(
        m.starts_with("cần cài poppler-utils: apt-get install poppler-utils"),
        "{m}"
    );
    assert_eq!(m.lines().count(), 1);
    for (t, pkg) in [
        ("qpdf", "qpdf"),
        ("soffice", "libreoffice-writer-nogui"),
        ("xmllint", "libxml2-utils"),
        ("chromedriver", "chromium-driver"),
        ("wine", "wine64"),
        ("x86_64-w64-mingw32-gcc", "gcc-mingw-w64-x86-64"),
    ] {
        assert_eq!(package_of(t), pkg);
    }
    let m = panic_text(|| {
        tool("x-khong-co-lenh-nay");
    });
    assert!(m.starts_with("cần cài "), "{m}");
}

#[test]
fn a_missing_python_module_names_its_pip_package() {
    let m = panic_text(|| {
        py("import docx_khong_co", &[]);
    });
    assert!(
        m.starts_with("cần cài gói Python docx_khong_co: chạy scripts/test"),
        "{m}"
    );
    assert_eq!(m.lines().count(), 1);
    // The checkers' modules are in the venv scripts/test made.
    let r = py("import pdfplumber, docx, pyhanko, bagit, openpyxl", &[]);
    assert_eq!(r.code, 0, "{}", r.stderr);
}
