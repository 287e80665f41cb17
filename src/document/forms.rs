//! The report forms' texts (`forms/reports.toml`), loaded once: what every document shares (quốc
//! hiệu, tiêu ngữ, number line, "Nơi nhận:"), Mẫu 01 and Phụ lục 01 for each kind of set, the words
//! around their data, the bảng kê and the village annex. Builders take every fixed sentence from
//! here and fill it with [`crate::text::fill`].

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
    /// Part III headings that only hold the sections under them (no narrative of their own).
    pub part3_parents: Vec<String>,
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
    pub total: String,
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

/// What every document shares, and the names hoso gives the units.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Common {
    pub national_name: String,
    pub motto: String,
    pub recipients_label: String,
    pub addressed_to: String,
    pub number: String,
    pub number_blank: String,
    pub report_notation: String,
    pub place_date: String,
    pub short_date: String,
    pub commune_agency: Vec<String>,
    pub commune_author: String,
    pub source_organization: String,
    pub source_organization_without_huyen: String,
    pub district: String,
    pub province: String,
    pub codes: String,
    pub none: String,
    pub annex_total: String,
}

/// hoso's words around the data of Mẫu 01, Phụ lục 01 and the list forms.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Words {
    pub report_title: String,
    pub no_value: String,
    pub sub_no_value: String,
    pub target_note: String,
    pub sub_line: String,
    pub in_progress_evaluation: String,
    pub in_progress: String,
    pub computed_from: String,
    pub list_form: String,
    pub villages_form: String,
    pub more_files: String,
    pub list_source: String,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Reports {
    pub common: Common,
    pub words: Words,
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

/// What every document shares (`[common]`).
pub fn common() -> &'static Common {
    &reports().common
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
            .filter(|s| !m.part3_parents.contains(s))
            .map(|s| strip(s)),
    );
    out.push(strip(&m.part4));
    out.push(strip(&m.part5));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The rule as a sequence of replacements, which the one pass must agree with when no value
    /// holds braces.
    fn sequential(template: &str, pairs: &[(&str, String)]) -> String {
        let mut s = template.to_string();
        for (k, v) in pairs {
            s = s.replace(&format!("{{{}}}", k.to_uppercase()), &v.to_uppercase());
            s = s.replace(&format!("{{{k}}}"), v);
        }
        s
    }

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
        for k in [&r.cds.mau01, &r.ntm.mau01] {
            assert!(k.part3_parents.iter().all(|p| k.part3_sections.contains(p)));
        }
        assert_eq!(r.common.national_name, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
        assert_eq!(r.common.motto, "Độc lập - Tự do - Hạnh phúc");
    }

    #[test]
    fn narrative_headings_leave_out_part3_parents() {
        let cat = crate::criteria::Catalog::load().unwrap();
        let h = narrative_headings(cat.get("thanh-hoa-cds-xa").unwrap());
        assert_eq!(
            h[0],
            "Công tác lãnh đạo, chỉ đạo tổ chức triển khai thực hiện"
        );
        assert!(h.contains(&"Thuận lợi".to_string()));
        assert!(!h.iter().any(|x| x.contains("Đánh giá chung")));
        assert_eq!(h.last().unwrap(), "Kiến nghị, đề xuất");
    }

    #[test]
    fn put_fills_keys_and_upper_case_keys_once() {
        let p = [("xa", "Tân Phúc".to_string()), ("n", "{xa}".to_string())];
        assert_eq!(
            crate::text::fill("{XA}: {xa} {n} {x} {", &p),
            "TÂN PHÚC: Tân Phúc {xa} {x} {"
        );
    }

    use proptest::prelude::*;

    proptest! {
        /// Where no value holds a brace, one pass gives what replacing key after key gives.
        #[test]
        fn put_agrees_with_fill_without_braces(
            tokens in proptest::collection::vec(
                prop_oneof![
                    Just("{a}".to_string()),
                    Just("{A}".to_string()),
                    Just("{b}".to_string()),
                    Just("{c}".to_string()),
                    "[^{}]{0,6}",
                ],
                0..8,
            ),
            a in "[^{}]{0,12}",
            b in "[^{}]{0,12}",
        ) {
            let template = tokens.concat();
            let pairs = [("a", a.clone()), ("b", b.clone())];
            prop_assert_eq!(crate::text::fill(&template, &pairs), sequential(&template, &pairs));
        }

        /// A value is printed as given, whatever it holds.
        #[test]
        fn values_are_never_templates(v in ".{0,20}") {
            let pairs = [("a", v.clone()), ("b", "B".to_string())];
            prop_assert_eq!(crate::text::fill("<{a}>", &pairs), format!("<{v}>"));
        }
    }
}
