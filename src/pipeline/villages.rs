//! Villages inside a commune: `thon/<tên thôn>/` folders, each a small dossier (so-lieu, a
//! folder per condition, giai-trinh) assessed against the village set named in hoso.toml
//! (`bo_tieu_chi_thon`). Their count of villages meeting the set is a measure the commune's
//! indicators may be computed from (`computed_from = { thon = "…", measure = "so_thon_dat" }`),
//! and the build prints one annex of villages × conditions.

use crate::criteria::{Catalog, CriteriaSet, SetLevel};
use crate::evaluate::assessed::{village_label as label, Village, Villages};
use crate::evaluate::Evaluation;
use crate::inputs::dossier::DossierInfo;
use crate::inputs::listform::{ListForm, MeasureResult};
use crate::number::Q;
use crate::pipeline::check::assess;
use crate::problem::{Problem, Severity};
use std::path::{Path, PathBuf};

pub use crate::criteria::villages::{FOLDER, MEASURES};

fn folders(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|rd| {
            rd.flatten()
                .map(|e| e.path())
                .filter(|p| p.is_dir())
                .filter(|p| {
                    !crate::evidence::is_litter(
                        &p.file_name().unwrap_or_default().to_string_lossy(),
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    v.sort();
    v
}

/// Finds and evaluates every village of the commune dossier `root`. Problems name the village
/// and the condition, and are filed under the commune indicator computed from the villages.
pub fn assess_all(
    root: &Path,
    catalog: &Catalog,
    info: &DossierInfo,
    set: &CriteriaSet,
) -> Villages {
    let mut out = Villages::default();
    let fed: Vec<(&str, &str)> = set
        .indicators
        .iter()
        .filter_map(|i| {
            i.computed_from
                .as_ref()
                .filter(|c| !c.thon.is_empty())
                .map(|c| (i.code.as_str(), c.thon.as_str()))
        })
        .collect();
    let tag = fed.first().map(|(c, _)| c.to_string());
    let dirs = folders(&root.join(FOLDER));
    let Some(vset) = village_set(catalog, info, &fed, &dirs, &tag, &mut out) else {
        return out;
    };
    for d in &dirs {
        assess_one(d, &vset, info, &tag, &mut out);
    }
    out.lists.push(measures(&out, &vset));
    out.set = Some(vset);
    out
}

/// A problem of the villages' setup in hoso.toml, filed under the indicator fed by them.
fn setup_error(tag: &Option<String>, m: String) -> Problem {
    Problem::error(m)
        .indicator_opt(tag.clone())
        .file("hoso.toml")
        .place_unsaid()
}

/// The village set named by hoso.toml (`bo_tieu_chi_thon`), checked against the commune set's
/// indicators computed from villages and against the folders present; `None` when there is
/// nothing to assess or it cannot be.
fn village_set(
    catalog: &Catalog,
    info: &DossierInfo,
    fed: &[(&str, &str)],
    dirs: &[PathBuf],
    tag: &Option<String>,
    out: &mut Villages,
) -> Option<CriteriaSet> {
    let id = info.bo_tieu_chi_thon.trim();
    if id.is_empty() {
        if !dirs.is_empty() || !fed.is_empty() {
            out.errors.push(setup_error(tag, format!(
                "hoso.toml: chưa ghi bo_tieu_chi_thon (bộ tiêu chí để đánh giá các thôn trong thư mục {FOLDER}/), ví dụ bo_tieu_chi_thon = \"{}\"",
                fed.first().map(|(_, t)| *t).unwrap_or("lang-son-thon-thong-minh")
            )));
        }
        return None;
    }
    let vset = match catalog.get(id) {
        Ok(s) if s.level == SetLevel::Thon => s.clone(),
        Ok(s) => {
            out.errors.push(setup_error(tag, format!(
                "hoso.toml: bo_tieu_chi_thon = \"{id}\" là bộ tiêu chí cấp {}, không phải bộ tiêu chí thôn",
                s.level.label()
            )));
            return None;
        }
        Err(e) => {
            out.errors.push(setup_error(
                tag,
                format!("hoso.toml: bo_tieu_chi_thon: {e}"),
            ));
            return None;
        }
    };
    for (code, t) in fed {
        if *t != vset.id {
            out.errors.push(setup_error(&Some(code.to_string()), format!(
                "chỉ tiêu {code} được tính từ các thôn theo bộ tiêu chí \"{t}\", còn hoso.toml ghi bo_tieu_chi_thon = \"{}\"",
                vset.id
            )));
        }
    }
    if dirs.is_empty() {
        out.errors.push(setup_error(tag, format!(
            "thư mục {FOLDER}/ chưa có thôn nào: mỗi thôn một thư mục {FOLDER}/<tên thôn>/ với so-lieu.csv và thư mục minh chứng của từng điều kiện (xem `hoso sets {}`)",
            vset.id
        )).file(FOLDER));
    }
    Some(vset)
}

/// One village's folder assessed like a small dossier; its problems named by village and
/// condition, filed under the commune indicator computed from the villages, their file kept from
/// the commune's folder.
fn assess_one(
    d: &Path,
    vset: &CriteriaSet,
    info: &DossierInfo,
    tag: &Option<String>,
    out: &mut Villages,
) {
    let ten = crate::text::nfc(&d.file_name().unwrap_or_default().to_string_lossy());
    let scan = crate::evidence::scan_village(d, vset);
    let a = assess(d, vset, info.nam, &info.nhom_xa, None, scan, Vec::new());
    let name = |p: &Problem| {
        let text = match &p.indicator {
            Some(c) => format!(
                "{} ({FOLDER}/{ten}), điều kiện {c}: {}",
                label(&ten),
                p.text()
            ),
            None => format!("{} ({FOLDER}/{ten}): {}", label(&ten), p.text()),
        };
        let file = p.file.as_ref().map(|f| format!("{FOLDER}/{ten}/{f}"));
        let q = match p.severity {
            Severity::Error => Problem::error(text),
            Severity::Warning => Problem::warning(text),
        };
        q.indicator_opt(tag.clone()).file_opt(file).place_unsaid()
    };
    out.errors.extend(a.errors.iter().map(name));
    out.warnings.extend(a.warnings.iter().map(name));
    out.list.push(Village {
        ten,
        evaluated: a.evaluated,
        summary: a.summary,
    });
}

/// The villages' measures, as a list form the commune's indicators are computed from.
fn measures(out: &Villages, vset: &CriteriaSet) -> ListForm {
    let n = out.list.len() as i128;
    let dat = out.met() as i128;
    let count = |key: &str, v: i128| MeasureResult {
        key: key.into(),
        num: Q::from_integer(v),
        den: Q::from_integer(1),
        is_count: true,
    };
    let conditions = vset.top_level().count() as i128;
    let fewest = out
        .list
        .iter()
        .filter(|v| !v.summary.dat_yeu_cau)
        .map(|v| {
            vset.top_level()
                .filter(|i| {
                    v.evaluated
                        .iter()
                        .any(|e| e.code == i.code && e.evaluation == Evaluation::Dat)
                })
                .count() as i128
        })
        .min()
        .unwrap_or(conditions);
    ListForm {
        code: format!("thon:{}", vset.id),
        file: FOLDER.into(),
        column_index: Vec::new(),
        headers: Vec::new(),
        rows: Vec::new(),
        total: None,
        measures: vec![
            count("so_thon_dat", dat),
            count("so_thon", n),
            count("so_thon_khong_dat", n - dat),
            count("dieu_kien_dat_it_nhat_thon_con_lai", fewest),
            MeasureResult {
                key: "ty_le_thon_dat".into(),
                num: Q::from_integer(dat),
                den: Q::from_integer(n),
                is_count: false,
            },
        ],
        warnings: Vec::new(),
        errors: Vec::new(),
        tables: Vec::new(),
    }
}
