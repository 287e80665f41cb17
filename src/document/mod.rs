//! Builders: the evaluation + hoso.toml + noi-dung.md + form texts (`forms/reports.toml`,
//! `forms/levels.toml`) → [`model::Document`]s (Mẫu 01–04, Phụ lục 01–03, list forms, bảng kê, the
//! village annex, the province summary and its workbook). Every string passes the filter once
//! (`filter`), when the document is made; renderers take it from there.

pub mod annex;
pub mod bangke;
pub mod filter;
pub mod forms;
pub mod higher;
pub mod lists;
pub mod measure;
pub mod model;
pub mod narrative;
pub mod report;
#[cfg(test)]
pub mod sample;
pub mod style;
#[cfg(test)]
mod tests;
pub mod villages;
pub mod workbook;

use crate::inputs::dossier::DossierInfo;
use forms::common;
use model::{Block, HeaderBlock, Signature};

/// Fills `{loai}`, `{xa}`, `{huyen}`, `{tinh}`, `{nam}`, `{so}`, `{tren_xa}` (the unit above the
/// assessed one: "huyện Hoằng Hóa", or "tỉnh Thanh Hóa" where there is no district), upper-case
/// variants, and `extra`.
pub fn fill(template: &str, info: &DossierInfo, extra: &[(&str, String)]) -> String {
    let mut pairs: Vec<(&str, String)> = extra.to_vec();
    pairs.extend([
        ("tren_xa", above(info)),
        ("loai", info.don_vi.loai.clone()),
        ("xa", info.don_vi.xa.clone()),
        ("huyen", info.don_vi.huyen.clone()),
        ("tinh", info.don_vi.tinh.clone()),
        ("nam", info.nam.to_string()),
        ("so", number_text(&info.van_ban.so)),
        ("ngay_ngan", short_date(info)),
    ]);
    crate::text::fill(template, &pairs)
}

/// "ngày 10/11/2024", as annexes cite their report.
pub fn short_date(info: &DossierInfo) -> String {
    crate::text::fill(&common().short_date, &[("ngay", info.van_ban.ngay.short())])
}

/// The unit above the assessed one, as the forms name it: "huyện Hoằng Hóa", or "tỉnh Thanh Hóa"
/// in a two-tier administration (no `[don_vi] huyen`) and for a district assessing itself.
pub fn above(info: &DossierInfo) -> String {
    if info.don_vi.huyen.trim().is_empty() {
        province(&info.don_vi.tinh)
    } else {
        crate::text::fill(&common().district, &[("huyen", info.don_vi.huyen.clone())])
    }
}

/// "tỉnh Thanh Hóa".
pub fn province(tinh: &str) -> String {
    crate::text::fill(&common().province, &[("tinh", tinh.to_string())])
}

/// The package's Source-Organization: "UBND xã Tân Phúc, huyện Hoằng Hóa, tỉnh Thanh Hóa"
/// ("UBND xã Tân Phúc, tỉnh Thanh Hóa" without a district).
pub fn source_organization(info: &DossierInfo) -> String {
    let d = &info.don_vi;
    let c = common();
    let template = if d.huyen.trim().is_empty() {
        &c.source_organization_without_huyen
    } else {
        &c.source_organization
    };
    let pairs = [
        ("loai", d.loai.clone()),
        ("xa", d.xa.clone()),
        ("huyen", d.huyen.clone()),
        ("tinh", d.tinh.clone()),
    ];
    crate::text::fill(template, &pairs)
}

/// The document's number, or room to number it by hand ("     /BC-UBND" for a `suffix` of
/// "/BC-UBND").
pub fn number_or_blank(so: &str, suffix: &str) -> String {
    if so.trim().is_empty() {
        crate::text::fill(&common().number_blank, &[("ky_hieu", suffix.to_string())])
    } else {
        so.to_string()
    }
}

/// "125/BC-UBND"; an empty number leaves room to number by hand: "     /BC-UBND".
pub fn number_text(so: &str) -> String {
    number_or_blank(so, &common().report_notation)
}

/// A header block: the agency's lines (left), the quốc hiệu, the tiêu ngữ, place and date (right).
/// `number` is the document's number as printed after "Số:".
pub fn header(
    info: &DossierInfo,
    parent_agency: String,
    agency: Vec<String>,
    number: &str,
    subject_vv: Option<String>,
) -> HeaderBlock {
    let c = common();
    let place_date = [
        ("dia_danh", info.van_ban.dia_danh.clone()),
        ("ngay", info.van_ban.ngay.words()),
    ];
    HeaderBlock {
        parent_agency,
        agency,
        number: crate::text::fill(&c.number, &[("so", number.to_string())]),
        subject_vv,
        place_date: crate::text::fill(&c.place_date, &place_date),
        national_name: c.national_name.clone(),
        motto: c.motto.clone(),
    }
}

/// The commune's header block (UBND xã …).
pub fn commune_header(info: &DossierInfo) -> HeaderBlock {
    let pairs = [
        ("loai", info.don_vi.loai.clone()),
        ("xa", info.don_vi.xa.clone()),
    ];
    let agency = common()
        .commune_agency
        .iter()
        .map(|l| crate::text::fill(l, &pairs));
    let number = number_text(&info.van_ban.so);
    header(info, String::new(), agency.collect(), &number, None)
}

/// The issuing commune, for documents' metadata ("UBND xã Tân Phúc").
pub fn author(info: &DossierInfo) -> String {
    let pairs = [
        ("loai", info.don_vi.loai.clone()),
        ("xa", info.don_vi.xa.clone()),
    ];
    crate::text::fill(&common().commune_author, &pairs)
}

pub fn signature(info: &DossierInfo) -> Signature {
    Signature {
        authority: info.nguoi_ky.tham_quyen.to_uppercase(),
        title: info.nguoi_ky.chuc_vu.to_uppercase(),
        hint: String::new(),
        name: info.nguoi_ky.ho_ten.clone(),
    }
}

/// Nơi nhận beside the signature.
pub fn closing(lines: &[String], signature: Signature) -> Block {
    Block::Closing {
        label: common().recipients_label.clone(),
        recipients: recipients(lines),
        signature,
    }
}

/// ND30 recipients: "- " first, ";" at the end, the last one "- Lưu: …".
pub fn recipients(lines: &[String]) -> Vec<String> {
    let n = lines.len();
    lines
        .iter()
        .enumerate()
        .map(|(i, l)| {
            let t = l.trim().trim_start_matches(['-', '+', '•']).trim();
            let last = i + 1 == n;
            let t = if last || t.ends_with([';', '.']) {
                t.to_string()
            } else {
                format!("{t};")
            };
            format!("- {t}")
        })
        .collect()
}

/// A group's indicators in section II: "1.1, 1.2 (2 chỉ tiêu)", or "Không".
pub fn code_list(codes: &[&str]) -> String {
    let c = common();
    if codes.is_empty() {
        c.none.clone()
    } else {
        let pairs = [("codes", codes.join(", ")), ("n", codes.len().to_string())];
        crate::text::fill(&c.codes, &pairs)
    }
}

pub use crate::text::file_part;
