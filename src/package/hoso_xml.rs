//! `ho-so.xml`: the dossier's metadata after Nghị định 30/2020/NĐ-CP, Phụ lục VI (thông tin đầu
//! vào của hồ sơ và của văn bản đi). ND30 publishes the fields and their lengths, not an XML schema:
//! `forms/ho-so.xsd` is ours (element names are the Phụ lục's English field names) and documents
//! each element's source. Values longer than the table allows are cut at a character boundary.

use crate::document::model::Document;
use crate::evaluate::assessed::Checked;
use crate::inputs::dossier::DossierInfo;
use crate::problem::messages::package as m;
use crate::render::fields::XmlValues;
use crate::text::fill;
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
    let v = &values();
    v.loai_van_ban
        .iter()
        .find(|(prefix, _)| stem.starts_with(prefix.as_str()))
        .map(|(_, name)| name.as_str())
        .unwrap_or(v.loai_khac.as_str())
}

fn values() -> &'static XmlValues {
    &crate::render::fields::layout().ho_so_xml
}

/// The organisation's 13-character code (OrganId), or empty with the warning why.
fn organ_id(info: &DossierInfo, warnings: &mut Vec<String>) -> String {
    let organ = info.don_vi.ma_dinh_danh.trim();
    if organ.chars().count() == 13 {
        return organ.to_string();
    }
    warnings.push(if organ.is_empty() {
        m::organ_id_missing()
    } else {
        m::organ_id_length(organ)
    });
    String::new()
}

/// What every element of the file draws from the dossier.
struct Facts {
    file_code: String,
    file_notation: String,
    organ: String,
    organ_name: String,
    date: String,
    number: String,
    notation: String,
    position: String,
}

fn facts(c: &Checked, warnings: &mut Vec<String>) -> Facts {
    let info = &c.info;
    let organ = organ_id(info, warnings);
    let (number, notation) = split_number(&info.van_ban.so);
    let file_notation = cut(&info.van_ban.so.replace(' ', ""), 20);
    let file_code = [organ.as_str(), &info.nam.to_string(), &file_notation]
        .iter()
        .filter(|p| !p.is_empty())
        .copied()
        .collect::<Vec<_>>()
        .join(".");
    let d = &info.van_ban.ngay;
    let position = [info.nguoi_ky.tham_quyen.as_str(), &info.nguoi_ky.chuc_vu]
        .iter()
        .filter(|p| !p.is_empty())
        .copied()
        .collect::<Vec<_>>()
        .join(" ");
    Facts {
        file_code,
        file_notation,
        organ,
        organ_name: crate::document::author(info),
        date: format!("{:02}/{:02}/{:04}", d.day, d.month, d.year),
        number,
        notation,
        position,
    }
}

/// `ho-so.xml` for a commune dossier and the warnings (OrganId missing or not 13 characters).
pub fn commune(c: &Checked, docs: &[Doc]) -> (String, Vec<String>) {
    let info = &c.info;
    let mut warnings = Vec::new();
    let f = facts(c, &mut warnings);
    let v = values();
    let pairs = [
        ("ten_bo_tieu_chi", c.set.title.clone()),
        ("bo_tieu_chi", c.set.id.clone()),
        ("nam", info.nam.to_string()),
        ("loai", info.don_vi.loai.clone()),
        ("xa", info.don_vi.xa.clone()),
        ("cau_ket_luan", c.summary.cau_ket_luan.clone()),
        ("ket_luan", c.summary.ket_luan.clone()),
    ];
    let pages: usize = docs.iter().map(|d| d.pages).sum();
    let mut x = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = writeln!(x, "<HoSo xmlns=\"{NAMESPACE}\">");
    el(&mut x, 1, "FileCode", &f.file_code, 50);
    el(&mut x, 1, "OrganId", &f.organ, 13);
    el(&mut x, 1, "FileCatalog", &info.nam.to_string(), 4);
    el(&mut x, 1, "FileNotation", &f.file_notation, 20);
    el(&mut x, 1, "Title", &fill(&v.tieu_de, &pairs), 1000);
    el(&mut x, 1, "Maintenance", &v.thoi_han_bao_quan, 30);
    el(&mut x, 1, "Rights", &v.che_do_su_dung, 30);
    el(&mut x, 1, "Creator", &f.organ_name, 150);
    el(&mut x, 1, "Language", &v.ngon_ngu, 50);
    let start = format!("01/01/{:04}", info.nam);
    el(&mut x, 1, "StartDate", &start, 10);
    el(&mut x, 1, "EndDate", &f.date, 10);
    el(&mut x, 1, "DocTotal", &docs.len().to_string(), 4);
    el(&mut x, 1, "PageTotal", &pages.to_string(), 4);
    el(&mut x, 1, "Description", &fill(&v.mo_ta, &pairs), 2000);
    for (i, dd) in docs.iter().enumerate() {
        document(&mut x, i, dd, &f, info);
    }
    x.push_str("</HoSo>\n");
    (x, warnings)
}

/// One outgoing document (văn bản đi).
fn document(x: &mut String, i: usize, dd: &Doc, f: &Facts, info: &DossierInfo) {
    x.push_str("  <VanBan>\n");
    el(x, 2, "FileCode", &f.file_code, 50);
    el(x, 2, "DocOrdinal", &(i + 1).to_string(), 3);
    el(x, 2, "TypeName", type_name(&dd.doc.file_stem), 100);
    el(x, 2, "CodeNumber", &f.number, 11);
    el(x, 2, "CodeNotation", &f.notation, 30);
    el(x, 2, "IssuedDate", &f.date, 10);
    el(x, 2, "OrganName", &f.organ_name, 200);
    el(x, 2, "Subject", &dd.doc.title, 500);
    el(x, 2, "Language", &values().ngon_ngu, 50);
    el(x, 2, "PageAmount", &dd.pages.to_string(), 4);
    x.push_str("    <SignerInfo>\n");
    el(x, 3, "Position", &f.position, 100);
    el(x, 3, "FullName", &info.nguoi_ky.ho_ten, 50);
    x.push_str("    </SignerInfo>\n");
    el(x, 2, "To", &info.van_ban.noi_nhan.join(" "), 1000);
    el(x, 2, "FileName", &dd.file, 255);
    x.push_str("  </VanBan>\n");
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
