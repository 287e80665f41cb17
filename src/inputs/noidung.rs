//! Finds the narrative of a dossier: `noi-dung.docx` (the Word way) or `noi-dung.md`, and turns what
//! the Word reader met (tables, images, comments, fields, tracked changes) into messages that name
//! the section and say what to do.

use super::narrative::{assemble, Guide, Narrative, Notice};
use super::worddoc;
use crate::problem::Problem;
use std::path::Path;

pub const DOCX: &str = "noi-dung.docx";
pub const MD: &str = "noi-dung.md";

#[derive(Debug, Default)]
pub struct Loaded {
    pub narrative: Narrative,
    /// The file read (for messages), or None.
    pub file: Option<&'static str>,
    pub errors: Vec<Problem>,
    pub warnings: Vec<Problem>,
}

/// The largest noi-dung.md read: a report's text is far smaller; beyond this it is a mistake.
const MD_LIMIT: u64 = 4 << 20;

/// Reads whichever of the two files holds the narrative. Both with text is an error naming both;
/// an untouched template beside a written file is set aside (`hoso init` writes both).
pub fn load(root: &Path, guide: &Guide, known: &[String]) -> Loaded {
    let mut out = Loaded::default();
    let docx_path = root.join(DOCX);
    let md_path = root.join(MD);
    let docx = docx_path
        .is_file()
        .then(|| read_docx(&docx_path, guide, known));
    let md = match std::fs::metadata(&md_path).map(|m| m.len()) {
        Ok(n) if n > MD_LIMIT => {
            out.errors.push(Problem::error(format!("{MD}: tệp lớn {} MiB, vượt giới hạn {} MiB của phần nội dung báo cáo — chỉ giữ phần chữ của báo cáo (không dán ảnh, bảng lớn vào tệp này)", n >> 20, MD_LIMIT >> 20)).place_unsaid());
            None
        }
        _ => match std::fs::read(&md_path) {
            Ok(b) => Some(Narrative::parse_md(
                &String::from_utf8_lossy(&b),
                guide,
                known,
            )),
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                out.errors.push(
                    Problem::error(format!(
                        "{MD}: không đọc được tệp ({})",
                        crate::problem::oserr::reason(&e)
                    ))
                    .place_unsaid(),
                );
                None
            }
            Err(_) => None,
        },
    };
    match (docx, md) {
        (None, None) => out.warnings.push(Problem::warning(format!("Thiếu tệp {DOCX} (hoặc {MD}) — phần tình hình, thuận lợi, khó khăn, kiến nghị của báo cáo; chạy `hoso init` để có mẫu; báo cáo sẽ để trống các mục này")).place_unsaid()),
        (None, Some(n)) => {
            out.narrative = n;
            out.file = Some(MD);
        }
        (Some(d), md) => {
            let (n, errors) = match d {
                Ok(n) => (n, Vec::new()),
                Err(e) => (Narrative::default(), vec![format!("{DOCX}: {e}")]),
            };
            if md.as_ref().is_some_and(|m| !m.is_blank()) && (!n.is_blank() || !errors.is_empty()) {
                out.errors.push(Problem::error(format!("Có cả {DOCX} và {MD} — giữ một tệp cho nội dung báo cáo (nên dùng {DOCX}), xóa hoặc đổi tên tệp kia")).place_unsaid());
            } else if n.is_blank() && errors.is_empty() && md.as_ref().is_some_and(|m| !m.is_blank()) {
                // The Word template left untouched, the text written in Markdown.
                out.narrative = md.unwrap_or_default();
                out.file = Some(MD);
                return out;
            }
            out.errors
                .extend(errors.into_iter().map(|e| Problem::error(e).place_unsaid()));
            for (section, what, count) in &n.notices {
                let (is_error, msg) = notice_message(section, *what, *count);
                if is_error {
                    out.errors.push(Problem::error(msg).place_unsaid());
                } else {
                    out.warnings.push(Problem::warning(msg).place_unsaid());
                }
            }
            out.narrative = n;
            out.file = Some(DOCX);
        }
    }
    out
}

fn read_docx(path: &Path, guide: &Guide, known: &[String]) -> Result<Narrative, String> {
    worddoc::read(path).map(|raws| assemble(raws, guide, known))
}

/// One message per kind of object per section; unaccepted changes are errors.
pub fn notice_message(section: &str, what: Notice, count: usize) -> (bool, String) {
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
    let (err, text) = match what {
        Notice::TrackedChange => (true, format!("{place} còn thay đổi chưa được chấp nhận (Track Changes){n} — chấp nhận hoặc từ chối mọi thay đổi (Review → Accept / Xem lại → Chấp nhận) rồi lưu tệp; hoso không đoán bản nào là bản cuối")),
        Notice::Table => (false, format!("{place} có bảng{n}, bảng không được in vào báo cáo — viết thành đoạn văn, hoặc đặt bảng vào tài liệu minh chứng của chỉ tiêu")),
        Notice::Image => (false, format!("{place} có hình ảnh hoặc hình vẽ{n}, không được in vào báo cáo — đặt ảnh vào thư mục minh chứng của chỉ tiêu")),
        Notice::Comment => (false, format!("{place} có nhận xét (comment){n}, không được in — xóa nhận xét khi đã xử lý xong (Review → Delete)")),
        Notice::Field => (false, format!("{place} có trường tự động (field: ngày, số trang, liên kết…){n} — chỉ chữ đang hiển thị được in; gõ thẳng nội dung nếu cần")),
        Notice::Footnote => (false, format!("{place} có chú thích cuối trang{n}, không được in — đưa nội dung chú thích vào đoạn văn")),
        Notice::Other => (false, format!("{place} có đối tượng không đọc được (công thức, hộp chữ…){n}, không được in — gõ lại thành đoạn văn")),
    };
    (err, format!("{DOCX}: {text}"))
}
