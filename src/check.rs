//! `hoso check`: reads a dossier (hoso.toml, so-lieu, list forms, evidence folder), evaluates every
//! indicator and collects every problem, each naming its indicator and file with what to do.
//! Read-only: nothing is written anywhere.

use crate::criteria::{Catalog, CriteriaSet};
use crate::evaluate::{self, Evaluated, Evaluation, Summary};
use crate::evidence::{self, Scan};
use crate::inputs::{dossier, listform, narrative::Narrative, noidung, sheet, solieu};
use crate::text::fold;
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct Problem {
    /// The indicator concerned, if any.
    pub chi_tieu: Option<String>,
    pub noi_dung: String,
    /// The dossier file concerned, relative to the dossier, when known (the web page links it);
    /// not part of ket-qua.json.
    #[serde(skip)]
    pub tep: Option<String>,
}

#[derive(Debug)]
pub struct Checked {
    pub info: dossier::DossierInfo,
    /// The villages (`thon/<tên thôn>/`) and their evaluations.
    pub villages: crate::villages::Villages,
    pub set: CriteriaSet,
    pub evaluated: Vec<Evaluated>,
    pub summary: Summary,
    pub lists: Vec<listform::ListForm>,
    pub scan: Scan,
    pub narrative: Narrative,
    pub errors: Vec<Problem>,
    pub warnings: Vec<Problem>,
}

/// Options of `check` and `build`.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// `--nghiem-ngat`: every warning is an error.
    pub strict: bool,
    /// A folder the scan must not enter (the output).
    pub skip: Option<PathBuf>,
}

fn general(msg: impl Into<String>) -> Problem {
    Problem {
        chi_tieu: None,
        noi_dung: msg.into(),
        tep: None,
    }
}

/// A general problem about one file of the dossier.
fn about(file: &str, msg: impl Into<String>) -> Problem {
    Problem {
        tep: Some(file.to_string()),
        ..general(msg)
    }
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

pub fn run(root: &Path, catalog: &Catalog, opts: &Options) -> Result<Checked, Vec<String>> {
    let mut info = dossier::read(&root.join("hoso.toml"))?;
    let set = catalog
        .get(&info.bo_tieu_chi)
        .map_err(|e| vec![format!("hoso.toml: bo_tieu_chi: {e}")])?
        .clone();
    let mut errors: Vec<Problem> = Vec::new();
    let mut warnings: Vec<Problem> = Vec::new();
    if let Err(e) = crate::levels::procedure::resolve(&mut info, catalog) {
        errors.extend(e.into_iter().map(general));
    }
    if info.cap == dossier::Level::Huyen && set.level == crate::criteria::SetLevel::Huyen {
        info = info.district_as_unit();
    }
    for k in &info.unknown_keys {
        warnings.push(about("hoso.toml", format!("hoso.toml: khóa \"{k}\" không được dùng (kiểm tra chính tả; xem mẫu do `hoso init` tạo)")));
    }
    if let Some((m, d)) = set.deadline {
        let deadline = dossier::Date {
            year: info.nam,
            month: m,
            day: d,
        };
        if info.van_ban.ngay > deadline {
            warnings.push(about("hoso.toml", format!(
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
        warnings.push(about(
            "hoso.toml",
            format!(
                "hoso.toml: ngày báo cáo {} trước năm đánh giá {}",
                info.van_ban.ngay.short(),
                info.nam
            ),
        ));
    }
    // Evidence folder, so-lieu, list forms, villages: the evaluation.
    let scan = evidence::scan(root, &set, opts.skip.as_deref());
    let villages = crate::villages::assess_all(root, catalog, &info, &set);
    errors.extend(villages.errors.iter().cloned());
    warnings.extend(villages.warnings.iter().cloned());
    let a = assess(
        root,
        &set,
        info.nam,
        &info.nhom_xa,
        info.don_vi.so_thon,
        scan,
        villages.lists.clone(),
    );
    errors.extend(a.errors);
    warnings.extend(a.warnings);
    let (scan, lists, evaluated, summary) = (a.scan, a.lists, a.evaluated, a.summary);
    // The narrative (noi-dung.docx or noi-dung.md) and headings no section of the form takes.
    let known = crate::document::forms::narrative_headings(&set);
    let guide = crate::document::forms::narrative_guide();
    let loaded = noidung::load(root, guide, &known);
    let narrative_file = loaded.file.unwrap_or(noidung::MD);
    errors.extend(loaded.errors.into_iter().map(|m| about(narrative_file, m)));
    warnings.extend(
        loaded
            .warnings
            .into_iter()
            .map(|m| about(narrative_file, m)),
    );
    let narrative = loaded.narrative;
    for h in narrative.unknown_headings(&known) {
        let shown = if loaded.file == Some(noidung::MD) {
            format!("## {h}")
        } else {
            h
        };
        warnings.push(about(narrative_file, format!("{narrative_file}: mục \"{shown}\" không ứng với mục nào của mẫu báo cáo (các mục: {}); nội dung này không được in", known.join("; "))));
    }
    if opts.strict {
        errors.append(&mut warnings);
    }
    Ok(Checked {
        info,
        villages,
        set,
        evaluated,
        summary,
        lists,
        scan,
        narrative,
        errors,
        warnings,
    })
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
    let mut errors: Vec<Problem> = Vec::new();
    let mut warnings: Vec<Problem> = Vec::new();
    // Evidence folder.
    errors.extend(scan.errors.iter().map(|e| Problem {
        chi_tieu: code_in(e),
        noi_dung: e.clone(),
        tep: None,
    }));
    warnings.extend(scan.warnings.iter().map(|w| general(w.clone())));
    // The villages' files (thon/…) are checked with their village, once, naming it.
    let village_dir = format!("{}/", crate::villages::FOLDER);
    let own: Vec<evidence::EvidenceFile> = scan
        .files
        .iter()
        .filter(|f| !f.rel.starts_with(&village_dir))
        .cloned()
        .collect();
    let (fe, fw) = evidence::check_files(&own);
    let by_file: BTreeMap<&str, Option<String>> = scan
        .files
        .iter()
        .map(|f| (f.rel.as_str(), f.indicator.clone()))
        .collect();
    let attach = |m: &String| {
        let hit = by_file
            .iter()
            .find(|(rel, _)| m.starts_with(&format!("{rel}:")));
        Problem {
            chi_tieu: hit.and_then(|(_, c)| c.clone()),
            noi_dung: m.clone(),
            tep: hit.map(|(rel, _)| rel.to_string()),
        }
    };
    errors.extend(fe.iter().map(attach));
    warnings.extend(fw.iter().map(attach));
    // so-lieu.
    let mut rows: Vec<solieu::Row> = Vec::new();
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
                warnings.push(general(format!(
                    "Có {} tệp số liệu ({}); hoso dùng tệp sửa gần nhất: {} — xóa tệp không dùng để tránh nhầm",
                    sl.len(),
                    sl.iter().map(|p| p.file_name().unwrap_or_default().to_string_lossy().into_owned()).collect::<Vec<_>>().join(", "),
                    n.file_name().unwrap_or_default().to_string_lossy()
                )));
            }
            newest
        }
    };
    match &chosen {
        None => errors.push(general("Thiếu tệp so-lieu.xlsx (hoặc so-lieu.csv) ở thư mục gốc của hồ sơ — chạy `hoso init` để có tệp mẫu có sẵn mọi mã chỉ tiêu")),
        Some(p) => {
            let name = p.file_name().unwrap_or_default().to_string_lossy().into_owned();
            match sheet::read_sheet(p) {
                Err(e) => errors.push(about(&name, format!("{name}: {e}"))),
                Ok(sheet::Sheet { grid, warnings: w }) => {
                    warnings.extend(w.into_iter().map(|w| about(&name, format!("{name}: {w}"))));
                    let parsed = solieu::parse(&grid, &name);
                    errors.extend(parsed.errors.into_iter().map(|m| about(&name, m)));
                    warnings.extend(parsed.warnings.into_iter().map(|m| about(&name, m)));
                    rows = resolve_rows(parsed.rows, set, &name, &mut errors, &mut warnings);
                }
            }
        }
    }
    // List forms.
    let mut lists: Vec<listform::ListForm> = Vec::new();
    for f in scan.files.iter().filter(|f| f.list_form.is_some()) {
        let code = f.list_form.clone().unwrap_or_default();
        let Some(spec) = listform::spec(&code) else {
            continue;
        };
        if let Some(prev) = lists.iter().find(|l| l.code == code) {
            errors.push(general(format!(
                "Có hai danh sách Mẫu {code}: {} và {} — chỉ giữ một tệp",
                prev.file, f.rel
            )));
            continue;
        }
        match sheet::read_sheet(&f.abs) {
            Err(e) => errors.push(Problem {
                chi_tieu: f.indicator.clone(),
                noi_dung: format!("{}: {e}", f.rel),
                tep: Some(f.rel.clone()),
            }),
            Ok(sheet::Sheet { grid, warnings: w }) => {
                warnings.extend(w.into_iter().map(|m| Problem {
                    chi_tieu: f.indicator.clone(),
                    noi_dung: format!("{}: {m}", f.rel),
                    tep: Some(f.rel.clone()),
                }));
                let lf = listform::read(spec, &f.rel, &grid);
                let fed: Vec<String> = set
                    .indicators
                    .iter()
                    .filter(|i| i.computed_from.as_ref().is_some_and(|c| c.source() == code))
                    .map(|i| i.code.clone())
                    .collect();
                let tag = fed.first().cloned().or(f.indicator.clone());
                errors.extend(lf.errors.iter().map(|m| Problem {
                    chi_tieu: tag.clone(),
                    noi_dung: m.clone(),
                    tep: Some(f.rel.clone()),
                }));
                warnings.extend(lf.warnings.iter().map(|m| Problem {
                    chi_tieu: tag.clone(),
                    noi_dung: m.clone(),
                    tep: Some(f.rel.clone()),
                }));
                lists.push(lf);
            }
        }
    }
    lists.extend(extra);
    // Evidence per indicator: own folder, sub-conditions' folders, list forms feeding it.
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
    let (evaluated, summary) = evaluate::evaluate(&evaluate::Inputs {
        set: set,
        year,
        rows: &rows,
        lists: &lists,
        evidence: &ev,
        so_thon,
        nhom,
    });
    for e in &evaluated {
        let tep = chosen
            .as_ref()
            .and_then(|p| p.file_name())
            .map(|n| n.to_string_lossy().into_owned());
        errors.extend(e.errors.iter().map(|m| Problem {
            chi_tieu: Some(e.code.clone()),
            noi_dung: m.clone(),
            tep: tep.clone(),
        }));
        warnings.extend(e.warnings.iter().map(|m| Problem {
            chi_tieu: Some(e.code.clone()),
            noi_dung: m.clone(),
            tep: tep.clone(),
        }));
    }
    // Every applicable top-level indicator needs evidence (in its own folder or its sub-conditions').
    for ind in set.top_level() {
        let e = evaluated.iter().find(|e| e.code == ind.code);
        if e.is_some_and(|e| e.evaluation == Evaluation::KhongApDung) {
            continue;
        }
        let mut family = vec![ind.code.clone()];
        let mut i = 0;
        while i < family.len() {
            let c = family[i].clone();
            family.extend(
                set.indicators
                    .iter()
                    .filter(|x| x.parent.as_deref() == Some(&c))
                    .map(|x| x.code.clone()),
            );
            i += 1;
        }
        let has = family
            .iter()
            .any(|c| ev.get(c).is_some_and(|v| !v.is_empty()));
        if !has {
            let folder = scan.folders.get(&ind.code).and_then(|v| v.first().cloned());
            let asked = if ind.evidence.is_empty() {
                String::new()
            } else {
                format!(" Hồ sơ chứng minh cần có: {}.", ind.evidence.join("; "))
            };
            let place = match &folder {
                Some(f) => format!("thư mục \"{f}\" chưa có tệp nào"),
                None => format!("chưa có thư mục \"{} …\"", ind.code),
            };
            errors.push(Problem {
                chi_tieu: Some(ind.code.clone()),
                tep: folder.clone(),
                noi_dung: format!(
                    "chỉ tiêu {} ({}): {place} — thiếu tài liệu minh chứng.{asked} Đặt tài liệu vào thư mục bắt đầu bằng \"{}\", hoặc một tệp giai-trinh.txt giải trình nếu không có tài liệu.",
                    ind.code,
                    short(&ind.name, 80),
                    ind.code
                ),
            });
        }
    }
    Assessed {
        scan,
        lists,
        evaluated,
        summary,
        errors,
        warnings,
    }
}

fn short(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        format!("{}…", s.chars().take(n).collect::<String>())
    }
}

/// "Chỉ tiêu 1.1: …" → Some("1.1").
fn code_in(msg: &str) -> Option<String> {
    msg.strip_prefix("Chỉ tiêu ")
        .and_then(|r| r.split(':').next())
        .map(str::to_string)
}

/// Matches so-lieu codes to the set: unknown codes and duplicates are errors; `1.1` typed twice where
/// the set has `1.10` (Excel turned "1.10" into 1.1) is repaired with a warning.
fn resolve_rows(
    rows: Vec<solieu::Row>,
    set: &CriteriaSet,
    file: &str,
    errors: &mut Vec<Problem>,
    warnings: &mut Vec<Problem>,
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
            errors.push(about(file, format!(
                "{file}, dòng {}: mã \"{}\" không có trong bộ tiêu chí {} — sửa lại mã (xem `hoso sets {}`)",
                r.line, r.code, set.id, set.id
            )));
            continue;
        };
        if out.iter().any(|o| o.code == code) {
            let ten = format!("{code}0");
            if set.indicator(&ten).is_some() && !out.iter().any(|o| o.code == ten) {
                warnings.push(about(file, format!(
                    "{file}, dòng {}: mã \"{}\" xuất hiện hai lần — hiểu là {ten} (Excel đổi \"{ten}\" thành số {}); định dạng cột Mã là Văn bản (Text)",
                    r.line, r.code, r.code
                )));
                code = ten;
            } else {
                errors.push(Problem {
                    chi_tieu: Some(code.clone()),
                    noi_dung: format!(
                        "{file}, dòng {}: mã {code} bị lặp — mỗi chỉ tiêu một dòng",
                        r.line
                    ),
                    tep: Some(file.to_string()),
                });
                continue;
            }
        }
        r.code = code;
        out.push(r);
    }
    out
}
