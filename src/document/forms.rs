//! The report forms' texts (`forms/reports.toml`), loaded once: Mẫu 01 and Phụ lục 01 for each kind
//! of set, and the bảng kê. Builders take every fixed sentence from here.

use crate::criteria::{CriteriaSet, SetKind};
use crate::inputs::narrative::Guide;
use serde::Deserialize;

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Mau01 {
    pub kind: String,
    pub subject: String,
    #[serde(default)]
    pub preamble_basis: Option<String>,
    pub preamble: Vec<String>,
    /// The preamble where the commune has no district (two-tier administration).
    #[serde(default)]
    pub preamble_without_huyen: Option<Vec<String>>,
    pub part1: String,
    pub part1_sections: Vec<String>,
    pub part2: String,
    pub group_lines: Vec<String>,
    pub group_intro: String,
    pub indicator_heading: String,
    pub indicator_lines: Vec<String>,
    pub annex_reference: String,
    pub part3: String,
    pub part3_sections: Vec<String>,
    pub part4: String,
    pub part5: String,
    pub default_recipients: Vec<String>,
    /// A district assessing itself (a district-level set at cap = "huyen").
    #[serde(default)]
    pub default_recipients_huyen: Vec<String>,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Annex {
    pub label: String,
    pub title: String,
    pub attached: String,
    pub columns: Vec<String>,
    pub widths: Vec<f32>,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KindForms {
    pub mau01: Mau01,
    pub phuluc01: Annex,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BangKe {
    pub kind: String,
    pub subject: String,
    pub intro: String,
    pub columns: Vec<String>,
    pub widths: Vec<f32>,
}

/// The annex of the villages inside a commune (villages × conditions).
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VillageAnnex {
    pub label: String,
    pub title: String,
    pub attached: String,
    pub first_columns: Vec<String>,
    pub last_column: String,
    /// Widths of the first two columns and of the last; the conditions share the rest.
    pub widths: Vec<f32>,
    pub totals: String,
    pub legend: String,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Reports {
    pub cds: KindForms,
    pub ntm: KindForms,
    pub bang_ke: BangKe,
    pub thon: VillageAnnex,
}

/// `forms/reports.toml`.
pub static REPORTS: crate::forms::Table<Reports> = crate::forms::Table::new("reports.toml");

pub fn reports() -> &'static Reports {
    REPORTS.get()
}

pub fn for_set(set: &CriteriaSet) -> &'static KindForms {
    match set.kind {
        SetKind::Cds => &reports().cds,
        SetKind::Ntm => &reports().ntm,
    }
}

/// `forms/narrative.toml`.
pub static NARRATIVE: crate::forms::Table<Guide> = crate::forms::Table::new("narrative.toml");

/// The narrative's hints and the models' shape (`forms/narrative.toml`).
pub fn narrative_guide() -> &'static Guide {
    NARRATIVE.get()
}

/// The narrative sections an officer writes in noi-dung.md, without their numbering.
pub fn narrative_headings(set: &CriteriaSet) -> Vec<String> {
    let m = &for_set(set).mau01;
    let strip = |s: &str| {
        let t = s.trim_start_matches(|c: char| {
            c.is_ascii_digit() || c == '.' || c == ' ' || matches!(c, 'I' | 'V')
        });
        let t = t.trim();
        // "NHIỆM VỤ, GIẢI PHÁP TIẾP THEO" → "Nhiệm vụ, giải pháp tiếp theo"
        if t.chars()
            .filter(|c| c.is_alphabetic())
            .all(char::is_uppercase)
        {
            let lower = t.to_lowercase();
            let mut c = lower.chars();
            c.next()
                .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
                .unwrap_or_default()
        } else {
            t.to_string()
        }
    };
    let mut out: Vec<String> = m.part1_sections.iter().map(|s| strip(s)).collect();
    out.extend(
        m.part3_sections
            .iter()
            .filter(|s| !s.starts_with("1. Đánh giá chung"))
            .map(|s| strip(s)),
    );
    out.push(strip(&m.part4));
    out.push(strip(&m.part5));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reports_load_and_columns_are_the_seeds() {
        let r = reports();
        assert_eq!(
            r.cds.phuluc01.columns,
            [
                "TT",
                "Tên chỉ tiêu",
                "Đơn vị tính",
                "Chỉ tiêu",
                "Kết quả",
                "Đánh giá (Đạt/Không đạt)",
                "Tài liệu minh chứng",
                "Ghi chú"
            ]
        );
        assert_eq!(r.cds.phuluc01.columns.len(), r.cds.phuluc01.widths.len());
        assert_eq!(r.bang_ke.columns.len(), r.bang_ke.widths.len());
    }
}
