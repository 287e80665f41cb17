//! What a set says for the administration's levels (issue 13): how the higher levels' forms name
//! it (`[higher_levels]`: legal basis, criterion) and targets given per commune group
//! (`targets_by_group`, chosen by hoso.toml's `nhom_xa`).

use super::{CriteriaSet, Indicator, Target};
use crate::problem::messages::criteria as msg;
use crate::problem::Problem;
use crate::text::nfc;
use serde::Deserialize;

/// How the higher levels' forms name this set (`[higher_levels]` of a set file): the legal
/// basis their preamble cites, and the criterion's name in their sentences.
#[derive(Clone, Debug, Default, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct HigherTexts {
    /// "Thực hiện {basis}; …" (default: every legal basis of the set).
    #[serde(default)]
    pub basis: Vec<String>,
    /// Subjects and parts: "hoàn thành {criteria} cho năm …" (default: the set's short title).
    #[serde(default)]
    pub criteria: String,
    /// Annex titles: "KẾT QUẢ THẨM ĐỊNH CHI TIẾT THỰC HIỆN {CRITERION} CHO …".
    #[serde(default)]
    pub criterion: String,
    /// Conclusions: "đã hoàn thành 36/37 {counted} năm …".
    #[serde(default)]
    pub counted: String,
}

impl CriteriaSet {
    /// The target of a set that gives it per commune group, for the dossier's `nhom_xa`.
    /// `None`: not given per group; `Err`: the group is missing or unknown (naming the indicator).
    pub fn group_target(&self, ind: &Indicator, nhom: &str) -> Option<Result<Target, Problem>> {
        if ind.targets_by_group.is_empty() {
            return None;
        }
        let groups = ind
            .targets_by_group
            .iter()
            .map(|(g, t)| msg::group_target_item(g, &t.display()))
            .collect::<Vec<_>>()
            .join("; ");
        let nhom = nhom.trim();
        Some(match ind.targets_by_group.get(nhom) {
            Some(t) => Ok(t.clone()),
            None if nhom.is_empty() => {
                let example = ind.targets_by_group.keys().next().cloned();
                Err(msg::group_missing(
                    &ind.code,
                    &groups,
                    &example.unwrap_or_default(),
                ))
            }
            None => Err(msg::group_unknown(&ind.code, nhom, &groups)),
        })
    }
}

/// The higher levels' names for a set: what the file gives, else its legal basis and its title
/// without the " — tỉnh …" tail ("chỉ tiêu thuộc …" where indicators are counted).
pub(super) fn higher_texts(h: HigherTexts, title: &str, legal_basis: &[String]) -> HigherTexts {
    let short = nfc(title.split(" — ").next().unwrap_or(title).trim());
    let or = |s: String, d: &str| {
        if s.trim().is_empty() {
            d.to_string()
        } else {
            nfc(s.trim())
        }
    };
    HigherTexts {
        basis: if h.basis.is_empty() {
            legal_basis.to_vec()
        } else {
            h.basis.iter().map(|s| nfc(s)).collect()
        },
        criteria: or(h.criteria, &short),
        criterion: or(h.criterion, &short),
        counted: or(h.counted, &format!("chỉ tiêu thuộc {short}")),
    }
}

#[cfg(test)]
mod tests {
    use super::super::Catalog;

    #[test]
    fn sets_name_themselves_for_the_higher_levels() {
        let c = Catalog::load().unwrap();
        let th = &c.get("thanh-hoa-cds-xa").unwrap().higher;
        assert_eq!(th.counted, "Tiêu chí chuyển đổi số cấp xã");
        assert_eq!(th.basis.len(), 1);
        assert!(th.basis[0].starts_with("Quyết định số 1829/QĐ-UBND"));
        let hn = &c.get("ha-nam-ntm-xa").unwrap().higher;
        assert_eq!(
            hn.criteria,
            "Tiêu chí thông tin và truyền thông về xã nông thôn mới"
        );
        assert!(hn.counted.starts_with("chỉ tiêu thuộc Tiêu chí thông tin"));
        assert!(hn.basis[0].starts_with("Quyết định số 43/2022/QĐ-UBND"));
        assert!(!hn.basis.iter().any(|b| b.contains("1829")));
    }

    #[test]
    fn a_group_target_needs_the_dossiers_group() {
        let text = r#"id = "nhom"
title = "Thử"
level = "xa"
kind = "ntm"
source = "thử"
[recognition]
rule = "all"
[[groups]]
code = "1"
name = "Nhóm"
[[indicators]]
code = "1.1"
group = "1"
name = "Tỷ lệ"
unit = "%"
targets_by_group = { "1" = "≥ 80%", "2" = "≥ 70%" }
requirement = ""
guidance = []
evidence = []
"#;
        let s = super::super::parse_set("thu.toml", text).unwrap();
        let i = &s.indicators[0];
        assert_eq!(s.group_target(i, "2").unwrap().unwrap().display(), "≥ 70%");
        let e = s.group_target(i, "").unwrap().unwrap_err();
        assert_eq!(e.indicator.as_deref(), Some("1.1"));
        assert_eq!(e.file.as_deref(), Some("hoso.toml"));
        assert!(e.text().contains("nhom_xa = \"1\""), "{}", e.text());
        let e = s.group_target(i, "3").unwrap().unwrap_err();
        assert!(e.message.contains("\"3\"") && e.message.contains("nhóm 2: ≥ 70%"));
        assert_eq!(e.fix.as_deref(), Some("sửa nhom_xa trong hoso.toml"));
        let both = text.replace("unit = \"%\"", "unit = \"%\"\ntarget = \"≥ 50%\"");
        assert!(super::super::parse_set("thu.toml", &both).is_err());
    }
}
