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

/// A message that names its own place (the file is kept as a field).
fn said_error(file: Option<&str>, text: impl Into<String>) -> Problem {
    Problem::error(text)
        .file_opt(file.map(str::to_string))
        .place_unsaid()
}

fn said_warning(file: Option<&str>, text: impl Into<String>) -> Problem {
    Problem::warning(text)
        .file_opt(file.map(str::to_string))
        .place_unsaid()
}

/// Checks the dossier at `root`. `Err` when hoso.toml cannot be read at all (nothing else is
/// checked then).
pub fn run(root: &Path, catalog: &Catalog, opts: &Options) -> Result<Checked, Vec<Problem>> {
    let (info, set, mut found) = dossier_facts(root, catalog)?;
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

/// hoso.toml read and resolved against the catalog and its chain of levels, with the problems of
/// its keys and dates.
fn dossier_facts(
    root: &Path,
    catalog: &Catalog,
) -> Result<(DossierInfo, CriteriaSet, Found), Vec<Problem>> {
    let toml = |m: String| said_error(Some("hoso.toml"), m);
    let mut info = dossier::read(&root.join("hoso.toml"))?;
    let set = catalog
        .get(&info.bo_tieu_chi)
        .map_err(|e| vec![toml(format!("hoso.toml: bo_tieu_chi: {e}"))])?
        .clone();
    let mut found = Found::default();
    if let Err(e) = crate::inputs::procedure::resolve(&mut info, catalog) {
        found.errors.extend(e);
    }
    if info.cap == Level::Huyen && set.level == SetLevel::Huyen {
        info = info.district_as_unit();
    }
    for k in &info.unknown_keys {
        found.warning(said_warning(Some("hoso.toml"), format!("hoso.toml: khóa \"{k}\" không được dùng (kiểm tra chính tả; xem mẫu do `hoso init` tạo)")));
    }
    if let Some((m, d)) = set.deadline {
        let deadline = dossier::Date {
            year: info.nam,
            month: m,
            day: d,
        };
        if info.van_ban.ngay > deadline {
            found.warning(said_warning(Some("hoso.toml"), format!(
                "hoso.toml: ngày báo cáo {} sau hạn {:02}/{:02}/{} của hướng dẫn (nộp trước {}/{} hằng năm)",
                info.van_ban.ngay.short(),
                d,
                m,
                info.nam,
                d,
                m
            )));
        }
    }
    if info.van_ban.ngay.year < info.nam {
        found.warning(said_warning(
            Some("hoso.toml"),
            format!(
                "hoso.toml: ngày báo cáo {} trước năm đánh giá {}",
                info.van_ban.ngay.short(),
                info.nam
            ),
        ));
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
        found.warning(said_warning(Some(file), format!("{file}: mục \"{shown}\" không ứng với mục nào của mẫu báo cáo (các mục: {}); nội dung này không được in", known.join("; "))));
    }
    loaded.narrative
}

/// Locates `so-lieu.xlsx` / `so-lieu.csv` at the dossier's root (any case, `Số liệu.xlsx` too).
fn find_solieu(root: &Path) -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = std::fs::read_dir(root)
        .map(|rd| {
            rd.flatten()
                .map(|e| e.path())
                .filter(|p| p.is_file() && sheet::is_sheet(p))
                .filter(|p| {
                    let stem = p
                        .file_stem()
                        .map(|s| fold(&s.to_string_lossy()))
                        .unwrap_or_default();
                    stem == "so lieu"
                        && !evidence::is_litter(
                            &p.file_name().unwrap_or_default().to_string_lossy(),
                        )
                })
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
    let chosen = match sl.len() {
        0 => None,
        1 => sl.first().cloned(),
        _ => {
            let newest = sl
                .iter()
                .max_by_key(|p| std::fs::metadata(p).and_then(|m| m.modified()).ok())
                .cloned();
            if let Some(n) = &newest {
                found.warning(said_warning(None, format!(
                    "Có {} tệp số liệu ({}); hoso dùng tệp sửa gần nhất: {} — xóa tệp không dùng để tránh nhầm",
                    sl.len(),
                    sl.iter().map(|p| p.file_name().unwrap_or_default().to_string_lossy().into_owned()).collect::<Vec<_>>().join(", "),
                    n.file_name().unwrap_or_default().to_string_lossy()
                )));
            }
            newest
        }
    };
    let Some(p) = chosen else {
        found.error(said_error(None, "Thiếu tệp so-lieu.xlsx (hoặc so-lieu.csv) ở thư mục gốc của hồ sơ — chạy `hoso init` để có tệp mẫu có sẵn mọi mã chỉ tiêu"));
        return (Vec::new(), None);
    };
    let name = p
        .file_name()
        .unwrap_or_default()
        .to_string_lossy()
        .into_owned();
    let rows = match sheet::read_sheet(&p) {
        Err(e) => {
            found.error(said_error(Some(&name), format!("{name}: {e}")));
            Vec::new()
        }
        Ok(sheet::Sheet { grid, warnings: w }) => {
            for m in w {
                found.warning(said_warning(Some(&name), format!("{name}: {m}")));
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
            found.error(said_error(
                Some(&f.rel),
                format!(
                    "Có hai danh sách Mẫu {code}: {} và {} — chỉ giữ một tệp",
                    prev.file, f.rel
                ),
            ));
            continue;
        }
        let at = |p: Problem, tag: &Option<String>| p.indicator_opt(tag.clone());
        match sheet::read_sheet(&f.abs) {
            Err(e) => found.error(at(
                said_error(Some(&f.rel), format!("{}: {e}", f.rel)),
                &f.indicator,
            )),
            Ok(sheet::Sheet { grid, warnings: w }) => {
                for m in w {
                    found.warning(at(
                        said_warning(Some(&f.rel), format!("{}: {m}", f.rel)),
                        &f.indicator,
                    ));
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
            found.error(said_error(Some(file), format!(
                "{file}, dòng {}: mã \"{}\" không có trong bộ tiêu chí {} — sửa lại mã (xem `hoso sets {}`)",
                r.line, r.code, set.id, set.id
            )));
            continue;
        };
        if out.iter().any(|o| o.code == code) {
            let ten = format!("{code}0");
            if set.indicator(&ten).is_some() && !out.iter().any(|o| o.code == ten) {
                found.warning(said_warning(Some(file), format!(
                    "{file}, dòng {}: mã \"{}\" xuất hiện hai lần — hiểu là {ten} (Excel đổi \"{ten}\" thành số {}); định dạng cột Mã là Văn bản (Text)",
                    r.line, r.code, r.code
                )));
                code = ten;
            } else {
                found.error(
                    said_error(
                        Some(file),
                        format!(
                            "{file}, dòng {}: mã {code} bị lặp — mỗi chỉ tiêu một dòng",
                            r.line
                        ),
                    )
                    .indicator(&code),
                );
                continue;
            }
        }
        r.code = code;
        out.push(r);
    }
    out
}
