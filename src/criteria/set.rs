//! A criteria set as the rest of hoso reads it: the set, its groups and indicators, where each
//! target comes from, and how the whole set is recognised. Built only by `load::parse_set`, so
//! every target parses, codes are unique, and parents and groups exist.

use super::target::Target;
use super::tiers::HigherTexts;
use serde::Deserialize;
use std::collections::BTreeMap;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SetLevel {
    Xa,
    Huyen,
    Thon,
}

impl SetLevel {
    pub fn label(self) -> &'static str {
        match self {
            SetLevel::Xa => "xã",
            SetLevel::Huyen => "huyện",
            SetLevel::Thon => "thôn",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SetKind {
    /// Thanh Hóa digital-transformation criteria: Mẫu 01–04 with Phụ lục 01–03.
    Cds,
    /// A criterion of the new-rural-area sets (tiêu chí 8 …).
    Ntm,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum TargetSource {
    /// Fixed by the seed.
    Set,
    /// Assigned every year: `targets/<id>.toml` or the dossier.
    Yearly,
    /// The seed gives none: the dossier's `Chỉ tiêu` column must.
    Dossier,
}

#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(tag = "rule", rename_all = "snake_case")]
pub enum Recognition {
    All,
    MinShare { percent: String },
    MinCount { count: usize },
}

#[derive(Clone, Debug, serde::Serialize)]
pub struct Group {
    pub code: String,
    pub name: String,
}

#[derive(Clone, Debug, Deserialize, serde::Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct ComputedFrom {
    /// A list form (`1.4`) …
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub form: String,
    /// … or the villages assessed against a village set (`thon = "lang-son-thon-thong-minh"`).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub thon: String,
    pub measure: String,
}

impl ComputedFrom {
    /// The code of the measures it reads: the list form's, or `thon:<village set>`.
    pub fn source(&self) -> String {
        if self.thon.is_empty() {
            self.form.clone()
        } else {
            format!("thon:{}", self.thon)
        }
    }
}

#[derive(Clone, Debug, serde::Serialize)]
pub struct Indicator {
    pub code: String,
    pub group: String,
    pub name: String,
    pub unit: String,
    pub target: Option<Target>,
    pub target_source: TargetSource,
    pub targets_by_year: BTreeMap<i32, Target>,
    /// Targets per commune group (`nhom_xa` in hoso.toml): group → target.
    pub targets_by_group: BTreeMap<String, Target>,
    pub requirement: String,
    pub guidance: Vec<String>,
    pub evidence: Vec<String>,
    pub computed_from: Option<ComputedFrom>,
    pub optional: bool,
    pub parent: Option<String>,
    pub note: Option<String>,
    /// Codes of the sub-conditions, in order (derived).
    pub children: Vec<String>,
}

impl Indicator {
    pub fn percent_unit(&self) -> bool {
        self.unit.trim() == "%"
    }
}

#[derive(Clone, Debug, serde::Serialize)]
pub struct CriteriaSet {
    pub id: String,
    pub title: String,
    pub level: SetLevel,
    pub kind: SetKind,
    pub source: String,
    pub legal_basis: Vec<String>,
    /// The default chain of levels (forms/chains/<id>.toml).
    pub quy_trinh: String,
    pub higher: HigherTexts,
    /// (month, day) of the yearly deadline.
    pub deadline: Option<(u32, u32)>,
    pub notes: Vec<String>,
    pub recognition: Recognition,
    pub recognition_basis: String,
    pub groups: Vec<Group>,
    pub indicators: Vec<Indicator>,
    /// Targets assigned per year (`targets/<id>.toml`): year → code → target.
    pub yearly: BTreeMap<i32, BTreeMap<String, Target>>,
    /// Where the set was loaded from (for messages).
    pub origin: String,
}

impl CriteriaSet {
    pub fn indicator(&self, code: &str) -> Option<&Indicator> {
        self.indicators.iter().find(|i| i.code == code)
    }

    /// Top-level indicators (no parent), the ones counted in N/M.
    pub fn top_level(&self) -> impl Iterator<Item = &Indicator> {
        self.indicators.iter().filter(|i| i.parent.is_none())
    }

    /// `code` and every indicator below it, parents before children.
    pub fn family(&self, code: &str) -> Vec<String> {
        let mut family = vec![code.to_string()];
        let mut i = 0;
        while i < family.len() {
            let c = family[i].clone();
            family.extend(
                self.indicators
                    .iter()
                    .filter(|x| x.parent.as_deref() == Some(&c))
                    .map(|x| x.code.clone()),
            );
            i += 1;
        }
        family
    }

    /// The target the set itself gives for `year` (fixed, year table, or yearly file).
    pub fn set_target(&self, ind: &Indicator, year: i32) -> Option<Target> {
        if let Some(t) = &ind.target {
            return Some(t.clone());
        }
        if let Some(t) = ind.targets_by_year.get(&year) {
            return Some(t.clone());
        }
        self.yearly
            .get(&year)
            .and_then(|m| m.get(&ind.code))
            .cloned()
    }
}
