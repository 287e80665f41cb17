//! Checking a commune's (or a district's own) dossier, step by step: hoso.toml, the chain of levels,
//! the evidence folder, the villages, so-lieu, the list forms, the evaluation, the evidence each
//! indicator needs, and the narrative. Every problem is a typed [`Problem`] naming its indicator and
//! file. Read-only: nothing is written anywhere.

use crate::criteria::{Catalog, CriteriaSet, SetLevel};
use crate::evaluate::assessed::Checked;
use crate::evaluate::{self, Evaluated, Evaluation, Summary};
use crate::evidence::{self, Scan};
use crate::inputs::dossier::{self, DossierInfo, Level};
use crate::inputs::{listform, noidung, sheet, solieu};
use crate::pipeline::open::Dossier;
use crate::problem::messages::inputs as m;
use crate::problem::Problem;
use crate::text::fold;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Options of `check` and `build`.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// `--nghiem-ngat`: every warning is an error.
    pub strict: bool,
    /// A folder the scan must not enter (the output).
    pub skip: Option<PathBuf>,
}

/// Errors and warnings as they are found, in order.
#[derive(Debug, Default)]
pub struct Found {
    pub errors: Vec<Problem>,
    pub warnings: Vec<Problem>,
}

impl Found {
    fn error(&mut self, p: Problem) {
        self.errors.push(p);
    }
    fn warning(&mut self, p: Problem) {
        self.warnings.push(p);
    }
    /// Keeps both lists (already typed by severity).
    fn take(&mut self, errors: Vec<Problem>, warnings: Vec<Problem>) {
        self.errors.extend(errors);
        self.warnings.extend(warnings);
    }
}

/// Checks the opened dossier `d`. `Err` when its set is unknown (nothing else is checked then).
pub fn run(d: &Dossier, catalog: &Catalog, opts: &Options) -> Result<Checked, Vec<Problem>> {
    let root = d.dir.as_path();
    let (info, set, mut found) = dossier_facts(d, catalog)?;
    let scan = evidence::scan(root, &set, opts.skip.as_deref());
    let villages = crate::pipeline::villages::assess_all(root, catalog, &info, &set);
    found.take(villages.errors.clone(), villages.warnings.clone());
    let a = assess(
        root,
        &set,
        info.nam,
        &info.nhom_xa,
        info.don_vi.so_thon,
        scan,
        villages.lists.clone(),
    );
    found.take(a.errors, a.warnings);
    let narrative = narrative(root, &set, &mut found);
    if opts.strict {
        let w = std::mem::take(&mut found.warnings);
        found.errors.extend(w.into_iter().map(Problem::as_error));
    }
    Ok(Checked {
        info,
        villages,
        set,
        evaluated: a.evaluated,
        summary: a.summary,
        lists: a.lists,
        scan: a.scan,
        narrative,
        errors: found.errors,
        warnings: found.warnings,
    })
}

/// hoso.toml's facts against the catalog and its chain of levels, with the problems of its keys
/// and dates.
fn dossier_facts(
    opened: &Dossier,
    catalog: &Catalog,
) -> Result<(DossierInfo, CriteriaSet, Found), Vec<Problem>> {
    let mut info = opened.info.clone();
    let set = catalog
        .get(&info.bo_tieu_chi)
        .map_err(|e| vec![m::toml_unknown_set(&e)])?
        .clone();
    let mut found = Found::default();
    found.errors.extend(opened.chain_problems.iter().cloned());
    if info.cap == Level::Huyen && set.level == SetLevel::Huyen {
        info = info.district_as_unit();
    }
    for k in &info.unknown_keys {
        found.warning(m::toml_unknown_key(k));
    }
    let date = info.van_ban.ngay;
    if let Some((month, day)) = set.deadline {
        let deadline = dossier::Date {
            year: info.nam,
            month,
            day,
        };
        if date > deadline {
            found.warning(m::toml_date_after_deadline(
                &date.short(),
                day,
                month,
                info.nam,
            ));
        }
    }
    if date.year < info.nam {
        found.warning(m::toml_date_before_year(&date.short(), info.nam));
    }
    Ok((info, set, found))
}

/// The narrative (noi-dung.docx or noi-dung.md) and the headings no section of the form takes.
fn narrative(
    root: &Path,
    set: &CriteriaSet,
    found: &mut Found,
) -> crate::inputs::narrative::Narrative {
    let known = crate::document::forms::narrative_headings(set);
    let guide = crate::document::forms::narrative_guide();
    let loaded = noidung::load(root, guide, &known);
    let file = loaded.file.unwrap_or(noidung::MD);
    for m in loaded.errors {
        found.error(m.or_file(Some(file.into())));
    }
    for m in loaded.warnings {
        found.warning(m.or_file(Some(file.into())));
    }
    for h in loaded.narrative.unknown_headings(&known) {
        let shown = if loaded.file == Some(noidung::MD) {
            format!("## {h}")
        } else {
            h
        };
        found.warning(m::narrative_unknown_heading(file, &shown, &known));
    }
    loaded.narrative
}

/// Locates `so-lieu.xlsx` / `so-lieu.csv` at the dossier's root (any case, `Số liệu.xlsx` too).
fn find_solieu(root: &Path) -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = std::fs::read_dir(root)
        .map(|rd| {
            rd.flatten()
                .map(|e| e.path())
                .filter(|p| p.is_file() && evidence::is_solieu(p))
                .collect()
        })
        .unwrap_or_default();
    found.sort();
    found
}

/// What a folder's evidence, so-lieu and list forms give against a set: a commune's, a
/// district's or a village's dossier.
pub struct Assessed {
    pub scan: Scan,
    pub lists: Vec<listform::ListForm>,
    pub evaluated: Vec<Evaluated>,
    pub summary: Summary,
    pub errors: Vec<Problem>,
    pub warnings: Vec<Problem>,
}

/// Evaluates the folder `root` (already scanned) against `set` for `year`. `extra` are measures
/// computed elsewhere (the villages' counts) that indicators may be computed from.
pub fn assess(
    root: &Path,
    set: &CriteriaSet,
    year: i32,
    nhom: &str,
    so_thon: Option<u32>,
    scan: Scan,
    extra: Vec<listform::ListForm>,
) -> Assessed {
    let mut found = Found::default();
    evidence_files(&scan, &mut found);
    let (rows, solieu_file) = solieu_rows(root, set, &mut found);
    let mut lists = list_forms(&scan, set, &mut found);
    lists.extend(extra);
    let ev = evidence_by_indicator(&scan, set, &lists);
    let (evaluated, summary) = evaluate::evaluate(&evaluate::Inputs {
        set,
        year,
        rows: &rows,
        lists: &lists,
        evidence: &ev,
        so_thon,
        nhom,
    });
    for e in &evaluated {
        for m in &e.errors {
            found.error(
                m.clone()
                    .or_file(solieu_file.clone())
                    .or_indicator(Some(e.code.clone())),
            );
        }
        for m in &e.warnings {
            found.warning(
                m.clone()
                    .or_file(solieu_file.clone())
                    .or_indicator(Some(e.code.clone())),
            );
        }
    }
    missing_evidence(set, &evaluated, &ev, &scan, &mut found);
    Assessed {
        scan,
        lists,
        evaluated,
        summary,
        errors: found.errors,
        warnings: found.warnings,
    }
}

/// The evidence folder's problems, then every file's own (type, signatures). The villages' files
/// (thon/…) are checked with their village, once, naming it.
fn evidence_files(scan: &Scan, found: &mut Found) {
    found.take(scan.errors.clone(), scan.warnings.clone());
    let village_dir = format!("{}/", crate::criteria::villages::FOLDER);
    let own: Vec<evidence::EvidenceFile> = scan
        .files
        .iter()
        .filter(|f| !f.rel.starts_with(&village_dir))
        .cloned()
        .collect();
    let (errors, warnings) = evidence::check_files(&own);
    found.take(errors, warnings);
}

/// so-lieu: the one file at the root (the newest of several, with a warning), its rows matched to
/// the set's codes. Returns the rows and the file's name.
fn solieu_rows(
    root: &Path,
    set: &CriteriaSet,
    found: &mut Found,
) -> (Vec<solieu::Row>, Option<String>) {
    let sl = find_solieu(root);
    let file_name = |p: &Path| {
        p.file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned()
    };
    let chosen = match sl.len() {
        0 => None,
        1 => sl.first().cloned(),
        _ => {
            let newest = sl
                .iter()
                .max_by_key(|p| std::fs::metadata(p).and_then(|m| m.modified()).ok())
                .cloned();
            if let Some(n) = newest.as_ref().filter(|_| !same_rows(&sl)) {
                let names: Vec<String> = sl.iter().map(|p| file_name(p)).collect();
                found.warning(m::solieu_several(&names, &file_name(n)));
            }
            newest
        }
    };
    let Some(p) = chosen else {
        found.error(m::solieu_missing());
        return (Vec::new(), None);
    };
    let name = file_name(&p);
    let rows = match sheet::read_sheet(&p) {
        Err(e) => {
            found.error(e.file(&name));
            Vec::new()
        }
        Ok(sheet::Sheet { grid, warnings: w }) => {
            for p in w {
                found.warning(p.file(&name));
            }
            let parsed = solieu::parse(&grid, &name);
            for m in parsed.errors {
                found.error(m.or_file(Some(name.clone())));
            }
            for m in parsed.warnings {
                found.warning(m.or_file(Some(name.clone())));
            }
            resolve_rows(parsed.rows, set, &name, found)
        }
    };
    (rows, Some(name))
}

/// Whether several so-lieu files hold the same cells (`hoso init` writes both so-lieu.csv and
/// so-lieu.xlsx): then which one is read does not matter, and nothing is to be told.
fn same_rows(files: &[PathBuf]) -> bool {
    let cells = |p: &PathBuf| {
        sheet::read_sheet(p).ok().map(|s| {
            s.grid
                .into_iter()
                .map(|row| row.into_iter().map(|c| c.text).collect::<Vec<_>>())
                .collect::<Vec<_>>()
        })
    };
    let first = files.first().and_then(cells);
    first.is_some() && files.iter().skip(1).all(|p| cells(p) == first)
}

/// Every list form of the scan, read once (two files for one form are an error). Their problems
/// are filed under the first indicator the form feeds.
fn list_forms(scan: &Scan, set: &CriteriaSet, found: &mut Found) -> Vec<listform::ListForm> {
    let mut lists: Vec<listform::ListForm> = Vec::new();
    for f in scan.files.iter().filter(|f| f.list_form.is_some()) {
        let code = f.list_form.clone().unwrap_or_default();
        let Some(spec) = listform::spec(&code) else {
            continue;
        };
        if let Some(prev) = lists.iter().find(|l| l.code == code) {
            found.error(m::form_two_files(&code, &prev.file, &f.rel));
            continue;
        }
        let at = |p: Problem| p.file(&f.rel).indicator_opt(f.indicator.clone());
        match sheet::read_sheet(&f.abs) {
            Err(e) => found.error(at(e)),
            Ok(sheet::Sheet { grid, warnings: w }) => {
                for p in w {
                    found.warning(at(p));
                }
                let lf = listform::read(spec, &f.rel, &grid);
                let tag = set
                    .indicators
                    .iter()
                    .find(|i| i.computed_from.as_ref().is_some_and(|c| c.source() == code))
                    .map(|i| i.code.clone())
                    .or(f.indicator.clone());
                for m in &lf.errors {
                    found.error(
                        m.clone()
                            .or_file(Some(f.rel.clone()))
                            .or_indicator(tag.clone()),
                    );
                }
                for m in &lf.warnings {
                    found.warning(
                        m.clone()
                            .or_file(Some(f.rel.clone()))
                            .or_indicator(tag.clone()),
                    );
                }
                lists.push(lf);
            }
        }
    }
    lists
}

/// Evidence per indicator: its own folder's files and the list forms feeding it.
fn evidence_by_indicator(
    scan: &Scan,
    set: &CriteriaSet,
    lists: &[listform::ListForm],
) -> BTreeMap<String, Vec<String>> {
    let mut ev: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for f in &scan.files {
        if let Some(c) = &f.indicator {
            ev.entry(c.clone()).or_default().push(f.rel.clone());
        }
    }
    for ind in &set.indicators {
        if let Some(cf) = &ind.computed_from {
            for l in lists.iter().filter(|l| l.code == cf.source()) {
                let v = ev.entry(ind.code.clone()).or_default();
                if !v.contains(&l.file) {
                    v.push(l.file.clone());
                }
            }
        }
    }
    ev
}

/// Every applicable top-level indicator needs evidence, in its own folder or its sub-conditions'.
fn missing_evidence(
    set: &CriteriaSet,
    evaluated: &[Evaluated],
    ev: &BTreeMap<String, Vec<String>>,
    scan: &Scan,
    found: &mut Found,
) {
    for ind in set.top_level() {
        let e = evaluated.iter().find(|e| e.code == ind.code);
        if e.is_some_and(|e| e.evaluation == Evaluation::KhongApDung) {
            continue;
        }
        let family = set.family(&ind.code);
        if family
            .iter()
            .any(|c| ev.get(c).is_some_and(|v| !v.is_empty()))
        {
            continue;
        }
        let folder = scan.folders.get(&ind.code).and_then(|v| v.first().cloned());
        found.error(crate::problem::messages::evaluate::missing_evidence(
            &ind.code,
            &ind.name,
            folder.as_deref(),
            &ind.evidence,
        ));
    }
}

/// Matches so-lieu codes to the set: unknown codes and duplicates are errors; `1.1` typed twice where
/// the set has `1.10` (Excel turned "1.10" into 1.1) is repaired with a warning.
fn resolve_rows(
    rows: Vec<solieu::Row>,
    set: &CriteriaSet,
    file: &str,
    found: &mut Found,
) -> Vec<solieu::Row> {
    let mut out: Vec<solieu::Row> = Vec::new();
    let canon = |c: &str| {
        set.indicators
            .iter()
            .find(|i| i.code.eq_ignore_ascii_case(c))
            .map(|i| i.code.clone())
    };
    for mut r in rows {
        let Some(mut code) = canon(&r.code) else {
            if fold(&r.code).starts_with("tong")
                || r.code.chars().all(|c| c.is_ascii_digit())
                    && set.groups.iter().any(|g| g.code == r.code)
            {
                continue; // group rows and totals copied from the annex
            }
            found.error(m::solieu_unknown_code(file, r.line, &r.code, &set.id));
            continue;
        };
        if out.iter().any(|o| o.code == code) {
            let ten = format!("{code}0");
            if set.indicator(&ten).is_some() && !out.iter().any(|o| o.code == ten) {
                found.warning(m::solieu_code_read_as(file, r.line, &r.code, &ten));
                code = ten;
            } else {
                found.error(m::solieu_code_repeated(file, r.line, &code));
                continue;
            }
        }
        r.code = code;
        out.push(r);
    }
    out
}
