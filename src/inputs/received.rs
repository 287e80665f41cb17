//! What a higher level reads from the packages it received: each commune's (and district's)
//! `ket-qua.json` figures and what verifying the package found, and the names of units as the
//! forms write them. The packages themselves are found and verified by `pipeline::levels`.

use crate::problem::Problem;
use crate::text::fold_tight;
use serde::{Deserialize, Serialize};

/// A package that could not be used, and why (each message names the file).
#[derive(Clone, Debug, Serialize)]
pub struct Failure {
    pub package: String,
    #[serde(serialize_with = "crate::problem::serialize_texts")]
    pub problems: Vec<Problem>,
}

impl Failure {
    pub fn new(package: &str, problems: Vec<Problem>) -> Failure {
        Failure {
            package: package.to_string(),
            problems,
        }
    }
}

/// One indicator as a `ket-qua.json` gives it (a commune's, or a level's per-commune list).
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
pub struct Ind {
    pub code: String,
    #[serde(default)]
    pub parent: Option<String>,
    #[serde(default)]
    pub group: String,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub unit: String,
    #[serde(default)]
    pub target: String,
    #[serde(default)]
    pub value: String,
    #[serde(default)]
    pub evaluation: String,
    #[serde(default)]
    pub note: String,
    /// In a level's ket-qua.json: the commune's own figure beside the district's.
    #[serde(default)]
    pub xa: Option<Fig>,
    /// In a level's ket-qua.json: this level's figure differs from the one below.
    #[serde(default)]
    pub khac: bool,
}

/// A figure and its evaluation at one level.
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
pub struct Fig {
    #[serde(default)]
    pub value: String,
    #[serde(default)]
    pub evaluation: String,
}

/// What verification found in an intact package.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Checked {
    pub sha256: String,
    pub files: usize,
    pub evidence: usize,
    pub signed_pdfs: usize,
    pub unsigned_pdfs: usize,
    /// The generated documents (`data/ho-so/*.pdf`) and their signatures, by name.
    pub documents: Vec<(String, Vec<crate::evidence::signers::Signature>)>,
    /// Evidence PDFs (`data/minh-chung/…`): all, and those signed.
    pub evidence_pdfs: usize,
    pub evidence_signed: usize,
}

impl Checked {
    /// Whether the package's Mẫu 01 (its report) carries a valid signature.
    pub fn report_signed(&self) -> bool {
        self.documents
            .iter()
            .any(|(n, s)| n.starts_with("Mau01") && !s.is_empty())
    }
}

/// The district's view of a commune, read from a district package (bcd and so levels).
#[derive(Clone, Debug)]
pub struct District {
    pub zip_name: String,
    pub checked: Checked,
    pub so: String,
    pub ngay: String,
    pub huyen: String,
    /// The district's figure for each indicator (value/evaluation are the district's).
    pub indicators: Vec<Ind>,
}

/// A commune whose package is intact and of the dossier's set and year.
#[derive(Clone, Debug)]
pub struct Commune {
    pub tinh: String,
    pub huyen: String,
    pub xa: String,
    pub loai: String,
    /// The zip's name as received.
    pub zip_name: String,
    pub checked: Checked,
    /// The commune's report number and date.
    pub so: String,
    pub ngay: String,
    /// The commune's self-assessment.
    pub indicators: Vec<Ind>,
    /// Problems the commune's own check recorded (a draft built with --cho-phep-thieu).
    pub errors: Vec<String>,
    pub warnings: Vec<String>,
    pub district: Option<District>,
}

impl Commune {
    /// Names a tham-dinh / tham-tra / noi-dung file may carry for this commune (folded).
    pub fn keys(&self) -> Vec<String> {
        let h = strip_unit_word(&self.huyen);
        vec![
            fold_tight(&self.xa),
            fold_tight(&format!("{} {}", self.loai, self.xa)),
            fold_tight(&format!("{h} {}", self.xa)),
            fold_tight(&format!("{h} {} {}", self.loai, self.xa)),
        ]
    }
    /// The commune's label in messages: "xã Tân Phúc (huyện Hoằng Hóa)".
    pub fn label(&self) -> String {
        format!(
            "{} {} ({})",
            self.loai,
            self.xa,
            district_label(&self.huyen)
        )
    }
}

/// "Hoằng Hóa" → "huyện Hoằng Hóa"; "thị xã Bỉm Sơn" and "thành phố Sầm Sơn" stay as written.
pub fn district_label(huyen: &str) -> String {
    let f = crate::text::fold(huyen);
    if ["huyen ", "thi xa ", "thanh pho ", "quan "]
        .iter()
        .any(|p| f.starts_with(p))
    {
        let mut c = huyen.trim().chars();
        match c.next() {
            Some(first) => first.to_lowercase().collect::<String>() + c.as_str(),
            None => String::new(),
        }
    } else {
        format!("huyện {}", huyen.trim())
    }
}

/// The district's name as written, without "huyện"/"thị xã"/"thành phố"/"quận" before it.
pub fn district_name(huyen: &str) -> String {
    let f = crate::text::fold(huyen);
    for (p, words) in [
        ("huyen ", 1),
        ("thi xa ", 2),
        ("thanh pho ", 2),
        ("quan ", 1),
    ] {
        if f.starts_with(p) {
            return huyen
                .split_whitespace()
                .skip(words)
                .collect::<Vec<_>>()
                .join(" ");
        }
    }
    huyen.trim().to_string()
}

/// The district's name without "huyện"/"thị xã"/"thành phố", folded: to compare districts.
pub fn strip_unit_word(huyen: &str) -> String {
    let f = crate::text::fold(huyen);
    for p in ["huyen ", "thi xa ", "thanh pho ", "quan "] {
        if let Some(r) = f.strip_prefix(p) {
            return r.replace(' ', "");
        }
    }
    f.replace(' ', "")
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn a_communes_record_and_a_levels_record() {
        let own: Vec<Ind> = serde_json::from_str(
            r#"[{"code": "1.1", "value": "Có", "evaluation": "dat", "extra": 1},
                {"code": "8.4a", "parent": "8.4", "xa": {"value": "50%"}, "khac": true}]"#,
        )
        .unwrap();
        assert_eq!(own[0].evaluation, "dat");
        assert_eq!(own[1].parent.as_deref(), Some("8.4"));
        assert_eq!(own[1].xa.as_ref().map(|f| f.value.as_str()), Some("50%"));
        assert!(serde_json::from_str::<Vec<Ind>>(r#"[{"value": "Có"}]"#).is_err());
    }

    #[test]
    fn unit_names_as_the_forms_write_them() {
        assert_eq!(district_label("Hoằng Hóa"), "huyện Hoằng Hóa");
        assert_eq!(district_label("Thị xã Bỉm Sơn"), "thị xã Bỉm Sơn");
        assert_eq!(district_name("thành phố Sầm Sơn"), "Sầm Sơn");
        assert_eq!(
            strip_unit_word("Huyện Hoằng Hóa"),
            strip_unit_word("hoằng hóa")
        );
    }

    fn text() -> impl Strategy<Value = String> {
        "\\PC{0,8}"
    }

    fn ind() -> impl Strategy<Value = Ind> {
        (
            (text(), prop::option::of(text()), text(), text()),
            (text(), text(), text(), text(), text()),
            (prop::option::of((text(), text())), any::<bool>()),
        )
            .prop_map(
                |(
                    (code, parent, group, name),
                    (unit, target, value, evaluation, note),
                    (xa, khac),
                )| Ind {
                    code,
                    parent,
                    group,
                    name,
                    unit,
                    target,
                    value,
                    evaluation,
                    note,
                    xa: xa.map(|(value, evaluation)| Fig { value, evaluation }),
                    khac,
                },
            )
    }

    proptest! {
        #[test]
        fn records_round_trip(list in prop::collection::vec(ind(), 0..5)) {
            let json = serde_json::to_string(&list).unwrap();
            let back: Vec<Ind> = serde_json::from_str(&json).unwrap();
            prop_assert_eq!(serde_json::to_string(&back).unwrap(), json);
        }

        #[test]
        fn any_json_is_read_or_refused(s in "\\PC{0,120}", keys in prop::collection::vec(
            (prop::sample::select(vec!["code", "parent", "value", "xa", "khac", "evaluation", "x"]),
             prop::sample::select(vec!["\"1.1\"", "null", "1", "true", "{}", "[]", "{\"value\": 2}"])), 0..6)) {
            let _ = serde_json::from_str::<Vec<Ind>>(&s);
            let obj: Vec<String> = keys.iter().map(|(k, v)| format!("\"{k}\": {v}")).collect();
            let json = format!("[{{{}}}]", obj.join(", "));
            if let Ok(v) = serde_json::from_str::<Vec<Ind>>(&json) {
                prop_assert_eq!(v.len(), 1);
                prop_assert!(keys.iter().any(|(k, _)| *k == "code"));
            }
        }
    }
}
