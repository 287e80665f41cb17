//! A higher level's own figures (tham-dinh/<xã>.csv for a district, tham-tra/<xã>.csv for the Sở)
//! and narratives (noi-dung/<xã>.md), matched to the communes received by name.

use super::received::Commune;
use super::{sheet, solieu};
use crate::problem::messages::inputs as m;
use crate::problem::Problem;
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
) -> Result<BTreeMap<usize, PathBuf>, Vec<Problem>> {
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
        let file = format!("{folder}/{name}");
        match hits.as_slice() {
            [] => {
                let names: Vec<String> = communes.iter().map(|c| c.xa.clone()).collect();
                let example = names.first().map_or("Tân Phúc", String::as_str);
                errors.push(m::figures_no_commune(&file, &names, example));
            }
            [i] => {
                if let Some(prev) = out.insert(*i, p.clone()) {
                    let prev = prev.file_name().unwrap_or_default().to_string_lossy();
                    let label = communes[*i].label();
                    errors.push(m::figures_two_files(&folder, &label, &prev, &name));
                }
            }
            many => {
                let labels: Vec<String> = many.iter().map(|&i| communes[i].label()).collect();
                let c = &communes[many[0]];
                let example = format!(
                    "{}-{}",
                    crate::text::file_part(&super::received::district_name(&c.huyen)),
                    crate::text::file_part(&c.xa)
                );
                errors.push(m::figures_many_communes(&file, &labels, &example));
            }
        }
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(errors)
    }
}

/// Reads a figures file: columns Mã, Kết quả thẩm định (or thẩm tra), Ghi chú.
pub fn read_figures(path: &Path, folder: &str) -> Result<Figures, Vec<Problem>> {
    let name = format!(
        "{folder}/{}",
        path.file_name().unwrap_or_default().to_string_lossy()
    );
    let grid = sheet::read_grid(path).map_err(|e| vec![e.file(&name)])?;
    let parsed = solieu::parse(&grid, &name);
    if !parsed.errors.is_empty() {
        return Err(parsed.errors);
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
            errors.push(m::figures_code_twice(&name, r.line, &r.code));
        }
    }
    if errors.is_empty() {
        Ok(f)
    } else {
        Err(errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::inputs::received::Checked;
    use proptest::prelude::*;

    fn commune(huyen: &str, xa: &str) -> Commune {
        Commune {
            tinh: "Thanh Hóa".into(),
            huyen: huyen.into(),
            xa: xa.into(),
            loai: "xã".into(),
            zip_name: format!("{xa}.zip"),
            checked: Checked::default(),
            so: String::new(),
            ngay: String::new(),
            indicators: Vec::new(),
            errors: Vec::new(),
            warnings: Vec::new(),
            district: None,
        }
    }

    fn communes() -> Vec<Commune> {
        vec![
            commune("Hoằng Hóa", "Tân Phúc"),
            commune("Nông Cống", "Tân Phúc"),
            commune("Hoằng Hóa", "Hoằng Lộc"),
        ]
    }

    #[test]
    fn files_are_matched_by_name_and_the_rest_told() {
        let d = tempfile::tempdir().unwrap();
        let dir = d.path().join("tham-dinh");
        std::fs::create_dir(&dir).unwrap();
        for f in [
            "HOANG_LOC.csv",
            "tan-phuc.csv",
            "nong-cong-tan-phuc.xlsx",
            "ghi-chu.txt",
        ] {
            std::fs::write(dir.join(f), "Mã,Kết quả thẩm định\n").unwrap();
        }
        let e = match_files(&dir, &communes(), false).unwrap_err();
        assert_eq!(e.len(), 1, "{e:?}");
        assert_eq!(e[0].file.as_deref(), Some("tham-dinh/tan-phuc.csv"));
        assert!(e[0].text().contains("khớp với nhiều xã"), "{}", e[0].text());
        assert!(e[0]
            .fix
            .as_deref()
            .unwrap()
            .contains("\"Hoang-Hoa-Tan-Phuc.csv\""));
        std::fs::remove_file(dir.join("tan-phuc.csv")).unwrap();
        let m = match_files(&dir, &communes(), false).unwrap();
        assert_eq!(m.len(), 2);
        assert!(m[&2].ends_with("HOANG_LOC.csv") && m[&1].ends_with("nong-cong-tan-phuc.xlsx"));
    }

    #[test]
    fn a_code_typed_twice_names_its_row() {
        let d = tempfile::tempdir().unwrap();
        let f = d.path().join("Tân Phúc.csv");
        std::fs::write(
            &f,
            "Mã,Kết quả thẩm định,Ghi chú\n1.1,Có,\n1.2,80%,x\n1.1,Không,\n",
        )
        .unwrap();
        let e = read_figures(&f, "tham-dinh").unwrap_err();
        assert_eq!(
            (e[0].file.as_deref(), e[0].row, e[0].indicator.as_deref()),
            (Some("tham-dinh/Tân Phúc.csv"), Some(4), Some("1.1"))
        );
        assert_eq!(
            e[0].text(),
            "tham-dinh/Tân Phúc.csv, dòng 4: mã 1.1 ghi hai lần"
        );
    }

    proptest! {
        #[test]
        fn every_file_is_matched_once_or_told(
            names in prop::collection::btree_set(
                prop_oneof![
                    prop::sample::select(vec!["Tân Phúc", "tan_phuc", "xa-tan-phuc", "hoang-hoa-tan-phuc",
                        "Nong Cong Tan Phuc", "HOANG LOC", "hoằng lộc", "x"]).prop_map(String::from),
                    "[a-zA-Z -]{1,12}",
                ],
                0..6,
            ),
            ext in prop::sample::select(vec!["csv", "xlsx", "md", "pdf"]),
        ) {
            let d = tempfile::tempdir().unwrap();
            let dir = d.path().join("tham-dinh");
            std::fs::create_dir(&dir).unwrap();
            for n in &names {
                std::fs::write(dir.join(format!("{n}.{ext}")), "Mã\n").unwrap();
            }
            let cs = communes();
            match match_files(&dir, &cs, ext == "md") {
                Ok(m) => {
                    prop_assert!(m.keys().all(|i| *i < cs.len()));
                    prop_assert!(m.len() <= names.len());
                }
                Err(e) => {
                    prop_assert!(!e.is_empty() && e.len() <= names.len());
                    for p in &e {
                        prop_assert!(p.file.as_deref().is_some_and(|f| f.starts_with("tham-dinh")));
                        prop_assert!(!p.message.contains("tham-dinh"));
                    }
                }
            }
        }

        #[test]
        fn any_figures_sheet_is_read_or_told(rows in prop::collection::vec(("[0-9]\\.[0-9]{1,2}[a-c]?", "[0-9,%]{0,4}"), 0..8)) {
            let d = tempfile::tempdir().unwrap();
            let f = d.path().join("x.csv");
            let body: String = rows.iter().map(|(c, v)| format!("{c},{v}\n")).collect();
            std::fs::write(&f, format!("Mã,Kết quả thẩm định\n{body}")).unwrap();
            let mut codes: Vec<&String> = rows.iter().map(|(c, _)| c).collect();
            codes.sort();
            codes.dedup();
            match read_figures(&f, "tham-dinh") {
                Ok(fig) => {
                    prop_assert_eq!(fig.rows.len(), rows.len());
                    prop_assert_eq!(fig.file, "tham-dinh/x.csv");
                }
                Err(e) => {
                    prop_assert!(codes.len() < rows.len());
                    prop_assert_eq!(e.len(), rows.len() - codes.len());
                }
            }
        }
    }
}
