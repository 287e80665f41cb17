//! Reading a higher level's dossier: the packages received, each verified before it is read (one
//! broken package is reported and does not stop the others); communes of another district, twice
//! received, or (strict) with problems left are set aside; then each commune is evaluated at this
//! level against this level's own figures and narrative, matched to it by name.

use super::received::{self, Commune, Failure};
use super::{figures_folder, inbox, reads_communes, Done, Gathered};
use crate::criteria::{Catalog, CriteriaSet};
use crate::evaluate::appraise::{self, Figures, Words};
use crate::inputs::dossier::{DossierInfo, Level};
use crate::inputs::figures;
use crate::inputs::narrative::Narrative;
use crate::inputs::procedure;
use crate::package::Progress;
use crate::pipeline::open::Dossier;
use crate::problem::messages::levels as m;
use crate::problem::{Fatal, Problem};
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Reads, verifies and evaluates everything a higher-level dossier (opened by `pipeline::open`)
/// received. `tmp` holds the copies of commune packages taken out of district packages to be
/// verified.
pub fn gather(
    catalog: &Catalog,
    d: &Dossier,
    strict: bool,
    tmp: &Path,
    progress: &dyn Progress,
) -> Result<Gathered, Fatal> {
    let (dir, info) = (d.dir.as_path(), &d.info);
    let set = catalog.get(&info.bo_tieu_chi).map_err(Fatal)?;
    let mut g = Gathered {
        set: set.clone(),
        received: Vec::new(),
        done: Vec::new(),
        failures: Vec::new(),
        general: Vec::new(),
        notes: Vec::new(),
    };
    if info.cap == Level::Bcd
        && info.don_vi.co_quan.trim().is_empty()
        && info.co_quan.ten.trim().is_empty()
    {
        g.general.push(m::agency_missing());
    }
    let Some(zips) = inbox_zips(dir, info, &mut g)? else {
        return Ok(g);
    };
    let communes = receive(&zips, info, tmp, progress, &mut g);
    let kept = screen(communes, info, strict, &mut g);
    evaluate_all(kept, dir, info, set, &mut g);
    if reads_communes(info) {
        // Only the commune packages this level evaluated go up in its package: one set aside
        // (another district's, received twice, figures that fail) would be refused above.
        let used: Vec<&str> = g.done.iter().map(|d| d.c.zip_name.as_str()).collect();
        g.received.retain(|p| {
            let name = p.file_name().unwrap_or_default().to_string_lossy();
            used.contains(&name.as_ref())
        });
    }
    Ok(g)
}

/// The packages in the level's inbox folder; `None` (with the dossier's problem) when there are
/// none. Other files there are noted and skipped.
fn inbox_zips(
    dir: &Path,
    info: &DossierInfo,
    g: &mut Gathered,
) -> Result<Option<Vec<PathBuf>>, Fatal> {
    let folder = inbox(info);
    let inbox_dir = dir.join(folder);
    if !inbox_dir.is_dir() {
        g.general.push(m::inbox_missing(folder));
        return Ok(None);
    }
    let (zips, other) = received::zips_in(&inbox_dir).map_err(Fatal)?;
    for o in other {
        g.notes.push(m::not_a_package(folder, &o));
    }
    if zips.is_empty() {
        g.general.push(m::inbox_empty(folder));
        return Ok(None);
    }
    Ok(Some(zips))
}

/// Every package verified and read, in parallel: a commune's directly, a district's with the
/// commune packages inside it. Intact packages are kept for this level's own package.
fn receive(
    zips: &[PathBuf],
    info: &DossierInfo,
    tmp: &Path,
    progress: &dyn Progress,
    g: &mut Gathered,
) -> Vec<Commune> {
    let pb = progress.step(zips.len() as u64, "Kiểm tra gói hồ sơ", false);
    let results: Vec<(PathBuf, Vec<Commune>, Vec<Failure>, bool)> = zips
        .par_iter()
        .map(|z| {
            let name = z
                .file_name()
                .unwrap_or_default()
                .to_string_lossy()
                .into_owned();
            let r = if reads_communes(info) {
                match received::commune(z, &name, &name, info, true) {
                    Ok(c) => (z.clone(), vec![c], Vec::new(), true),
                    Err(f) => (z.clone(), Vec::new(), vec![f], false),
                }
            } else {
                let (cs, fs) = received::district(z, info, tmp);
                let whole = !fs.iter().any(|f| f.package == name);
                (z.clone(), cs, fs, whole)
            };
            pb.inc(1);
            r
        })
        .collect();
    pb.finish();
    let mut communes = Vec::new();
    for (path, cs, fs, ok) in results {
        if ok {
            g.received.push(path);
        }
        communes.extend(cs);
        g.failures.extend(fs);
    }
    communes
}

/// Communes of another district, twice received, or (strict) with problems left are set aside
/// as failures; the others, sorted by district and name.
fn screen(
    communes: Vec<Commune>,
    info: &DossierInfo,
    strict: bool,
    g: &mut Gathered,
) -> Vec<Commune> {
    let mut seen: BTreeMap<(String, String), String> = BTreeMap::new();
    let mut kept = Vec::new();
    for c in communes {
        let key = (
            received::strip_unit_word(&c.huyen),
            crate::text::fold_tight(&c.xa),
        );
        let mut problems = Vec::new();
        if info.cap == Level::Huyen && key.0 != received::strip_unit_word(&info.don_vi.huyen) {
            problems.push(m::commune_of_other_district(
                &c.zip_name,
                &c.label(),
                &received::district_label(&info.don_vi.huyen),
            ));
        }
        if let Some(prev) = seen.get(&key) {
            problems.push(m::commune_twice(&c.zip_name, &c.label(), prev));
        }
        if strict {
            problems.extend(strict_problems(&c, info));
        }
        if problems.is_empty() {
            seen.insert(key, c.zip_name.clone());
            kept.push(c);
        } else {
            g.failures.push(Failure {
                package: c.zip_name.clone(),
                problems,
            });
        }
    }
    kept.sort_by_key(|c| {
        (
            received::strip_unit_word(&c.huyen),
            crate::text::fold(&c.xa),
        )
    });
    kept
}

/// `--nghiem-ngat`: a commune package with problems left in its own check, or (at the district)
/// whose Mẫu 01 is not signed, is not used.
fn strict_problems(c: &Commune, info: &DossierInfo) -> Vec<Problem> {
    let mut problems = Vec::new();
    if !c.errors.is_empty() || !c.warnings.is_empty() {
        let example = c.errors.iter().chain(&c.warnings).next();
        problems.push(m::strict_problems_left(
            &c.zip_name,
            &c.label(),
            c.errors.len(),
            c.warnings.len(),
            example.map(String::as_str).unwrap_or_default(),
        ));
    }
    if info.cap == Level::Huyen && !c.checked.report_signed() {
        problems.push(m::strict_report_unsigned(&c.zip_name, &c.label()));
    }
    problems
}

/// This level's figures and narratives matched to the communes kept, then each commune evaluated
/// at this level (in parallel).
fn evaluate_all(
    kept: Vec<Commune>,
    dir: &Path,
    info: &DossierInfo,
    set: &CriteriaSet,
    g: &mut Gathered,
) {
    let mut figs: BTreeMap<usize, PathBuf> = BTreeMap::new();
    if let Some(f) = figures_folder(info) {
        match figures::match_files(&dir.join(f), &kept, false) {
            Ok(m) => figs = m,
            Err(e) => g.general.extend(e),
        }
    }
    let narr_files = figures::match_files(&dir.join("noi-dung"), &kept, true).unwrap_or_else(|e| {
        g.general.extend(e);
        BTreeMap::new()
    });
    let common = std::fs::read(dir.join("noi-dung.md"))
        .ok()
        .map(|b| Narrative::parse(&String::from_utf8_lossy(&b)));
    let evaluated: Vec<Result<Done, Failure>> = kept
        .into_par_iter()
        .enumerate()
        .map(|(i, c)| {
            let narrative = match narr_files.get(&i) {
                Some(p) => std::fs::read(p)
                    .ok()
                    .map(|b| Narrative::parse(&String::from_utf8_lossy(&b))),
                None => common.clone(),
            };
            evaluate_one(c, figs.get(&i), info, set, narrative)
        })
        .collect();
    for r in evaluated {
        match r {
            Ok(d) => g.done.push(d),
            Err(f) => g.failures.push(f),
        }
    }
}

/// One commune at this level: its figures against this level's own (a district reads the
/// commune's; a province with figures of its own appraises the district's; one without them takes
/// the district's as recorded).
fn evaluate_one(
    c: Commune,
    fig_file: Option<&PathBuf>,
    info: &DossierInfo,
    set: &CriteriaSet,
    narrative: Option<Narrative>,
) -> Result<Done, Failure> {
    let fail = |p: Vec<Problem>| Failure {
        package: c.zip_name.clone(),
        problems: p,
    };
    let fig: Option<Figures> = match fig_file {
        Some(p) => {
            let read = figures::read_figures(p, figures_folder(info).unwrap_or_default());
            Some(read.map_err(fail)?)
        }
        None => None,
    };
    let own_figures = figures_folder(info).is_some();
    let words = Words {
        lower: &procedure::step(info).lower_words,
    };
    let (rows, summary) = match (reads_communes(info), &c.district) {
        (true, _) => appraise::appraise(set, info.nam, &c.indicators, fig.as_ref(), &words)
            .map_err(|p| in_package(p, &c.zip_name)),
        (false, Some(d)) if own_figures => {
            appraise::appraise(set, info.nam, &d.indicators, fig.as_ref(), &words)
                .map_err(|p| in_package(p, &c.zip_name))
        }
        (_, Some(d)) => Ok(appraise::as_recorded(set, info.nam, &d.indicators)),
        (_, None) => Err(vec![m::no_district_figures(&c.zip_name)]),
    }
    .map_err(fail)?;
    Ok(Done {
        c,
        rows,
        summary,
        narrative,
    })
}

/// The appraisal's problems, filed under the package they concern.
fn in_package(problems: Vec<Problem>, zip: &str) -> Vec<Problem> {
    problems
        .into_iter()
        .map(|p| p.or_file(Some(zip.to_string())))
        .collect()
}
