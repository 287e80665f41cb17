//! Criteria sets (bộ tiêu chí) loaded from the TOML files in `forms/` — embedded in the binary, plus
//! any folder given with `--forms` / `HOSO_FORMS` — validated once into [`CriteriaSet`].
//! Later stages trust these types: every target parses, codes are unique, parents and groups exist.

pub mod chains;
pub mod frequency;
pub mod listforms;
pub mod target;
mod tiers;

/// Villages (thôn) inside a commune dossier: where they are and what a commune indicator may be
/// computed from.
pub mod villages {
    /// The measures the villages give: villages that meet the set, all villages, villages that do
    /// not, the share that meet it, and the fewest conditions met by any other village (those that
    /// do not meet the set: "tất cả các thôn còn lại ít nhất có 02 hoạt động" is `≥ 02` of it; with
    /// no other village, every condition).
    pub const MEASURES: &[&str] = &[
        "so_thon_dat",
        "so_thon",
        "so_thon_khong_dat",
        "ty_le_thon_dat",
        "dieu_kien_dat_it_nhat_thon_con_lai",
    ];

    /// The folder of the villages inside a commune dossier.
    pub const FOLDER: &str = "thon";
}

use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
pub use target::{Target, Value};
use tiers::higher_texts;
pub use tiers::HigherTexts;

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

// ---- raw file format (forms/README.md) ----

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSet {
    id: String,
    title: String,
    level: SetLevel,
    kind: SetKind,
    source: String,
    #[serde(default)]
    legal_basis: Vec<String>,
    quy_trinh: Option<String>,
    higher_levels: Option<HigherTexts>,
    deadline: Option<String>,
    #[serde(default)]
    notes: Vec<String>,
    recognition: RawRecognition,
    groups: Vec<RawGroup>,
    indicators: Vec<RawIndicator>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRecognition {
    rule: String,
    min_share: Option<String>,
    min_count: Option<usize>,
    #[serde(default)]
    basis: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawGroup {
    code: String,
    name: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawIndicator {
    code: String,
    group: String,
    name: String,
    unit: String,
    target: Option<String>,
    target_source: Option<TargetSource>,
    #[serde(default)]
    targets_by_year: BTreeMap<String, String>,
    #[serde(default)]
    targets_by_group: BTreeMap<String, String>,
    requirement: String,
    guidance: Vec<String>,
    evidence: Vec<String>,
    computed_from: Option<ComputedFrom>,
    #[serde(default)]
    optional: bool,
    parent: Option<String>,
    note: Option<String>,
}

use crate::text::nfc;

/// Parses and validates one set file. Errors name the file, the indicator and what is wrong.
pub fn parse_set(origin: &str, text: &str) -> Result<CriteriaSet, String> {
    let raw: RawSet = toml::from_str(text)
        .map_err(|e| format!("{origin}: tệp bộ tiêu chí không hợp lệ: {}", e.message()))?;
    let err = |code: &str, what: String| format!("{origin}: chỉ tiêu {code}: {what}");
    if raw.id.is_empty()
        || !raw
            .id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
    {
        return Err(format!(
            "{origin}: id \"{}\" chỉ được gồm chữ thường không dấu, chữ số và dấu '-'",
            raw.id
        ));
    }
    if raw.title.trim().is_empty() {
        return Err(format!("{origin}: thiếu title (tên bộ tiêu chí)"));
    }
    let deadline = match &raw.deadline {
        None => None,
        Some(d) => {
            let (m, day) = d
                .split_once('-')
                .and_then(|(m, d)| Some((m.parse::<u32>().ok()?, d.parse::<u32>().ok()?)))
                .filter(|(m, d)| (1..=12).contains(m) && (1..=31).contains(d))
                .ok_or_else(|| format!("{origin}: deadline \"{d}\" phải có dạng MM-DD"))?;
            Some((m, day))
        }
    };
    let recognition = match raw.recognition.rule.as_str() {
        "all" => Recognition::All,
        "min_share" => {
            let p = raw.recognition.min_share.clone().ok_or_else(|| {
                format!("{origin}: recognition.rule = \"min_share\" cần min_share")
            })?;
            Target::parse(&p, true).map_err(|e| format!("{origin}: recognition.min_share: {e}"))?;
            Recognition::MinShare { percent: p }
        }
        "min_count" => Recognition::MinCount {
            count: raw.recognition.min_count.ok_or_else(|| {
                format!("{origin}: recognition.rule = \"min_count\" cần min_count")
            })?,
        },
        other => {
            return Err(format!(
                "{origin}: recognition.rule \"{other}\" không hợp lệ (all | min_share | min_count)"
            ))
        }
    };
    if raw.groups.is_empty() {
        return Err(format!(
            "{origin}: bộ tiêu chí không có nhóm nào ([[groups]])"
        ));
    }
    let mut group_codes = BTreeSet::new();
    for g in &raw.groups {
        if !group_codes.insert(g.code.clone()) {
            return Err(format!("{origin}: nhóm {} bị trùng", g.code));
        }
    }
    if raw.indicators.is_empty() {
        return Err(format!(
            "{origin}: bộ tiêu chí không có chỉ tiêu nào ([[indicators]])"
        ));
    }
    let mut seen = BTreeSet::new();
    let mut indicators: Vec<Indicator> = Vec::new();
    for r in raw.indicators {
        let code = nfc(r.code.trim());
        if code.is_empty() || code.chars().any(char::is_whitespace) {
            return Err(err(&code, "mã chỉ tiêu trống hoặc có khoảng trắng".into()));
        }
        if !seen.insert(code.clone()) {
            return Err(err(&code, "mã chỉ tiêu bị trùng".into()));
        }
        if !group_codes.contains(&r.group) {
            return Err(err(
                &code,
                format!("nhóm \"{}\" không có trong [[groups]]", r.group),
            ));
        }
        if r.name.trim().is_empty() {
            return Err(err(&code, "thiếu tên chỉ tiêu (name)".into()));
        }
        if let Some(p) = &r.parent {
            if !indicators.iter().any(|i| &i.code == p) {
                return Err(err(
                    &code,
                    format!("chỉ tiêu cha \"{p}\" không có hoặc đứng sau chỉ tiêu con"),
                ));
            }
        }
        let percent = r.unit.trim() == "%";
        let target = match &r.target {
            Some(t) => Some(
                Target::parse(t, percent)
                    .map_err(|e| err(&code, format!("chỉ tiêu \"{t}\" không đọc được: {e}")))?,
            ),
            None => None,
        };
        let mut by_year = BTreeMap::new();
        for (y, t) in &r.targets_by_year {
            let year: i32 = y.parse().map_err(|_| {
                err(
                    &code,
                    format!("năm \"{y}\" trong targets_by_year không hợp lệ"),
                )
            })?;
            let t = Target::parse(t, percent)
                .map_err(|e| err(&code, format!("chỉ tiêu năm {year} \"{t}\": {e}")))?;
            by_year.insert(year, t);
        }
        let mut by_group = BTreeMap::new();
        for (g, t) in &r.targets_by_group {
            if g.trim().is_empty() {
                return Err(err(&code, "targets_by_group có nhóm trống".into()));
            }
            let t = Target::parse(t, percent)
                .map_err(|e| err(&code, format!("chỉ tiêu nhóm {g} \"{t}\": {e}")))?;
            by_group.insert(g.trim().to_string(), t);
        }
        if !by_group.is_empty() && (target.is_some() || !by_year.is_empty()) {
            return Err(err(
                &code,
                "targets_by_group không dùng cùng target hay targets_by_year".into(),
            ));
        }
        let target_source = match (
            r.target_source,
            &target,
            by_year.is_empty() && by_group.is_empty(),
        ) {
            (Some(TargetSource::Set), None, true) => {
                return Err(err(
                    &code,
                    "target_source = \"set\" nhưng không có target".into(),
                ))
            }
            (Some(s), Some(_), _) if s != TargetSource::Set => {
                return Err(err(
                    &code,
                    "có target cố định nhưng target_source không phải \"set\"".into(),
                ))
            }
            (Some(s), _, _) => s,
            (None, Some(_), _) => TargetSource::Set,
            (None, None, false) => TargetSource::Set,
            (None, None, true) => TargetSource::Dossier,
        };
        if let Some(c) = &r.computed_from {
            if c.form.is_empty() == c.thon.is_empty() || c.measure.is_empty() {
                return Err(err(
                    &code,
                    "computed_from cần form (mẫu danh sách) hoặc thon (bộ tiêu chí thôn), và measure".into(),
                ));
            }
            if !c.thon.is_empty() && !villages::MEASURES.contains(&c.measure.as_str()) {
                return Err(err(
                    &code,
                    format!(
                        "computed_from.measure \"{}\" không có; dùng {}",
                        c.measure,
                        villages::MEASURES.join(", ")
                    ),
                ));
            }
        }
        indicators.push(Indicator {
            code: code.clone(),
            group: r.group,
            name: nfc(r.name.trim()),
            unit: nfc(r.unit.trim()),
            target,
            target_source,
            targets_by_year: by_year,
            targets_by_group: by_group,
            requirement: nfc(r.requirement.trim()),
            guidance: r.guidance.iter().map(|s| nfc(s.trim())).collect(),
            evidence: r.evidence.iter().map(|s| nfc(s.trim())).collect(),
            computed_from: r.computed_from,
            optional: r.optional,
            parent: r.parent,
            note: r.note,
            children: Vec::new(),
        });
    }
    // Derive children; a parent belongs to the same group as its sub-conditions.
    let links: Vec<(String, String)> = indicators
        .iter()
        .filter_map(|i| i.parent.clone().map(|p| (p, i.code.clone())))
        .collect();
    for (p, c) in links {
        if let Some(parent) = indicators.iter_mut().find(|i| i.code == p) {
            parent.children.push(c);
        }
    }
    let legal_basis: Vec<String> = raw.legal_basis.iter().map(|s| nfc(s)).collect();
    let higher = higher_texts(
        raw.higher_levels.unwrap_or_default(),
        &raw.title,
        &legal_basis,
    );
    Ok(CriteriaSet {
        id: raw.id,
        title: nfc(&raw.title),
        quy_trinh: raw.quy_trinh.unwrap_or_else(|| "thanh-hoa-2023".into()),
        higher,
        level: raw.level,
        kind: raw.kind,
        source: raw.source,
        legal_basis,
        deadline,
        notes: raw.notes.iter().map(|s| nfc(s)).collect(),
        recognition,
        recognition_basis: nfc(&raw.recognition.basis),
        groups: raw
            .groups
            .into_iter()
            .map(|g| Group {
                code: g.code,
                name: nfc(&g.name),
            })
            .collect(),
        indicators,
        yearly: BTreeMap::new(),
        origin: origin.to_string(),
    })
}

/// Parses `targets/<id>.toml`: `[2024]` tables of `"code" = "target"`, checked against the set.
pub fn parse_yearly(
    origin: &str,
    text: &str,
    set: &CriteriaSet,
) -> Result<BTreeMap<i32, BTreeMap<String, Target>>, String> {
    let raw: BTreeMap<String, BTreeMap<String, String>> = toml::from_str(text).map_err(|e| {
        format!(
            "{origin}: tệp chỉ tiêu theo năm không hợp lệ: {}",
            e.message()
        )
    })?;
    let mut out = BTreeMap::new();
    for (y, codes) in raw {
        let year: i32 = y
            .parse()
            .map_err(|_| format!("{origin}: \"{y}\" không phải là năm"))?;
        let mut m = BTreeMap::new();
        for (code, t) in codes {
            let ind = set.indicator(&code).ok_or_else(|| {
                format!(
                    "{origin}: năm {year}: bộ {} không có chỉ tiêu {code}",
                    set.id
                )
            })?;
            if ind.target.is_some() {
                return Err(format!("{origin}: năm {year}: chỉ tiêu {code} đã có chỉ tiêu cố định trong bộ tiêu chí"));
            }
            let t = Target::parse(&t, ind.percent_unit())
                .map_err(|e| format!("{origin}: năm {year}: chỉ tiêu {code}: {e}"))?;
            m.insert(code, t);
        }
        out.insert(year, m);
    }
    Ok(out)
}

/// Every criteria set known to this run, by id.
#[derive(Debug, Default)]
pub struct Catalog {
    pub sets: BTreeMap<String, CriteriaSet>,
}

impl Catalog {
    /// Loads the embedded sets, then those in `extra` (which replace built-in sets of the same id).
    pub fn load(extra: Option<&Path>) -> Result<Catalog, String> {
        let files: Vec<(String, String)> = crate::forms::all(extra)?
            .into_iter()
            .map(|f| (f.origin, f.text))
            .collect();
        let mut cat = Catalog::default();
        let kind = |name: &str| {
            name.rsplit("::")
                .next()
                .unwrap_or(name)
                .trim_start_matches("forms/")
                .to_string()
        };
        for (origin, text) in &files {
            let rel = kind(origin);
            if rel.starts_with("sets/")
                || (!rel.contains('/')
                    && !matches!(
                        rel.as_str(),
                        "list-forms.toml"
                            | "reports.toml"
                            | "levels.toml"
                            | "layout.toml"
                            | "narrative.toml"
                    ))
            {
                let set = parse_set(origin, text)?;
                cat.sets.insert(set.id.clone(), set);
            }
        }
        for (origin, text) in &files {
            let rel = kind(origin);
            if let Some(name) = rel
                .strip_prefix("targets/")
                .and_then(|n| n.strip_suffix(".toml"))
            {
                let set = cat
                    .sets
                    .get_mut(name)
                    .ok_or_else(|| format!("{origin}: không có bộ tiêu chí \"{name}\""))?;
                let yearly = parse_yearly(origin, text, set)?;
                for (y, m) in yearly {
                    set.yearly.entry(y).or_default().extend(m);
                }
            }
        }
        Ok(cat)
    }

    pub fn get(&self, id: &str) -> Result<&CriteriaSet, String> {
        self.sets.get(id).ok_or_else(|| {
            format!(
                "Không có bộ tiêu chí \"{id}\". Các bộ tiêu chí có sẵn: {}",
                self.sets.keys().cloned().collect::<Vec<_>>().join(", ")
            )
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MINI: &str = r#"
id = "mini"
title = "Bộ thử"
level = "xa"
kind = "ntm"
source = "x"
[recognition]
rule = "all"
[[groups]]
code = "8"
name = "Thông tin và Truyền thông"
[[indicators]]
code = "8.4"
group = "8"
name = "Ứng dụng CNTT"
unit = ""
requirement = ""
guidance = []
evidence = []
[[indicators]]
code = "8.4a"
group = "8"
name = "Máy tính"
unit = "%"
target = "tối thiểu 50%"
requirement = ""
guidance = []
evidence = []
parent = "8.4"
"#;

    #[test]
    fn loads_a_small_set_and_derives_children() {
        let s = parse_set("mini.toml", MINI).unwrap();
        assert_eq!(
            s.indicator("8.4").unwrap().children,
            vec!["8.4a".to_string()]
        );
        assert_eq!(
            s.indicator("8.4a").unwrap().target_source,
            TargetSource::Set
        );
        assert_eq!(
            s.indicator("8.4").unwrap().target_source,
            TargetSource::Dossier
        );
    }

    #[test]
    fn refuses_bad_files_naming_file_and_indicator() {
        let dup = MINI.replace("code = \"8.4a\"", "code = \"8.4\"");
        let e = parse_set("dup.toml", &dup).unwrap_err();
        assert!(
            e.contains("dup.toml") && e.contains("8.4") && e.contains("trùng"),
            "{e}"
        );
        let bad = MINI.replace("tối thiểu 50%", "khoảng một nửa");
        let e = parse_set("bad.toml", &bad).unwrap_err();
        assert!(
            e.contains("bad.toml") && e.contains("8.4a") && e.contains("khoảng một nửa"),
            "{e}"
        );
        let missing = MINI.replace("name = \"Máy tính\"\n", "");
        let e = parse_set("missing.toml", &missing).unwrap_err();
        assert!(e.contains("missing.toml") && e.contains("name"), "{e}");
        let orphan = MINI.replace("parent = \"8.4\"", "parent = \"9.9\"");
        assert!(parse_set("o.toml", &orphan).unwrap_err().contains("9.9"));
    }
}
