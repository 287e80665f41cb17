//! Higher levels (domain.md §1, §5 "Higher levels"): a district (huyện) appraises the commune
//! packages it received (Mẫu 02 + Phụ lục 02), a steering-committee member (bcd) gives an opinion
//! letter per commune from the district packages (Mẫu 03), the Sở verifies them (Mẫu 04 +
//! Phụ lục 03) and sums the province up (bảng tổng hợp). Every received package is verified before
//! it is read; one broken package is reported and does not stop the others; each level's output is
//! itself a package holding the received ones unchanged, so the chain can be verified end to end.

mod build;
mod chain;
pub mod received;

use crate::criteria::{Catalog, CriteriaSet};
use crate::evaluate::appraise::{self, Figures, Row, Words};
use crate::evaluate::{Evaluation, Summary};
use crate::inputs::dossier::{DossierInfo, Level};
use crate::inputs::figures;
use crate::inputs::narrative::Narrative;
use crate::inputs::procedure;
use crate::problem::{Fatal, Problem};
use rayon::prelude::*;
use received::{Commune, Failure};
use std::collections::BTreeMap;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

pub use build::{build, ket_qua, LevelBuild};
pub use chain::verify_nested;

/// A commune evaluated at this level.
pub struct Done {
    pub c: Commune,
    pub rows: Vec<Row>,
    pub summary: Summary,
    pub narrative: Option<Narrative>,
}

/// Everything read from a higher-level dossier.
pub struct Gathered {
    pub set: CriteriaSet,
    /// Received packages that verified (their paths), to go into this level's package.
    pub received: Vec<PathBuf>,
    pub done: Vec<Done>,
    pub failures: Vec<Failure>,
    /// Problems with the dossier itself (figures files that match no commune…): nothing is built.
    pub general: Vec<String>,
    pub notes: Vec<String>,
}

/// Whether the dossier is built from received packages (a level above the assessed unit): every
/// level but a commune's, and but a district assessing itself against a district-level set.
pub fn is_higher(catalog: &Catalog, info: &DossierInfo) -> bool {
    let district_set = catalog
        .get(&info.bo_tieu_chi)
        .is_ok_and(|s| s.level == crate::criteria::SetLevel::Huyen);
    info.cap != Level::Xa && !(info.cap == Level::Huyen && district_set)
}

/// Reads hoso.toml of a higher-level dossier with its chain resolved; `None` for a commune's
/// (or a district's own) dossier, which the commune pipeline reads; `Some(Err)` with the problems
/// of hoso.toml's chain, which end the command.
pub fn higher_info(catalog: &Catalog, dir: &Path) -> Option<Result<DossierInfo, Vec<Problem>>> {
    let mut info = crate::inputs::dossier::read(&dir.join("hoso.toml")).ok()?;
    if !is_higher(catalog, &info) {
        return None;
    }
    Some(match procedure::resolve(&mut info, catalog) {
        Ok(()) => Ok(info),
        Err(errs) => Err(errs),
    })
}

/// The folder of received packages for the dossier's level (its chain says which).
pub fn inbox(info: &DossierInfo) -> &'static str {
    procedure::step(info).reads.as_str()
}

/// The folder of this level's own figures.
fn figures_folder(info: &DossierInfo) -> Option<&'static str> {
    let f = procedure::step(info).figures.as_str();
    (!f.is_empty()).then_some(f)
}

/// The level reads commune packages directly (a district, or a two-tier province).
fn reads_communes(info: &DossierInfo) -> bool {
    procedure::step(info).lower == "xa"
}

pub fn bar(len: usize, msg: &'static str) -> indicatif::ProgressBar {
    if !std::io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let b = indicatif::ProgressBar::new(len as u64);
    if let Ok(s) = indicatif::ProgressStyle::with_template("{msg} [{bar:30}] {pos}/{len} ({eta})") {
        b.set_style(s.progress_chars("=> "));
    }
    b.set_message(msg);
    b
}

/// Reads, verifies and evaluates everything a higher-level dossier received. `tmp` holds the
/// copies of commune packages taken out of district packages to be verified.
pub fn gather(
    catalog: &Catalog,
    dir: &Path,
    info: &DossierInfo,
    strict: bool,
    tmp: &Path,
) -> Result<Gathered, Fatal> {
    if !dir.is_dir() {
        return Err(Fatal(format!(
            "\"{}\" không phải là thư mục hồ sơ",
            dir.display()
        )));
    }
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
        g.general.push("hoso.toml: thiếu [don_vi] co_quan — tên cơ quan của thành viên Ban chỉ đạo, in ở đầu văn bản (ví dụ co_quan = \"Sở Nội vụ\")".into());
    }
    let folder = inbox(info);
    let inbox_dir = dir.join(folder);
    if !inbox_dir.is_dir() {
        g.general.push(format!(
            "thiếu thư mục {folder}/: đặt vào đó các gói hồ sơ (.zip) nhận được, giữ nguyên như khi nhận"
        ));
        return Ok(g);
    }
    let (zips, other) = received::zips_in(&inbox_dir).map_err(Fatal)?;
    for o in other {
        g.notes
            .push(format!("{folder}/{o}: không phải gói hồ sơ (.zip), bỏ qua"));
    }
    if zips.is_empty() {
        g.general.push(format!(
            "thư mục {folder}/ không có gói hồ sơ nào (.zip do `hoso build` lập)"
        ));
        return Ok(g);
    }
    let pb = bar(zips.len(), "Kiểm tra gói hồ sơ");
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
    pb.finish_and_clear();
    let mut communes = Vec::new();
    for (path, cs, fs, ok) in results {
        if ok {
            g.received.push(path);
        }
        communes.extend(cs);
        g.failures.extend(fs);
    }
    // Communes of another district, twice received, or (strict) with problems left.
    let mut seen: BTreeMap<(String, String), String> = BTreeMap::new();
    let mut kept = Vec::new();
    for c in communes {
        let key = (
            received::strip_unit_word(&c.huyen),
            crate::text::fold_tight(&c.xa),
        );
        let mut problems = Vec::new();
        if info.cap == Level::Huyen && key.0 != received::strip_unit_word(&info.don_vi.huyen) {
            problems.push(format!(
                "{}: gói của {} — không thuộc {}",
                c.zip_name,
                c.label(),
                received::district_label(&info.don_vi.huyen)
            ));
        }
        if let Some(prev) = seen.get(&key) {
            problems.push(format!(
                "{}: {} đã có trong gói {prev} — mỗi xã chỉ một gói hồ sơ",
                c.zip_name,
                c.label()
            ));
        }
        if strict && (!c.errors.is_empty() || !c.warnings.is_empty()) {
            problems.push(format!(
                "{}: --nghiem-ngat: hồ sơ của {} còn {} lỗi và {} cảnh báo khi tự kiểm tra (ví dụ: {})",
                c.zip_name,
                c.label(),
                c.errors.len(),
                c.warnings.len(),
                c.errors.iter().chain(&c.warnings).next().cloned().unwrap_or_default()
            ));
        }
        if strict && info.cap == Level::Huyen && !c.checked.report_signed() {
            problems.push(format!(
                "{}: --nghiem-ngat: Báo cáo (Mẫu 01) của {} chưa được ký số — xã ký rồi lập gói nộp bằng `hoso package`",
                c.zip_name,
                c.label()
            ));
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
    // This level's figures and narratives, matched to communes by name.
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
    let words = Words {
        lower: &procedure::step(info).lower_words,
    };
    let evaluated: Vec<Result<Done, Failure>> = kept
        .into_par_iter()
        .enumerate()
        .map(|(i, c)| {
            let fail = |p: Vec<String>| Failure {
                package: c.zip_name.clone(),
                problems: p,
            };
            let fig: Option<Figures> = match figs.get(&i) {
                Some(p) => Some(
                    figures::read_figures(p, figures_folder(info).unwrap_or_default())
                        .map_err(fail)?,
                ),
                None => None,
            };
            let own_figures = figures_folder(info).is_some();
            let (rows, summary) = match (reads_communes(info), &c.district) {
                (true, _) => appraise::appraise(set, info.nam, &c.indicators, fig.as_ref(), &words)
                    .map_err(|p| crate::problem::texts(&p)),
                (false, Some(d)) if own_figures => {
                    appraise::appraise(set, info.nam, &d.indicators, fig.as_ref(), &words)
                        .map_err(|p| crate::problem::texts(&p))
                }
                (_, Some(d)) => Ok(appraise::as_recorded(set, info.nam, &d.indicators)),
                (_, None) => Err(vec!["gói không có kết quả thẩm định của huyện".into()]),
            }
            .map_err(fail)?;
            let narrative = match narr_files.get(&i) {
                Some(p) => std::fs::read(p)
                    .ok()
                    .map(|b| Narrative::parse(&String::from_utf8_lossy(&b))),
                None => common.clone(),
            };
            Ok(Done {
                c,
                rows,
                summary,
                narrative,
            })
        })
        .collect();
    for r in evaluated {
        match r {
            Ok(d) => g.done.push(d),
            Err(f) => g.failures.push(f),
        }
    }
    Ok(g)
}

/// Top-level codes not met.
pub fn not_met(rows: &[Row]) -> Vec<String> {
    rows.iter()
        .filter(|r| {
            r.parent.is_none()
                && matches!(
                    r.evaluation,
                    Evaluation::KhongDat | Evaluation::DangTrienKhai
                )
        })
        .map(|r| r.code.clone())
        .collect()
}
