//! Vietnamese reasons for the operating-system errors an officer can act on. On Windows a file
//! open in Excel or Word is locked (a sharing or lock violation): hoso names the file and says to
//! close it, instead of the system's "being used by another process (os error 32)".

use std::io;

/// Windows error codes (winerror.h).
const ERROR_ACCESS_DENIED: i32 = 5;
const ERROR_SHARING_VIOLATION: i32 = 32;
const ERROR_LOCK_VIOLATION: i32 = 33;
const ERROR_FILENAME_EXCED_RANGE: i32 = 206;

/// Why a file could not be read: the Vietnamese reason and what to do for the errors an officer
/// can fix, else the system's own text.
pub fn reason(e: &io::Error) -> String {
    windows_reason(e.raw_os_error(), cfg!(windows), false).unwrap_or_else(|| e.to_string())
}

/// Why a file could not be written or replaced (an output open in Word or a PDF reader).
pub fn write_reason(e: &io::Error) -> String {
    windows_reason(e.raw_os_error(), cfg!(windows), true).unwrap_or_else(|| e.to_string())
}

fn windows_reason(code: Option<i32>, windows: bool, writing: bool) -> Option<String> {
    if !windows {
        return None;
    }
    let code = code?;
    let text = match code {
        ERROR_SHARING_VIOLATION | ERROR_LOCK_VIOLATION => {
            "tệp đang được một chương trình khác mở và khoá (thường là Excel, Word hoặc trình đọc PDF) — đóng tệp đó rồi chạy lại hoso"
        }
        ERROR_ACCESS_DENIED if writing => {
            "Windows không cho ghi đè: tệp cũ có thể đang mở trong Word, Excel hoặc trình đọc PDF (đóng tệp đó), hoặc thư mục chỉ cho đọc (chọn thư mục khác)"
        }
        ERROR_FILENAME_EXCED_RANGE => {
            "đường dẫn quá dài đối với Windows — rút ngắn tên thư mục hoặc chép hồ sơ lên gần gốc ổ đĩa (ví dụ D:\\HoSo)"
        }
        _ => return None,
    };
    Some(format!("{text} (mã lỗi Windows {code})"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_locked_by_excel_says_to_close_it() {
        for code in [ERROR_SHARING_VIOLATION, ERROR_LOCK_VIOLATION] {
            let r = windows_reason(Some(code), true, false).unwrap();
            assert!(r.contains("đóng tệp đó"), "{r}");
            assert!(r.contains("Excel"), "{r}");
            assert!(r.ends_with(&format!("(mã lỗi Windows {code})")), "{r}");
        }
    }

    #[test]
    fn a_locked_output_says_what_to_do() {
        let r = windows_reason(Some(ERROR_ACCESS_DENIED), true, true).unwrap();
        assert!(r.contains("Word"), "{r}");
        assert_eq!(windows_reason(Some(ERROR_ACCESS_DENIED), true, false), None);
        assert!(
            windows_reason(Some(ERROR_FILENAME_EXCED_RANGE), true, false)
                .unwrap()
                .contains("quá dài")
        );
    }

    #[test]
    fn other_systems_and_errors_keep_the_system_text() {
        // 32 is EPIPE on Linux: never read as a Windows code there.
        assert_eq!(windows_reason(Some(32), false, false), None);
        assert_eq!(windows_reason(Some(2), true, false), None);
        assert_eq!(windows_reason(None, true, true), None);
        let e = io::Error::other("khác");
        assert_eq!(reason(&e), "khác");
    }
}
