//! Set files (`forms/sets/<id>.toml`, schema in forms/README.md) and yearly-target files
//! (`forms/targets/<id>.toml`) parsed and validated into [`CriteriaSet`]. What is wrong is a
//! [`Problem`] naming the file and, where there is one, the indicator.

#![allow(
    clippy::result_large_err,
    reason = "one problem per file or figure, returned once: boxing it would only add noise"
)]

use super::set::{
    ComputedFrom, CriteriaSet, Group, Indicator, Recognition, SetKind, SetLevel, TargetSource,
};
use super::target::Target;
use super::tiers::{higher_texts, HigherTexts};
use super::villages;
use crate::problem::messages::criteria as msg;
use crate::problem::Problem;
use crate::text::nfc;
use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet};

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

/// Parses and validates one set file. Errors name the file, the indicator and what is wrong.
pub fn parse_set(origin: &str, text: &str) -> Result<CriteriaSet, Problem> {
    let raw: RawSet = toml::from_str(text).map_err(|e| msg::set_unreadable(origin, e.message()))?;
    check_header(origin, &raw)?;
    let deadline = deadline(origin, raw.deadline.as_deref())?;
    let recognition = recognition(origin, &raw.recognition)?;
    let group_codes = group_codes(origin, &raw.groups)?;
    if raw.indicators.is_empty() {
        return Err(msg::set_without_indicators(origin));
    }
    let mut indicators: Vec<Indicator> = Vec::new();
    for r in raw.indicators {
        let ind = indicator(r, &group_codes, &indicators)
            .map_err(|(code, what)| msg::indicator_invalid(origin, &code, &what))?;
        indicators.push(ind);
    }
    derive_children(&mut indicators);
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

/// The id users type (lower-case ASCII, digits, `-`) and a title.
fn check_header(origin: &str, raw: &RawSet) -> Result<(), Problem> {
    if raw.id.is_empty()
        || !raw
            .id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
    {
        return Err(msg::set_id_invalid(origin, &raw.id));
    }
    if raw.title.trim().is_empty() {
        return Err(msg::set_title_missing(origin));
    }
    Ok(())
}

/// `deadline = "MM-DD"` as (month, day).
fn deadline(origin: &str, raw: Option<&str>) -> Result<Option<(u32, u32)>, Problem> {
    let Some(d) = raw else {
        return Ok(None);
    };
    d.split_once('-')
        .and_then(|(m, d)| Some((m.parse::<u32>().ok()?, d.parse::<u32>().ok()?)))
        .filter(|(m, d)| (1..=12).contains(m) && (1..=31).contains(d))
        .map(Some)
        .ok_or_else(|| msg::deadline_invalid(origin, d))
}

fn recognition(origin: &str, raw: &RawRecognition) -> Result<Recognition, Problem> {
    match raw.rule.as_str() {
        "all" => Ok(Recognition::All),
        "min_share" => {
            let p = raw
                .min_share
                .clone()
                .ok_or_else(|| msg::recognition_needs(origin, "min_share"))?;
            Target::parse(&p, true).map_err(|e| msg::recognition_share_unreadable(origin, &e))?;
            Ok(Recognition::MinShare { percent: p })
        }
        "min_count" => Ok(Recognition::MinCount {
            count: raw
                .min_count
                .ok_or_else(|| msg::recognition_needs(origin, "min_count"))?,
        }),
        other => Err(msg::recognition_rule_unknown(origin, other)),
    }
}

/// The groups' codes: at least one, none twice.
fn group_codes(origin: &str, groups: &[RawGroup]) -> Result<BTreeSet<String>, Problem> {
    if groups.is_empty() {
        return Err(msg::set_without_groups(origin));
    }
    let mut codes = BTreeSet::new();
    for g in groups {
        if !codes.insert(g.code.clone()) {
            return Err(msg::group_duplicate(origin, &g.code));
        }
    }
    Ok(codes)
}

/// What is wrong with an indicator: its code (as far as read) and the fragment of the message.
type Fault = (String, String);

/// One indicator, checked against the groups and the indicators before it (a parent comes first).
fn indicator(
    r: RawIndicator,
    groups: &BTreeSet<String>,
    before: &[Indicator],
) -> Result<Indicator, Fault> {
    let code = nfc(r.code.trim());
    let fault = |what: String| (code.clone(), what);
    if code.is_empty() || code.chars().any(char::is_whitespace) {
        return Err(fault(msg::code_blank()));
    }
    if before.iter().any(|i| i.code == code) {
        return Err(fault(msg::code_duplicate()));
    }
    if !groups.contains(&r.group) {
        return Err(fault(msg::group_not_declared(&r.group)));
    }
    if r.name.trim().is_empty() {
        return Err(fault(msg::name_missing()));
    }
    if let Some(p) = &r.parent {
        if !before.iter().any(|i| &i.code == p) {
            return Err(fault(msg::parent_missing(p)));
        }
    }
    let targets = targets(&r).map_err(fault)?;
    let target_source = target_source(r.target_source, &targets).map_err(fault)?;
    if let Some(c) = &r.computed_from {
        check_computed_from(c).map_err(fault)?;
    }
    Ok(Indicator {
        code,
        group: r.group,
        name: nfc(r.name.trim()),
        unit: nfc(r.unit.trim()),
        target: targets.fixed,
        target_source,
        targets_by_year: targets.by_year,
        targets_by_group: targets.by_group,
        requirement: nfc(r.requirement.trim()),
        guidance: r.guidance.iter().map(|s| nfc(s.trim())).collect(),
        evidence: r.evidence.iter().map(|s| nfc(s.trim())).collect(),
        computed_from: r.computed_from,
        optional: r.optional,
        parent: r.parent,
        note: r.note,
        children: Vec::new(),
    })
}

/// The targets an indicator's entry gives: fixed, per year, per commune group.
struct Targets {
    fixed: Option<Target>,
    by_year: BTreeMap<i32, Target>,
    by_group: BTreeMap<String, Target>,
}

fn targets(r: &RawIndicator) -> Result<Targets, String> {
    let percent = r.unit.trim() == "%";
    let fixed = match &r.target {
        Some(t) => Some(Target::parse(t, percent).map_err(|e| msg::target_unreadable(t, &e))?),
        None => None,
    };
    let mut by_year = BTreeMap::new();
    for (y, t) in &r.targets_by_year {
        let year: i32 = y.parse().map_err(|_| msg::year_invalid(y))?;
        let t = Target::parse(t, percent).map_err(|e| msg::year_target_unreadable(year, t, &e))?;
        by_year.insert(year, t);
    }
    let mut by_group = BTreeMap::new();
    for (g, t) in &r.targets_by_group {
        if g.trim().is_empty() {
            return Err(msg::group_blank());
        }
        let t = Target::parse(t, percent).map_err(|e| msg::group_target_unreadable(g, t, &e))?;
        by_group.insert(g.trim().to_string(), t);
    }
    if !by_group.is_empty() && (fixed.is_some() || !by_year.is_empty()) {
        return Err(msg::group_targets_alone());
    }
    Ok(Targets {
        fixed,
        by_year,
        by_group,
    })
}

/// Where the target comes from: as the file says (and consistent with it), else the set when it
/// gives one, else the dossier.
fn target_source(said: Option<TargetSource>, t: &Targets) -> Result<TargetSource, String> {
    let no_tables = t.by_year.is_empty() && t.by_group.is_empty();
    match (said, &t.fixed, no_tables) {
        (Some(TargetSource::Set), None, true) => Err(msg::source_set_without_target()),
        (Some(s), Some(_), _) if s != TargetSource::Set => Err(msg::fixed_target_not_from_set()),
        (Some(s), _, _) => Ok(s),
        (None, Some(_), _) | (None, None, false) => Ok(TargetSource::Set),
        (None, None, true) => Ok(TargetSource::Dossier),
    }
}

/// A list form or a village set, and a measure (one of the villages' when from villages).
fn check_computed_from(c: &ComputedFrom) -> Result<(), String> {
    if c.form.is_empty() == c.thon.is_empty() || c.measure.is_empty() {
        return Err(msg::computed_from_incomplete());
    }
    if !c.thon.is_empty() && !villages::MEASURES.contains(&c.measure.as_str()) {
        return Err(msg::village_measure_unknown(&c.measure, villages::MEASURES));
    }
    Ok(())
}

/// Each parent's sub-conditions, in the file's order.
fn derive_children(indicators: &mut [Indicator]) {
    let links: Vec<(String, String)> = indicators
        .iter()
        .filter_map(|i| i.parent.clone().map(|p| (p, i.code.clone())))
        .collect();
    for (p, c) in links {
        if let Some(parent) = indicators.iter_mut().find(|i| i.code == p) {
            parent.children.push(c);
        }
    }
}

/// Parses `targets/<id>.toml`: `[2024]` tables of `"code" = "target"`, checked against the set.
pub fn parse_yearly(
    origin: &str,
    text: &str,
    set: &CriteriaSet,
) -> Result<BTreeMap<i32, BTreeMap<String, Target>>, Problem> {
    let raw: BTreeMap<String, BTreeMap<String, String>> =
        toml::from_str(text).map_err(|e| msg::yearly_unreadable(origin, e.message()))?;
    let mut out = BTreeMap::new();
    for (y, codes) in raw {
        let year: i32 = y.parse().map_err(|_| msg::yearly_not_a_year(origin, &y))?;
        let mut m = BTreeMap::new();
        for (code, t) in codes {
            let ind = set
                .indicator(&code)
                .ok_or_else(|| msg::yearly_code_unknown(origin, year, &set.id, &code))?;
            if ind.target.is_some() {
                return Err(msg::yearly_target_fixed(origin, year, &code));
            }
            let t = Target::parse(&t, ind.percent_unit())
                .map_err(|e| msg::yearly_target_unreadable(origin, year, &code, &e))?;
            m.insert(code, t);
        }
        out.insert(year, m);
    }
    Ok(out)
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
        assert_eq!(e.text(), "dup.toml: chỉ tiêu 8.4: mã chỉ tiêu bị trùng");
        assert_eq!(e.file.as_deref(), Some("dup.toml"));
        assert_eq!(e.indicator.as_deref(), Some("8.4"));
        let bad = MINI.replace("tối thiểu 50%", "khoảng một nửa");
        let e = parse_set("bad.toml", &bad).unwrap_err();
        assert_eq!(e.indicator.as_deref(), Some("8.4a"));
        assert!(
            e.text()
                .starts_with("bad.toml: chỉ tiêu 8.4a: chỉ tiêu \"khoảng một nửa\" không đọc được"),
            "{}",
            e.text()
        );
        let missing = MINI.replace("name = \"Máy tính\"\n", "");
        let e = parse_set("missing.toml", &missing).unwrap_err();
        assert!(e
            .text()
            .starts_with("missing.toml: tệp bộ tiêu chí không hợp lệ"));
        assert!(e.message.contains("name") && e.indicator.is_none(), "{e:?}");
        let orphan = MINI.replace("parent = \"8.4\"", "parent = \"9.9\"");
        let e = parse_set("o.toml", &orphan).unwrap_err();
        assert_eq!(
            e.message,
            "chỉ tiêu 8.4a: chỉ tiêu cha \"9.9\" không có hoặc đứng sau chỉ tiêu con"
        );
    }

    #[test]
    fn set_wide_faults_name_the_file_only() {
        let cases = [
            ("id = \"mini\"", "id = \"Mini\"", "id \"Mini\" chỉ được gồm"),
            ("rule = \"all\"", "rule = \"min_share\"", "cần min_share"),
            (
                "rule = \"all\"",
                "rule = \"most\"",
                "recognition.rule \"most\"",
            ),
            (
                "source = \"x\"",
                "source = \"x\"\ndeadline = \"13-01\"",
                "MM-DD",
            ),
            (
                "name = \"Thông tin và Truyền thông\"",
                "name = \"TT\"\n[[groups]]\ncode = \"8\"\nname = \"Lại\"",
                "nhóm 8 bị trùng",
            ),
        ];
        for (from, to, said) in cases {
            let e = parse_set("s.toml", &MINI.replacen(from, to, 1)).unwrap_err();
            assert!(
                e.text().starts_with("s.toml: ") && e.text().contains(said),
                "{}",
                e.text()
            );
            assert_eq!(e.file.as_deref(), Some("s.toml"));
            assert_eq!(e.indicator, None);
        }
        let share = MINI.replace(
            "rule = \"all\"",
            "rule = \"min_share\"\nmin_share = \"80%\"",
        );
        assert_eq!(
            parse_set("s.toml", &share).unwrap().recognition,
            Recognition::MinShare {
                percent: "80%".into()
            }
        );
        let dl = MINI.replace("source = \"x\"", "source = \"x\"\ndeadline = \"11-15\"");
        assert_eq!(parse_set("s.toml", &dl).unwrap().deadline, Some((11, 15)));
    }

    #[test]
    fn where_targets_come_from() {
        let yearly = MINI.replace(
            "target = \"tối thiểu 50%\"",
            "targets_by_year = { 2024 = \"50%\", 2025 = \"60%\" }",
        );
        let s = parse_set("y.toml", &yearly).unwrap();
        let i = s.indicator("8.4a").unwrap();
        assert_eq!(i.target_source, TargetSource::Set);
        assert_eq!(s.set_target(i, 2025).unwrap().display(), "≥ 60%");
        assert!(s.set_target(i, 2023).is_none());
        let told = MINI.replace(
            "parent = \"8.4\"",
            "parent = \"8.4\"\ntarget_source = \"yearly\"",
        );
        let e = parse_set("t.toml", &told).unwrap_err();
        assert!(
            e.message.contains("target_source không phải \"set\""),
            "{e:?}"
        );
        let file = "[2024]\n\"8.4\" = \"ít nhất 04\"\n";
        let y = parse_yearly("targets/mini.toml", file, &s).unwrap();
        assert_eq!(y[&2024]["8.4"].display(), "≥ 04");
        let e = parse_yearly("targets/mini.toml", "[2024]\n\"9.9\" = \"1\"\n", &s).unwrap_err();
        assert_eq!(
            e.text(),
            "targets/mini.toml: năm 2024: bộ mini không có chỉ tiêu 9.9"
        );
        let e = parse_yearly("targets/mini.toml", "[2024]\n\"8.4\" = \"nhiều\"\n", &s).unwrap_err();
        assert_eq!(e.indicator.as_deref(), Some("8.4"));
        let e = parse_yearly("targets/mini.toml", "[hai]\n", &s).unwrap_err();
        assert_eq!(e.text(), "targets/mini.toml: \"hai\" không phải là năm");
    }

    mod properties {
        use super::*;
        use proptest::prelude::*;

        /// A set file of `codes` (one group), each a sub-condition of the first when `nested`.
        fn set_text(codes: &[String], target: &str, nested: bool) -> String {
            let mut s = String::from(
                "id = \"p\"\ntitle = \"T\"\nlevel = \"xa\"\nkind = \"ntm\"\nsource = \"x\"\n[recognition]\nrule = \"all\"\n[[groups]]\ncode = \"1\"\nname = \"N\"\n",
            );
            for (i, c) in codes.iter().enumerate() {
                s.push_str(&format!(
                    "[[indicators]]\ncode = \"{c}\"\ngroup = \"1\"\nname = \"Tên\"\nunit = \"%\"\ntarget = \"{target}\"\nrequirement = \"\"\nguidance = []\nevidence = []\n"
                ));
                if nested && i > 0 {
                    s.push_str(&format!("parent = \"{}\"\n", codes[0]));
                }
            }
            s
        }

        proptest! {
            #[test]
            fn any_text_is_a_set_or_a_problem_naming_the_file(text in "\\PC{0,200}") {
                if let Err(e) = parse_set("x.toml", &text) {
                    prop_assert_eq!(e.file.as_deref(), Some("x.toml"));
                    prop_assert!(e.text().starts_with("x.toml: "));
                }
            }

            #[test]
            fn distinct_codes_load_in_order_with_their_children(
                codes in prop::collection::btree_set("[1-9]\\.[0-9]{1,2}[a-c]?", 1..8),
                n in 0u32..=100,
                nested in any::<bool>(),
            ) {
                let codes: Vec<String> = codes.into_iter().collect();
                let s = parse_set("p.toml", &set_text(&codes, &format!("≥ {n}%"), nested)).unwrap();
                let loaded: Vec<&str> = s.indicators.iter().map(|i| i.code.as_str()).collect();
                prop_assert_eq!(loaded, codes.iter().map(String::as_str).collect::<Vec<_>>());
                let kids = if nested { codes[1..].to_vec() } else { Vec::new() };
                prop_assert_eq!(&s.indicators[0].children, &kids);
                prop_assert_eq!(s.top_level().count(), if nested { 1 } else { codes.len() });
                prop_assert!(s.indicators.iter().all(|i| i.target_source == TargetSource::Set));
            }

            #[test]
            fn a_code_twice_is_refused_naming_it(
                codes in prop::collection::btree_set("[1-9]\\.[0-9]{1,2}", 1..6),
                pick in any::<prop::sample::Index>(),
            ) {
                let mut codes: Vec<String> = codes.into_iter().collect();
                let twice = pick.get(&codes).clone();
                codes.push(twice.clone());
                let e = parse_set("p.toml", &set_text(&codes, "100%", false)).unwrap_err();
                prop_assert_eq!(e.indicator.as_deref(), Some(twice.as_str()));
                prop_assert_eq!(e.message, format!("chỉ tiêu {twice}: mã chỉ tiêu bị trùng"));
            }
        }
    }
}
