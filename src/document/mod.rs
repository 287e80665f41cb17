//! Builders: the evaluation + hoso.toml + noi-dung.md + form texts (`forms/reports.toml`) →
//! [`model::Document`]s (Mẫu 01, Phụ lục 01, list forms, bảng kê). Renderers take it from there.

pub mod bangke;
pub mod forms;
pub mod higher;
pub mod lists;
pub mod measure;
pub mod model;
pub mod narrative;
pub mod report;
pub mod style;
pub mod villages;

use crate::inputs::dossier::DossierInfo;
use model::{HeaderBlock, Signature};

/// Fills `{loai}`, `{xa}`, `{huyen}`, `{tinh}`, `{nam}`, `{so}`, `{tren_xa}` (the unit above the
/// assessed one: "huyện Hoằng Hóa", or "tỉnh Thanh Hóa" where there is no district), upper-case
/// variants, and `extra`.
pub fn fill(template: &str, info: &DossierInfo, extra: &[(&str, String)]) -> String {
    let mut s = template.to_string();
    for (k, v) in extra {
        s = s.replace(&format!("{{{k}}}"), v);
    }
    let pairs: [(&str, String); 8] = [
        ("tren_xa", above(info)),
        ("loai", info.don_vi.loai.clone()),
        ("xa", info.don_vi.xa.clone()),
        ("huyen", info.don_vi.huyen.clone()),
        ("tinh", info.don_vi.tinh.clone()),
        ("nam", info.nam.to_string()),
        ("so", number_text(&info.van_ban.so)),
        ("ngay_ngan", format!("ngày {}", info.van_ban.ngay.short())),
    ];
    crate::text::fill(&s, &pairs)
}

/// The unit above the assessed one, as the forms name it: "huyện Hoằng Hóa", or "tỉnh Thanh Hóa"
/// in a two-tier administration (no `[don_vi] huyen`) and for a district assessing itself.
pub fn above(info: &DossierInfo) -> String {
    if info.don_vi.huyen.trim().is_empty() {
        format!("tỉnh {}", info.don_vi.tinh)
    } else {
        format!("huyện {}", info.don_vi.huyen)
    }
}

/// The package's Source-Organization: "UBND xã Tân Phúc, huyện Hoằng Hóa, tỉnh Thanh Hóa"
/// ("UBND xã Tân Phúc, tỉnh Thanh Hóa" without a district).
pub fn source_organization(info: &DossierInfo) -> String {
    let d = &info.don_vi;
    if d.huyen.trim().is_empty() {
        format!("UBND {} {}, tỉnh {}", d.loai, d.xa, d.tinh)
    } else {
        format!(
            "UBND {} {}, huyện {}, tỉnh {}",
            d.loai, d.xa, d.huyen, d.tinh
        )
    }
}

/// "125/BC-UBND"; an empty number leaves room to number by hand: "     /BC-UBND".
pub fn number_text(so: &str) -> String {
    if so.trim().is_empty() {
        "     /BC-UBND".into()
    } else {
        so.to_string()
    }
}

/// The commune's header block (UBND xã …).
pub fn commune_header(info: &DossierInfo) -> HeaderBlock {
    HeaderBlock {
        parent_agency: String::new(),
        agency: vec![
            "ỦY BAN NHÂN DÂN".into(),
            format!("{} {}", info.don_vi.loai, info.don_vi.xa).to_uppercase(),
        ],
        number: format!("Số: {}", number_text(&info.van_ban.so)),
        subject_vv: None,
        place_date: format!("{}, {}", info.van_ban.dia_danh, info.van_ban.ngay.words()),
    }
}

/// The issuing commune, for documents' metadata ("UBND xã Tân Phúc").
pub fn author(info: &DossierInfo) -> String {
    format!("UBND {} {}", info.don_vi.loai, info.don_vi.xa)
}

pub fn signature(info: &DossierInfo) -> Signature {
    Signature {
        authority: info.nguoi_ky.tham_quyen.to_uppercase(),
        title: info.nguoi_ky.chuc_vu.to_uppercase(),
        hint: String::new(),
        name: info.nguoi_ky.ho_ten.clone(),
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

pub use crate::text::file_part;
