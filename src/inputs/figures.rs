//! A higher level's own figures (tham-dinh/<xã>.csv for a district, tham-tra/<xã>.csv for the Sở)
//! and narratives (noi-dung/<xã>.md), matched to the communes received by name.

use super::received::Commune;
use super::{sheet, solieu};
use crate::text::fold_tight;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// A level's figures for one commune, by code: (figure as typed, number stored by Excel, note).
#[derive(Clone, Debug, Default)]
pub struct Figures {
    pub file: String,
    pub rows: BTreeMap<String, (String, Option<f64>, String, usize)>,
}

/// Files of `dir` (spreadsheets, or `.md` when `md`) matched to communes by name, ignoring
/// diacritics, case and separators (`Tân Phúc.csv`, `tan-phuc.csv`, `TAN_PHUC.xlsx`, also with
/// the unit word or the district: `xa-tan-phuc`, `hoang-hoa-tan-phuc`). A file that matches no
/// commune, or several, or a commune matched twice, is an error: the build would otherwise
/// silently use the lower level's figures.
pub fn match_files(
    dir: &Path,
    communes: &[Commune],
    md: bool,
) -> Result<BTreeMap<usize, PathBuf>, Vec<String>> {
    let mut out: BTreeMap<usize, PathBuf> = BTreeMap::new();
    let mut errors = Vec::new();
    let Ok(rd) = std::fs::read_dir(dir) else {
        return Ok(out);
    };
    let folder = dir
        .file_name()
        .unwrap_or_default()
        .to_string_lossy()
        .into_owned();
    let keys: Vec<Vec<String>> = communes.iter().map(Commune::keys).collect();
    let mut files: Vec<PathBuf> = rd
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    for p in files {
        let name = p
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned();
        let ext = p
            .extension()
            .map(|e| e.to_string_lossy().to_lowercase())
            .unwrap_or_default();
        let wanted = if md {
            ext == "md" || ext == "txt"
        } else {
            sheet::is_sheet(&p)
        };
        if crate::evidence::is_litter(&name) || !wanted {
            continue;
        }
        let stem = fold_tight(&p.file_stem().unwrap_or_default().to_string_lossy());
        let hits: Vec<usize> = (0..communes.len())
            .filter(|&i| keys[i].contains(&stem))
            .collect();
        match hits.as_slice() {
            [] => errors.push(format!(
                "{folder}/{name}: không khớp với xã nào trong các gói nhận được ({}) — đặt tên tệp theo tên xã, ví dụ \"{}.csv\"",
                communes.iter().map(|c| c.xa.clone()).collect::<Vec<_>>().join(", "),
                communes.first().map(|c| c.xa.clone()).unwrap_or_else(|| "Tân Phúc".into())
            )),
            [i] => {
                if let Some(prev) = out.insert(*i, p.clone()) {
                    errors.push(format!(
                        "{folder}: hai tệp cho cùng {}: {} và {name}",
                        communes[*i].label(),
                        prev.file_name().unwrap_or_default().to_string_lossy()
                    ));
                }
            }
            many => errors.push(format!(
                "{folder}/{name}: khớp với nhiều xã ({}) — thêm tên huyện vào tên tệp, ví dụ \"{}-{}.csv\"",
                many.iter().map(|&i| communes[i].label()).collect::<Vec<_>>().join(", "),
                crate::text::file_part(&super::received::district_name(&communes[many[0]].huyen)),
                crate::text::file_part(&communes[many[0]].xa)
            )),
        }
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(errors)
    }
}

/// Reads a figures file: columns Mã, Kết quả thẩm định (or thẩm tra), Ghi chú.
pub fn read_figures(path: &Path, folder: &str) -> Result<Figures, Vec<String>> {
    let name = format!(
        "{folder}/{}",
        path.file_name().unwrap_or_default().to_string_lossy()
    );
    let grid = sheet::read_grid(path).map_err(|e| vec![format!("{name}: {e}")])?;
    let parsed = solieu::parse(&grid, &name);
    if !parsed.errors.is_empty() {
        return Err(crate::problem::texts(&parsed.errors));
    }
    let mut f = Figures {
        file: name.clone(),
        rows: BTreeMap::new(),
    };
    let mut errors = Vec::new();
    for r in parsed.rows {
        if f.rows
            .insert(r.code.clone(), (r.result, r.result_number, r.note, r.line))
            .is_some()
        {
            errors.push(format!(
                "{name}, dòng {}: mã {} ghi hai lần",
                r.line, r.code
            ));
        }
    }
    if errors.is_empty() {
        Ok(f)
    } else {
        Err(errors)
    }
}
