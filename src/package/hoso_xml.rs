//! `ho-so.xml`: the dossier's metadata after Nghị định 30/2020/NĐ-CP, Phụ lục VI (thông tin đầu
//! vào của hồ sơ và của văn bản đi). ND30 publishes the fields and their lengths, not an XML schema:
//! `forms/ho-so.xsd` is ours (element names are the Phụ lục's English field names) and documents
//! each element's source. Values longer than the table allows are cut at a character boundary.

use crate::document::model::Document;
use crate::evaluate::assessed::Checked;
use std::fmt::Write;

/// The XSD shipped beside the file in the package.
pub const XSD: &str = include_str!("../../forms/ho-so.xsd");
pub const NAMESPACE: &str = "urn:hoso:nd30:phu-luc-vi:1";

/// One generated document: its model, file name and page count.
pub struct Doc<'a> {
    pub doc: &'a Document,
    pub file: String,
    pub pages: usize,
}

fn esc(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            c if (c as u32) < 0x20 && c != '\t' => o.push(' '),
            c => o.push(c),
        }
    }
    o
}

/// At most `n` characters.
fn cut(s: &str, n: usize) -> String {
    s.trim().chars().take(n).collect()
}

fn el(x: &mut String, indent: usize, name: &str, value: &str, max: usize) {
    let _ = writeln!(
        x,
        "{}<{name}>{}</{name}>",
        "  ".repeat(indent),
        esc(&cut(value, max))
    );
}

/// "125/BC-UBND" → ("125", "BC-UBND"); no slash: ("", whole).
fn split_number(so: &str) -> (String, String) {
    match so.split_once('/') {
        Some((n, k)) => (n.trim().to_string(), k.trim().to_string()),
        None => (String::new(), so.trim().to_string()),
    }
}

/// Kind of document from its file stem (Tên loại văn bản).
fn type_name(stem: &str) -> &'static str {
    if stem.starts_with("PhuLuc") {
        "Phụ lục"
    } else if stem.starts_with("BangKe") {
        "Bảng kê"
    } else if stem.starts_with("Mau-") {
        "Mẫu biểu"
    } else {
        "Báo cáo"
    }
}

/// `ho-so.xml` for a commune dossier and the warnings (OrganId missing or not 13 characters).
pub fn commune(c: &Checked, docs: &[Doc]) -> (String, Vec<String>) {
    let info = &c.info;
    let mut warnings = Vec::new();
    let organ = info.don_vi.ma_dinh_danh.trim();
    let organ = if organ.chars().count() == 13 {
        organ.to_string()
    } else {
        warnings.push(if organ.is_empty() {
            "hoso.toml: chưa có [don_vi] ma_dinh_danh (mã định danh 13 ký tự của cơ quan, Nghị định 30/2020 Phụ lục VI) — OrganId và phần đầu FileCode trong ho-so.xml để trống".to_string()
        } else {
            format!("hoso.toml: [don_vi] ma_dinh_danh = \"{organ}\" không đủ 13 ký tự — OrganId trong ho-so.xml để trống")
        });
        String::new()
    };
    let (number, notation) = split_number(&info.van_ban.so);
    let file_notation = cut(&info.van_ban.so.replace(' ', ""), 20);
    let file_code = [organ.as_str(), &info.nam.to_string(), &file_notation]
        .iter()
        .filter(|p| !p.is_empty())
        .copied()
        .collect::<Vec<_>>()
        .join(".");
    let d = &info.van_ban.ngay;
    let date = format!("{:02}/{:02}/{:04}", d.day, d.month, d.year);
    let organ_name = format!("UBND {} {}", info.don_vi.loai, info.don_vi.xa);
    let pages: usize = docs.iter().map(|d| d.pages).sum();
    let fixed = &crate::render::fields::layout().ho_so_xml;
    let mut x = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = writeln!(x, "<HoSo xmlns=\"{NAMESPACE}\">");
    el(&mut x, 1, "FileCode", &file_code, 50);
    el(&mut x, 1, "OrganId", &organ, 13);
    el(&mut x, 1, "FileCatalog", &info.nam.to_string(), 4);
    el(&mut x, 1, "FileNotation", &file_notation, 20);
    let title = format!(
        "Hồ sơ đánh giá {} năm {} của {} {}",
        c.set.title, info.nam, info.don_vi.loai, info.don_vi.xa
    );
    el(&mut x, 1, "Title", &title, 1000);
    el(&mut x, 1, "Maintenance", &fixed.thoi_han_bao_quan, 30);
    el(&mut x, 1, "Rights", &fixed.che_do_su_dung, 30);
    el(&mut x, 1, "Creator", &organ_name, 150);
    el(&mut x, 1, "Language", &fixed.ngon_ngu, 50);
    el(
        &mut x,
        1,
        "StartDate",
        &format!("01/01/{:04}", info.nam),
        10,
    );
    el(&mut x, 1, "EndDate", &date, 10);
    el(&mut x, 1, "DocTotal", &docs.len().to_string(), 4);
    el(&mut x, 1, "PageTotal", &pages.to_string(), 4);
    let desc = format!(
        "Bộ tiêu chí {} ({}); kết quả: {} — {}",
        c.set.id, c.set.title, c.summary.cau_ket_luan, c.summary.ket_luan
    );
    el(&mut x, 1, "Description", &desc, 2000);
    let position = [info.nguoi_ky.tham_quyen.as_str(), &info.nguoi_ky.chuc_vu]
        .iter()
        .filter(|p| !p.is_empty())
        .copied()
        .collect::<Vec<_>>()
        .join(" ");
    for (i, dd) in docs.iter().enumerate() {
        x.push_str("  <VanBan>\n");
        el(&mut x, 2, "FileCode", &file_code, 50);
        el(&mut x, 2, "DocOrdinal", &(i + 1).to_string(), 3);
        el(&mut x, 2, "TypeName", type_name(&dd.doc.file_stem), 100);
        el(&mut x, 2, "CodeNumber", &number, 11);
        el(&mut x, 2, "CodeNotation", &notation, 30);
        el(&mut x, 2, "IssuedDate", &date, 10);
        el(&mut x, 2, "OrganName", &organ_name, 200);
        el(&mut x, 2, "Subject", &dd.doc.title, 500);
        el(&mut x, 2, "Language", &fixed.ngon_ngu, 50);
        el(&mut x, 2, "PageAmount", &dd.pages.to_string(), 4);
        x.push_str("    <SignerInfo>\n");
        el(&mut x, 3, "Position", &position, 100);
        el(&mut x, 3, "FullName", &info.nguoi_ky.ho_ten, 50);
        x.push_str("    </SignerInfo>\n");
        el(&mut x, 2, "To", &info.van_ban.noi_nhan.join(" "), 1000);
        el(&mut x, 2, "FileName", &dd.file, 255);
        x.push_str("  </VanBan>\n");
    }
    x.push_str("</HoSo>\n");
    (x, warnings)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn helpers() {
        assert_eq!(esc("a<b & \"c\""), "a&lt;b &amp; &quot;c&quot;");
        assert_eq!(cut("Tân Phúc", 3), "Tân");
        assert_eq!(
            split_number("125/BC-UBND"),
            ("125".into(), "BC-UBND".into())
        );
        assert_eq!(type_name("PhuLuc01-Tan-Phuc-2024"), "Phụ lục");
        assert_eq!(type_name("Mau01-Tan-Phuc-2024"), "Báo cáo");
        assert!(XSD.contains("FileCode"));
    }
}
