//! The narrative: noi-dung.md / noi-dung.docx, what the Word reader cannot print (named by the
//! section it stands in), and a Word file that cannot be read (no file named: the caller places it).

use crate::problem::Problem;

pub const NARRATIVE_DOCX: &str = "noi-dung.docx";
pub const NARRATIVE_MD: &str = "noi-dung.md";

pub fn md_too_big(mib: u64, limit_mib: u64) -> Problem {
    Problem::error(format!(
        "tệp lớn {mib} MiB, vượt giới hạn {limit_mib} MiB của phần nội dung báo cáo"
    ))
    .fix("chỉ giữ phần chữ của báo cáo (không dán ảnh, bảng lớn vào tệp này)")
    .file(NARRATIVE_MD)
}

pub fn md_unreadable(reason: &str) -> Problem {
    Problem::error(format!("không đọc được tệp ({reason})")).file(NARRATIVE_MD)
}

pub fn narrative_missing() -> Problem {
    Problem::warning(format!("Thiếu tệp {NARRATIVE_DOCX} (hoặc {NARRATIVE_MD})"))
        .fix("phần tình hình, thuận lợi, khó khăn, kiến nghị của báo cáo; chạy `hoso init` để có mẫu; báo cáo sẽ để trống các mục này")
        .place_unsaid()
}

pub fn narrative_twice() -> Problem {
    Problem::error(format!("Có cả {NARRATIVE_DOCX} và {NARRATIVE_MD}"))
        .fix(format!(
            "giữ một tệp cho nội dung báo cáo (nên dùng {NARRATIVE_DOCX}), xóa hoặc đổi tên tệp kia"
        ))
        .file(NARRATIVE_DOCX)
        .place_unsaid()
}

/// A section no part of the form takes: `shown` as the officer wrote it, `known` the form's.
pub fn narrative_unknown_heading(file: &str, shown: &str, known: &[String]) -> Problem {
    Problem::warning(format!(
        "mục \"{shown}\" không ứng với mục nào của mẫu báo cáo (các mục: {}); nội dung này không được in",
        known.join("; ")
    ))
    .file(file)
}

// What noi-dung.docx holds that is not printed, per section ("" before the first heading) and
// kind, with how many times.

fn notice(section: &str, count: usize, what: &str) -> String {
    let place = if section.is_empty() {
        "phần đầu tệp (trước mục đầu tiên)".to_string()
    } else {
        format!("mục \"{section}\"")
    };
    let n = if count > 1 {
        format!(" ({count} chỗ)")
    } else {
        String::new()
    };
    format!("{place} {}", what.replace("{n}", &n))
}

fn docx_warning(section: &str, count: usize, what: &str, fix: &str) -> Problem {
    Problem::warning(notice(section, count, what))
        .fix(fix)
        .file(NARRATIVE_DOCX)
}

/// Unaccepted changes: an error, hoso does not guess which version is final.
pub fn docx_tracked_changes(section: &str, count: usize) -> Problem {
    Problem::error(notice(section, count, "còn thay đổi chưa được chấp nhận (Track Changes){n}"))
        .fix("chấp nhận hoặc từ chối mọi thay đổi (Review → Accept / Xem lại → Chấp nhận) rồi lưu tệp; hoso không đoán bản nào là bản cuối")
        .file(NARRATIVE_DOCX)
}

pub fn docx_table(section: &str, count: usize) -> Problem {
    docx_warning(
        section,
        count,
        "có bảng{n}, bảng không được in vào báo cáo",
        "viết thành đoạn văn, hoặc đặt bảng vào tài liệu minh chứng của chỉ tiêu",
    )
}

pub fn docx_image(section: &str, count: usize) -> Problem {
    docx_warning(
        section,
        count,
        "có hình ảnh hoặc hình vẽ{n}, không được in vào báo cáo",
        "đặt ảnh vào thư mục minh chứng của chỉ tiêu",
    )
}

pub fn docx_comment(section: &str, count: usize) -> Problem {
    docx_warning(
        section,
        count,
        "có nhận xét (comment){n}, không được in",
        "xóa nhận xét khi đã xử lý xong (Review → Delete)",
    )
}

pub fn docx_field(section: &str, count: usize) -> Problem {
    docx_warning(
        section,
        count,
        "có trường tự động (field: ngày, số trang, liên kết…){n}",
        "chỉ chữ đang hiển thị được in; gõ thẳng nội dung nếu cần",
    )
}

pub fn docx_footnote(section: &str, count: usize) -> Problem {
    docx_warning(
        section,
        count,
        "có chú thích cuối trang{n}, không được in",
        "đưa nội dung chú thích vào đoạn văn",
    )
}

pub fn docx_other(section: &str, count: usize) -> Problem {
    docx_warning(
        section,
        count,
        "có đối tượng không đọc được (công thức, hộp chữ…){n}, không được in",
        "gõ lại thành đoạn văn",
    )
}

// A Word file that cannot be read. `part` is the archive's part ("word/document.xml").

pub fn docx_unreadable(why: &str) -> Problem {
    Problem::error(format!("không đọc được tệp: {why}"))
}

pub fn docx_unopenable(why: &str) -> Problem {
    Problem::error(format!("không mở được tệp: {why}"))
}

pub fn docx_too_big(mb: u64, limit_mb: u64) -> Problem {
    Problem::error(format!("tệp lớn {mb} MB, quá giới hạn {limit_mb} MB"))
        .fix("xóa hình ảnh lớn hoặc tách nội dung")
}

pub fn docx_not_zip() -> Problem {
    Problem::error("không phải tệp Word .docx hợp lệ (không mở được như tệp nén)")
        .fix("mở bằng Word và lưu lại dưới dạng .docx")
}

pub fn docx_no_document() -> Problem {
    Problem::error("thiếu phần word/document.xml")
        .fix("không phải tệp Word .docx; lưu lại bằng Word dưới dạng .docx")
}

pub fn docx_part_unreadable(part: &str, why: &str) -> Problem {
    Problem::error(format!("không đọc được phần {part}: {why}"))
}

pub fn docx_part_too_big(part: &str, limit_mb: u64) -> Problem {
    Problem::error(format!(
        "phần {part} giải nén quá {limit_mb} MB (tệp bị hỏng hoặc cố ý làm phình)"
    ))
    .fix("mở bằng Word, lưu lại, hoặc gõ lại nội dung")
}

pub fn docx_part_broken(part: &str, why: &str) -> Problem {
    Problem::error(format!("phần {part} bị hỏng: {why}"))
}

pub fn docx_part_not_utf8(part: &str) -> Problem {
    Problem::error(format!("phần {part} không phải UTF-8")).fix("lưu lại bằng Word")
}

pub fn docx_part_too_many_nodes(part: &str, limit: u32) -> Problem {
    Problem::error(format!(
        "phần {part} có quá {limit} phần tử (tệp bị hỏng hoặc cố ý làm phình)"
    ))
    .fix("tách nội dung hoặc gõ lại")
}

pub fn docx_part_not_xml(part: &str, why: &str) -> Problem {
    Problem::error(format!("phần {part} không phải XML hợp lệ ({why})"))
        .fix("mở bằng Word và lưu lại")
}

pub fn docx_no_body() -> Problem {
    Problem::error("word/document.xml không có phần thân (w:body)").fix("lưu lại bằng Word")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notices_name_their_section_and_count() {
        assert_eq!(
            docx_table("Thuận lợi", 2).text(),
            "noi-dung.docx: mục \"Thuận lợi\" có bảng (2 chỗ), bảng không được in vào báo cáo — viết thành đoạn văn, hoặc đặt bảng vào tài liệu minh chứng của chỉ tiêu"
        );
        let p = docx_tracked_changes("", 1);
        assert!(p.is_error());
        assert!(p
            .message
            .starts_with("phần đầu tệp (trước mục đầu tiên) còn"));
        assert_eq!(
            narrative_missing().file("noi-dung.md").text(),
            narrative_missing().text()
        );
    }
}
