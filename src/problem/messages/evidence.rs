//! What the evidence stage tells an officer: the folder walk (links, stray folders, one indicator
//! in two folders), each file's type, the signatures of its PDFs, and the limits every ZIP
//! container is held to. Problems carry their place as fields; fragments are plain strings.

use crate::problem::Problem;

// ---------------------------------------------------------------------------------------------
// The folder walk

/// An entry of the dossier the walk could not read (`path` as the system names it).
pub fn unreadable_entry(path: &str, why: &str) -> Problem {
    Problem::error(format!("Không đọc được {path}: {why}"))
}

/// A symbolic link at `rel`, pointing at `target`.
pub fn symlink(rel: &str, target: &str) -> Problem {
    Problem::error(format!(
        "là liên kết (symlink) tới \"{target}\", hoso không đọc và không đóng gói liên kết"
    ))
    .file(rel)
    .fix("chép tệp thật vào hồ sơ rồi xóa liên kết")
}

/// A pipe, device or socket at `rel`.
pub fn not_regular_file(rel: &str) -> Problem {
    Problem::error("không phải tệp thường (ống dẫn, thiết bị hoặc socket)")
        .file(rel)
        .fix("xóa khỏi hồ sơ")
}

/// Indicator `code` has several top folders.
pub fn many_folders(code: &str, folders: &[&str]) -> Problem {
    let named: Vec<String> = folders.iter().map(|d| format!("\"{d}\"")).collect();
    Problem::error(format!(
        "Chỉ tiêu {code}: có {} thư mục ({})",
        folders.len(),
        named.join(", ")
    ))
    .indicator(code)
    .fix("gộp vào một thư mục")
}

/// A folder whose name matches no indicator and whose files therefore count for nothing.
pub fn stray_folder(dir: &str) -> Problem {
    Problem::warning(format!(
        "Thư mục \"{dir}\" không ứng với chỉ tiêu nào (tên thư mục phải bắt đầu bằng mã chỉ tiêu, ví dụ \"1.1 Kế hoạch\"); các tệp trong đó không được tính làm minh chứng"
    ))
    .file(dir)
    .place_unsaid()
}

// ---------------------------------------------------------------------------------------------
// Each file: signing

/// A PDF without a signature.
pub fn pdf_unsigned() -> Problem {
    Problem::warning("tài liệu chưa được ký số").fix(
        "ký số trước khi nộp (hướng dẫn yêu cầu nộp bản điện tử có ký số, trừ video, hình ảnh, âm thanh)",
    )
}

/// A PDF whose signature no longer matches its bytes (`reason` from [`pdf_signature`]).
pub fn signature_broken(reason: &str) -> Problem {
    Problem::error(reason).fix(
        "lấy lại bản gốc đã ký hoặc ký lại (hoso chỉ kiểm tra tính toàn vẹn, không kiểm tra chuỗi chứng thư)",
    )
}

/// An office document (`kind` is its label, "tài liệu Word .docx") that cannot carry the signature.
pub fn document_unsigned(kind: &str) -> Problem {
    Problem::warning(format!("tài liệu {kind} chưa ký số"))
        .fix("chuyển sang PDF và ký số trước khi nộp")
}

// ---------------------------------------------------------------------------------------------
// Each file: its type, judged by its content

/// The file could not be opened or read (`why` from [`crate::problem::oserr::reason`]).
pub fn file_unreadable(why: &str) -> Problem {
    Problem::error(format!("không đọc được tệp: {why}"))
}

pub fn file_empty() -> Problem {
    Problem::error("tệp rỗng (0 byte)")
}

/// A PDF without its `%%EOF` end marker.
pub fn pdf_cut() -> Problem {
    Problem::error("tệp PDF bị cắt cụt hoặc hỏng (không có dấu kết thúc %%EOF)")
        .fix("tải hoặc xuất lại")
}

/// A ZIP-based file (`.docx`, `.zip`, …) without its central directory.
pub fn zip_cut(ext: &str) -> Problem {
    Problem::error(format!(
        "tệp .{ext} bị cắt cụt hoặc hỏng (không thấy mục lục ZIP ở cuối tệp)"
    ))
    .fix("tải hoặc xuất lại")
}

/// Sniffing's label for content it does not know.
pub const UNKNOWN_FORMAT: &str = "không nhận ra định dạng";

/// The label of an encrypted Office document.
pub const ENCRYPTED_OFFICE: &str = "tài liệu Office đã đặt mật khẩu (mã hoá)";

/// A file whose extension `ext` promises `expected` (a label) but whose content is `found`
/// (sniffing's label: another format's, [`UNKNOWN_FORMAT`] or [`ENCRYPTED_OFFICE`]).
pub fn wrong_content(ext: &str, expected: &str, found: &str) -> Problem {
    let what = match found {
        UNKNOWN_FORMAT => UNKNOWN_FORMAT.to_string(),
        label => format!("là {label}"),
    };
    let fix = match found {
        ENCRYPTED_OFFICE => "gỡ mật khẩu rồi lưu lại đúng định dạng",
        _ => "xuất lại đúng định dạng",
    };
    Problem::error(format!(
        "tệp có đuôi .{ext} nhưng nội dung không phải {expected} ({what})"
    ))
    .fix(fix)
}

/// A text file (`.txt`, `.csv`, …) that is not UTF-8; `utf16` when it looks like UTF-16.
pub fn not_utf8(ext: &str, utf16: bool) -> Problem {
    let guess = if utf16 {
        "đang ở mã UTF-16"
    } else {
        "có thể đang ở bảng mã cũ như TCVN3, VNI hoặc Windows-1258"
    };
    Problem::error(format!("tệp .{ext} không phải văn bản UTF-8 ({guess})"))
        .fix("mở và lưu lại với mã hoá UTF-8")
}

// ---------------------------------------------------------------------------------------------
// PDF signatures (fragments: the caller names the file)

/// Why a signature is broken or could not be checked.
pub mod pdf_signature {
    /// The signed bytes changed after signing.
    pub const MISMATCH: &str = "chữ ký số không còn khớp nội dung (tệp đã bị sửa sau khi ký)";

    /// Added after the last signer's name when bytes follow its signed range.
    pub const UPDATED_AFTER: &str = "(có cập nhật sau khi ký)";

    pub fn open_failed(why: &str) -> String {
        format!("không mở được tệp: {why}")
    }

    pub fn metadata_failed(why: &str) -> String {
        format!("không đọc được thông tin tệp: {why}")
    }

    pub fn read_failed(why: &str) -> String {
        format!("không đọc được tệp: {why}")
    }

    pub fn too_large() -> String {
        "tệp quá lớn để kiểm tra chữ ký".to_string()
    }

    /// `reason` of the `i`-th (from 1) of `n` signatures.
    pub fn nth(i: usize, n: usize, reason: &str) -> String {
        format!("chữ ký thứ {i}/{n}: {reason}")
    }

    /// What is wrong with a `/ByteRange [a b c d]`.
    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    pub enum ByteRange {
        Shape,
        NotAtStart,
        PastEnd,
        Overlap,
        KeyOutside,
        NotContents,
    }

    pub fn byte_range(fault: ByteRange) -> String {
        match fault {
            ByteRange::Shape => "ByteRange không đúng dạng [a b c d]",
            ByteRange::NotAtStart => "ByteRange không bắt đầu từ đầu tệp",
            ByteRange::PastEnd => "ByteRange vượt quá cuối tệp (tệp bị cắt cụt?)",
            ByteRange::Overlap => "ByteRange không hợp lệ (hai vùng chồng nhau)",
            ByteRange::KeyOutside => "ByteRange nằm ngoài vùng được ký",
            ByteRange::NotContents => {
                "ByteRange không khớp với chuỗi /Contents của chữ ký (cấu trúc chữ ký bị hỏng)"
            }
        }
        .to_string()
    }

    /// A `/Contents` gap of `mib` MiB, over the `max` MiB read.
    pub fn contents_too_long(mib: u64, max: u64) -> String {
        format!(
            "vùng /Contents của chữ ký dài {mib} MiB, vượt giới hạn {max} MiB (cấu trúc chữ ký bị hỏng)"
        )
    }

    pub fn contents_empty() -> String {
        "vùng chữ ký trống (quá trình ký chưa hoàn tất)".to_string()
    }

    pub fn digest_unsupported(oid: &str) -> String {
        format!("thuật toán băm không được hỗ trợ ({oid})")
    }

    pub fn no_signed_attributes() -> String {
        "chữ ký không có thuộc tính messageDigest nên không kiểm tra được nội dung".to_string()
    }

    /// What of the CMS structure in `/Contents` could not be read.
    #[derive(Clone, Copy, Debug)]
    pub enum Cms<'a> {
        NotAsn1,
        ContentInfo(&'a str),
        NotSignedData,
        SignedData(&'a str),
        SignedDataShape,
        NoSignerInfo,
        SignerInfo(&'a str),
        NoMessageDigest,
        TstInfo,
        NotADigest,
        ContentType(&'a str),
    }

    pub fn cms_unreadable(what: Cms<'_>) -> String {
        let what = match what {
            Cms::NotAsn1 => "không phải cấu trúc ASN.1 hợp lệ".to_string(),
            Cms::ContentInfo(e) => format!("ContentInfo: {e}"),
            Cms::NotSignedData => "không phải SignedData".to_string(),
            Cms::SignedData(e) => format!("SignedData: {e}"),
            Cms::SignedDataShape => "SignedData sai cấu trúc".to_string(),
            Cms::NoSignerInfo => "không có SignerInfo".to_string(),
            Cms::SignerInfo(e) => format!("SignerInfo: {e}"),
            Cms::NoMessageDigest => "thiếu thuộc tính messageDigest".to_string(),
            Cms::TstInfo => "TSTInfo sai cấu trúc".to_string(),
            Cms::NotADigest => "nội dung đóng gói không phải giá trị băm".to_string(),
            Cms::ContentType(oid) => format!("kiểu nội dung không hỗ trợ ({oid})"),
        };
        format!("dữ liệu chữ ký (CMS) không đọc được: {what}")
    }

    /// A document timestamp's signer, as listed with the others.
    pub fn timestamp(signer: &str) -> String {
        if signer.is_empty() {
            "(dấu thời gian)".to_string()
        } else {
            format!("{signer} (dấu thời gian)")
        }
    }

    /// A signer whose certificate gives no name.
    pub const UNKNOWN_SIGNER: &str = "(không rõ tên)";

    /// "đã ký: A, t; B, t" (`labels` already joined by the caller's rule) or "chưa ký".
    pub fn summary(labels: &[String]) -> String {
        if labels.is_empty() {
            "chưa ký".into()
        } else {
            format!("đã ký: {}", labels.join("; "))
        }
    }
}

// ---------------------------------------------------------------------------------------------
// ZIP containers (fragments: the caller names the file)

/// Why a ZIP container is refused. `what` is what the container is ("bảng tính", "tài liệu").
pub mod container {
    const MIB: u64 = 1 << 20;

    /// A size as people read it: "48 MiB", or "100 byte" below one MiB.
    pub fn size(n: u64) -> String {
        if n >= MIB {
            format!("{} MiB", n / MIB)
        } else {
            format!("{n} byte")
        }
    }

    pub fn unreadable(why: &str) -> String {
        format!("không đọc được tệp ({why})")
    }

    /// Why a zip does not open: a compression hoso cannot read, or no (or a wrong) directory.
    pub const ZIP_UNSUPPORTED: &str = "kiểu nén không được hỗ trợ";
    pub const ZIP_NO_DIRECTORY: &str = "không tìm thấy mục lục của tệp nén, hoặc mục lục sai";

    /// A zip that does not open: a package `received` from another level is asked for again,
    /// a document or sheet is saved again by its program.
    pub fn broken(received: bool, why: &str) -> String {
        let fix = if received {
            "đề nghị nơi gửi gửi lại gói (tải về hoặc chép lại cho trọn vẹn)"
        } else {
            "mở bằng chương trình đã tạo ra nó và lưu lại"
        };
        format!("tệp nén (ZIP) hỏng hoặc bị cắt cụt: {why} — {fix}")
    }

    pub fn too_many_entries(what: &str, n: u64, max: u64) -> String {
        format!(
            "{what} có {n} mục nén, vượt giới hạn {max} mục của hoso — không phải {what} thật (có thể là \"bom nén\"); hoso không mở tệp này"
        )
    }

    pub fn too_large(what: &str, total: u64, max: u64) -> String {
        format!(
            "{what} giải nén ra hơn {} (giới hạn của hoso là {}) — không phải {what} thật (có thể là \"bom nén\"); hoso không mở tệp này",
            size(total),
            size(max)
        )
    }

    /// Entry `name` of `size` bytes packed into `packed`, over `max_ratio`:1.
    pub fn ratio(what: &str, name: &str, size_: u64, packed: u64, max_ratio: u64) -> String {
        format!(
            "mục \"{name}\" nén {}:1 ({} nén thành {}), vượt tỷ lệ nén {max_ratio}:1 mà một {what} thật không bao giờ đạt (có thể là \"bom nén\"); hoso không mở tệp này",
            size_ / packed.max(1),
            size(size_),
            size(packed)
        )
    }

    /// Entry number `i` (from 0) could not be read; `why` when the library says.
    pub fn entry_unreadable(i: usize, why: Option<&str>) -> String {
        match why {
            Some(e) => format!("mục thứ {i} của tệp nén không đọc được ({e}) — tệp hỏng"),
            None => format!("mục thứ {i} của tệp nén không đọc được — tệp hỏng"),
        }
    }

    pub fn entry_over_cap(name: &str, declared: u64, cap: u64) -> String {
        format!(
            "mục \"{name}\" giải nén ra {} (giới hạn {})",
            size(declared),
            size(cap)
        )
    }

    pub fn entry_inflate_failed(name: &str, why: &str) -> String {
        format!("mục \"{name}\" không giải nén được ({why}) — tệp hỏng")
    }

    /// Entry `name` inflates to more than the `declared` size.
    pub fn entry_lies(name: &str, declared: u64) -> String {
        format!(
            "mục \"{name}\" giải nén ra nhiều hơn kích thước khai báo ({}) — tệp bị sửa hoặc là \"bom nén\"; hoso không đọc tiếp",
            size(declared)
        )
    }

    pub fn sheet_unreadable(why: &str) -> String {
        format!("không đọc được bảng tính ({why})")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn problems_read_as_before() {
        assert_eq!(
            wrong_content("pdf", "PDF", "ảnh JPEG").text(),
            "tệp có đuôi .pdf nhưng nội dung không phải PDF (là ảnh JPEG) — xuất lại đúng định dạng"
        );
        assert!(wrong_content("docx", "x", ENCRYPTED_OFFICE)
            .text()
            .ends_with("(là tài liệu Office đã đặt mật khẩu (mã hoá)) — gỡ mật khẩu rồi lưu lại đúng định dạng"));
        assert_eq!(
            symlink("a/b.pdf", "/etc").text(),
            "a/b.pdf: là liên kết (symlink) tới \"/etc\", hoso không đọc và không đóng gói liên kết — chép tệp thật vào hồ sơ rồi xóa liên kết"
        );
        assert_eq!(
            many_folders("1.1", &["1.1 A", "1.1 B"]).text(),
            "Chỉ tiêu 1.1: có 2 thư mục (\"1.1 A\", \"1.1 B\") — gộp vào một thư mục"
        );
        let stray = stray_folder("Khac");
        assert!(stray.text().starts_with("Thư mục \"Khac\""));
        assert_eq!(stray.file.as_deref(), Some("Khac"));
    }

    #[test]
    fn fragments() {
        assert_eq!(container::size(100), "100 byte");
        assert_eq!(container::size(3 << 20), "3 MiB");
        assert_eq!(
            pdf_signature::cms_unreadable(pdf_signature::Cms::NoSignerInfo),
            "dữ liệu chữ ký (CMS) không đọc được: không có SignerInfo"
        );
        assert_eq!(pdf_signature::timestamp(""), "(dấu thời gian)");
        assert_eq!(pdf_signature::summary(&[]), "chưa ký");
        assert_eq!(
            pdf_signature::summary(&["A".into(), "B".into()]),
            "đã ký: A; B"
        );
    }
}
