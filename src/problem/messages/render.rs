//! What the renderers say when a document cannot be written (PDF through typst, DOCX, the
//! signature fields, the workbook): fatal errors, as sentences. Each names the document or the
//! block concerned; the block errors are defects of hoso rather than of a dossier.

/// The report date cannot be a PDF's or a DOCX's date.
pub fn bad_date(day: u32, month: u32, year: i32) -> String {
    format!("Ngày của văn bản không hợp lệ: {day}/{month}/{year}.")
}

/// typst was given a date it cannot hold.
pub fn bad_report_date(name: &str) -> String {
    format!("{name}: ngày báo cáo không hợp lệ")
}

pub fn negative_margins() -> String {
    "Lề trang phải là số milimét không âm.".into()
}

pub fn margins_too_large() -> String {
    "Lề trang quá lớn: vùng chữ còn lại hẹp hơn 50 mm.".into()
}

/// A table block (1-based) that cannot be written, and why.
pub fn in_table(block: usize, why: &str) -> String {
    format!("Bảng ở khối thứ {block}: {why}")
}

/// Another block (1-based) that cannot be written, and why.
pub fn in_block(block: usize, why: &str) -> String {
    format!("Khối thứ {block}: {why}")
}

pub fn bad_size(pt: f32) -> String {
    format!("cỡ chữ {pt} pt không hợp lệ (phải từ 1 đến 200 pt).")
}

pub fn bad_spacing() -> String {
    "thụt đầu dòng hoặc khoảng cách sau đoạn văn không hợp lệ.".into()
}

pub fn bad_widths() -> String {
    "bảng phải có ít nhất một cột và độ rộng các cột phải là số dương.".into()
}

/// Row `row` (1-based) spans `used` columns of a table that has `columns`.
pub fn too_many_columns(row: usize, used: usize, columns: usize) -> String {
    format!(
        "dòng {row} dùng {used} cột, nhiều hơn {columns} cột của bảng: hãy sửa số cột gộp (colspan)."
    )
}

pub fn docx_failed(why: &str) -> String {
    format!("Không tạo được tệp DOCX: {why}.")
}

pub fn docx_repack_failed(why: &str) -> String {
    format!("Không đóng gói lại được tệp DOCX: {why}.")
}

/// typst could not lay out document `name`.
pub fn layout_failed(name: &str, why: &str) -> String {
    format!("không dàn trang được tài liệu {name}: {why}")
}

/// typst laid out document `name` but could not export it as PDF/A.
pub fn pdf_failed(name: &str, why: &str) -> String {
    format!("không xuất được PDF {name}: {why}")
}

/// What is wrong with the PDF hoso was adding its signature fields to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FieldsFault {
    CrossReference,
    NoSize,
    Size,
    NoRoot,
    Catalog,
    HasAcroForm,
    PageTree,
    NoSuchPage,
    Page,
    IndirectAnnots,
}

/// The signature fields could not be added to a PDF.
pub fn fields_failed(fault: FieldsFault) -> String {
    let what = match fault {
        FieldsFault::CrossReference => "bảng tham chiếu chéo không đọc được",
        FieldsFault::NoSize => "thiếu /Size",
        FieldsFault::Size => "/Size",
        FieldsFault::NoRoot => "thiếu /Root",
        FieldsFault::Catalog => "catalog",
        FieldsFault::HasAcroForm => "tệp đã có /AcroForm",
        FieldsFault::PageTree => "cây trang",
        FieldsFault::NoSuchPage => "trang không có",
        FieldsFault::Page => "trang",
        FieldsFault::IndirectAnnots => "trang PDF có /Annots gián tiếp",
    };
    format!("không thêm được ô chữ ký số vào PDF: {what}")
}

/// The province summary's workbook could not be written.
pub fn xlsx_failed(why: &str) -> String {
    format!("không lập được bảng tính tổng hợp: {why}")
}
