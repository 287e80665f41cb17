//! The packages received from the level below: found in `ho-so-xa/` (commune zips) or
//! `ho-so-huyen/` (district zips, with the commune zips inside them), verified before anything is
//! read from them (BagIt hashes, the zip's own `.sha256`, every PDF signature), and their
//! `ket-qua.json` read. Nothing is extracted into the dossier; a commune zip inside a district
//! package is copied to a temporary file to be verified in turn.

use crate::evidence::is_litter;
use crate::evidence::signers::{self, Signed};
use crate::inputs::dossier::DossierInfo;
pub use crate::inputs::received::*;
use crate::package;
use crate::problem::messages::levels as m;
use crate::problem::Problem;
use crate::text::fold_tight;
use std::path::{Path, PathBuf};

/// The `.zip` files of `dir` (not recursive), sorted; other files are listed apart.
pub fn zips_in(dir: &Path) -> Result<(Vec<PathBuf>, Vec<String>), String> {
    let rd =
        std::fs::read_dir(dir).map_err(|e| format!("không đọc được {}: {e}", dir.display()))?;
    let mut zips = Vec::new();
    let mut other = Vec::new();
    for e in rd.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        if is_litter(&name) || !e.path().is_file() {
            continue;
        }
        let lower = name.to_lowercase();
        if lower.ends_with(".zip") {
            zips.push(e.path());
        } else if !lower.ends_with(".zip.sha256") {
            other.push(name);
        }
    }
    zips.sort();
    other.sort();
    Ok((zips, other))
}

fn sha256_file(path: &Path) -> Result<String, String> {
    let h = package::hash_entries(&[package::Entry::file("x", path)], &package::Silent)?;
    Ok(h.into_iter().next().map(|h| h.sha256).unwrap_or_default())
}

/// Verifies one package zip: every hash of its manifest, every PDF signature in its data, and the
/// `<zip>.sha256` beside it when there is one. `shown` names the package in messages.
pub fn verify(path: &Path, shown: &str, sidecar: bool) -> Result<Checked, Vec<Problem>> {
    let unreadable = |e: String| vec![m::package_unreadable(shown, &e)];
    let report = package::verify(path, &package::Silent).map_err(unreadable)?;
    if !report.ok {
        return Err(report
            .problems
            .iter()
            .map(|p| m::package_unreadable(shown, &p.message()))
            .collect());
    }
    let mut problems = Vec::new();
    let sha256 = sha256_file(path).map_err(unreadable)?;
    let side = PathBuf::from(format!("{}.sha256", path.display()));
    if sidecar && side.is_file() {
        let text = std::fs::read_to_string(&side).unwrap_or_default();
        let want = text.split_whitespace().next().unwrap_or("").to_lowercase();
        if want != sha256 {
            let sidecar = side.file_name().unwrap_or_default().to_string_lossy();
            problems.push(m::zip_hash_differs(shown, &sha256, &sidecar, &want));
        }
    }
    let mut c = Checked {
        sha256,
        files: report.files_checked,
        ..Checked::default()
    };
    let data = package::list_data(path).map_err(unreadable)?;
    for (name, size) in &data {
        if name.starts_with("minh-chung/") {
            c.evidence += 1;
        }
        if !name.to_lowercase().ends_with(".pdf") {
            continue;
        }
        if *size > package::DATA_LIMIT {
            continue; // hashed above; too large to re-check its signature in memory
        }
        let status = package::read_data(path, name).and_then(|b| signers::read(&b));
        let sigs = match status {
            Ok(Signed::Broken(reason)) => {
                problems.push(m::signature_broken(shown, name, &reason));
                continue;
            }
            Err(e) => {
                problems.push(m::data_unreadable(shown, name, &e));
                continue;
            }
            Ok(Signed::Unsigned) => {
                c.unsigned_pdfs += 1;
                Vec::new()
            }
            Ok(Signed::Valid(s)) => {
                c.signed_pdfs += 1;
                s
            }
        };
        if name.starts_with("minh-chung/") {
            c.evidence_pdfs += 1;
            c.evidence_signed += usize::from(!sigs.is_empty());
        } else if let Some(doc) = name.strip_prefix("ho-so/").filter(|d| !d.contains('/')) {
            c.documents.push((doc.to_string(), sigs));
        }
    }
    if problems.is_empty() {
        Ok(c)
    } else {
        Err(problems)
    }
}

fn read_json(path: &Path, shown: &str) -> Result<serde_json::Value, Vec<Problem>> {
    let bytes = package::read_data(path, "ho-so/ket-qua.json")
        .map_err(|e| vec![m::results_unreadable(shown, &e)])?;
    serde_json::from_slice(&bytes).map_err(|e| vec![m::results_invalid(shown, &e.to_string())])
}

fn s(v: &serde_json::Value, k: &str) -> String {
    match &v[k] {
        serde_json::Value::String(s) => s.clone(),
        serde_json::Value::Number(n) => n.to_string(),
        _ => String::new(),
    }
}

/// The set, year and level of a package against the dossier's.
fn same_set_year(
    j: &serde_json::Value,
    info: &DossierInfo,
    cap: &str,
    shown: &str,
) -> Vec<Problem> {
    let mut out = Vec::new();
    let (set, nam, c) = (s(j, "bo_tieu_chi"), s(j, "nam"), s(j, "cap"));
    if set != info.bo_tieu_chi {
        out.push(m::other_set(shown, &set, &info.bo_tieu_chi));
    }
    if nam != info.nam.to_string() {
        out.push(m::other_year(shown, &nam, info.nam));
    }
    if !c.is_empty() && c != cap {
        out.push(m::other_level(shown, &c, cap));
    }
    out
}

fn strings(v: &serde_json::Value) -> Vec<String> {
    v.as_array()
        .map(|a| {
            a.iter()
                .map(|p| match p {
                    serde_json::Value::String(s) => s.clone(),
                    o => {
                        let code = s(o, "chi_tieu");
                        let text = s(o, "noi_dung");
                        if code.is_empty() {
                            text
                        } else {
                            format!("chỉ tiêu {code}: {text}")
                        }
                    }
                })
                .collect()
        })
        .unwrap_or_default()
}

fn indicators(v: &serde_json::Value, shown: &str) -> Result<Vec<Ind>, Vec<Problem>> {
    serde_json::from_value(v.clone())
        .map_err(|e| vec![m::indicators_unreadable(shown, &e.to_string())])
}

/// A commune zip: verified, then read. `district` (bcd/so) is the district package it came in.
pub fn commune(
    path: &Path,
    zip_name: &str,
    shown: &str,
    info: &DossierInfo,
    sidecar: bool,
) -> Result<Commune, Failure> {
    let fail = |p: Vec<Problem>| Failure::new(shown, p);
    let checked = verify(path, shown, sidecar).map_err(fail)?;
    let j = read_json(path, shown).map_err(fail)?;
    let mismatch = same_set_year(&j, info, "xa", shown);
    if !mismatch.is_empty() {
        return Err(fail(mismatch));
    }
    let dv = &j["don_vi"];
    let c = Commune {
        tinh: s(dv, "tinh"),
        huyen: s(dv, "huyen"),
        xa: s(dv, "xa"),
        loai: if s(dv, "loai").is_empty() {
            "xã".into()
        } else {
            s(dv, "loai")
        },
        zip_name: zip_name.to_string(),
        checked,
        so: s(&j["van_ban"], "so"),
        ngay: s(&j["van_ban"], "ngay"),
        indicators: indicators(&j["indicators"], shown).map_err(fail)?,
        errors: strings(&j["errors"]),
        warnings: strings(&j["warnings"]),
        district: None,
    };
    if c.xa.is_empty() || c.indicators.is_empty() {
        return Err(fail(vec![m::no_commune_or_indicators(shown)]));
    }
    if !info.don_vi.tinh.is_empty() && fold_tight(&c.tinh) != fold_tight(&info.don_vi.tinh) {
        return Err(fail(vec![m::commune_of_other_province(
            shown,
            &c.label(),
            &c.tinh,
            &info.don_vi.tinh,
        )]));
    }
    Ok(c)
}

/// A district package: verified, its ket-qua.json read, and every commune zip inside it copied to
/// `tmp` and verified in turn. Returns the communes, or the failures (district-wide or per commune).
pub fn district(path: &Path, info: &DossierInfo, tmp: &Path) -> (Vec<Commune>, Vec<Failure>) {
    let zip_name = path
        .file_name()
        .unwrap_or_default()
        .to_string_lossy()
        .into_owned();
    let whole = |p: Vec<Problem>| (Vec::new(), vec![Failure::new(&zip_name, p)]);
    let checked = match verify(path, &zip_name, true) {
        Ok(c) => c,
        Err(p) => return whole(p),
    };
    let j = match read_json(path, &zip_name) {
        Ok(j) => j,
        Err(p) => return whole(p),
    };
    let mut mismatch = same_set_year(&j, info, "huyen", &zip_name);
    let dv = &j["don_vi"];
    if !info.don_vi.tinh.is_empty() && fold_tight(&s(dv, "tinh")) != fold_tight(&info.don_vi.tinh) {
        mismatch.push(m::district_of_other_province(
            &zip_name,
            &s(dv, "tinh"),
            &info.don_vi.tinh,
        ));
    }
    if !mismatch.is_empty() {
        return whole(mismatch);
    }
    let records = j["ket_qua_xa"].as_array().cloned().unwrap_or_default();
    let inside: Vec<String> = package::list_data(path)
        .unwrap_or_default()
        .into_iter()
        .map(|(p, _)| p)
        .filter(|p| p.starts_with("ho-so-xa/") && p.to_lowercase().ends_with(".zip"))
        .collect();
    let mut failures = Vec::new();
    for p in &inside {
        if !records.iter().any(|r| s(r, "goi") == *p) {
            failures.push(Failure::new(
                &zip_name,
                vec![m::commune_without_record(&zip_name, p)],
            ));
        }
    }
    let district = District {
        zip_name: zip_name.clone(),
        checked,
        so: s(&j["van_ban"], "so"),
        ngay: s(&j["van_ban"], "ngay"),
        huyen: s(dv, "huyen"),
        indicators: Vec::new(),
    };
    use rayon::prelude::*;
    let results: Vec<Result<Commune, Failure>> = records
        .par_iter()
        .map(|r| inner_commune(path, r, &inside, &district, info, tmp))
        .collect();
    let mut communes = Vec::new();
    for r in results {
        match r {
            Ok(c) => communes.push(c),
            Err(f) => failures.push(f),
        }
    }
    (communes, failures)
}

/// One commune of a district package: its zip copied out and verified, then the district's record
/// of it held against it — the same commune, the same self-assessed figures.
fn inner_commune(
    path: &Path,
    r: &serde_json::Value,
    inside: &[String],
    district: &District,
    info: &DossierInfo,
    tmp: &Path,
) -> Result<Commune, Failure> {
    let zip_name = &district.zip_name;
    let goi = s(r, "goi");
    let name = goi.rsplit('/').next().unwrap_or(&goi).to_string();
    let shown = format!("{name} (trong gói {zip_name})");
    if !inside.contains(&goi) {
        return Err(Failure::new(
            &shown,
            vec![m::record_without_commune(zip_name, &goi)],
        ));
    }
    let copy = extract(path, &goi, tmp)
        .map_err(|e| Failure::new(&shown, vec![m::copy_failed(&shown, e)]))?;
    let read = commune(&copy, &name, &shown, info, false);
    remove_copy(&copy);
    let mut c = read?;
    let ind = indicators(&r["indicators"], zip_name).map_err(|p| Failure::new(&shown, p))?;
    // The district's record must describe this very commune and its own figures.
    let mut problems = Vec::new();
    if fold_tight(&s(r, "xa")) != fold_tight(&c.xa) {
        problems.push(m::record_of_other_commune(
            zip_name,
            &s(r, "xa"),
            &name,
            &c.xa,
        ));
    }
    for d in &ind {
        let lower = d.xa.as_ref().map(|f| f.value.clone()).unwrap_or_default();
        match c.indicators.iter().find(|x| x.code == d.code) {
            None => problems.push(m::recorded_indicator_missing(zip_name, &d.code, &name)),
            Some(o) if o.value != lower => problems.push(m::recorded_figure_differs(
                zip_name, &c.xa, &d.code, &lower, &o.value,
            )),
            _ => {}
        }
    }
    if !problems.is_empty() {
        return Err(Failure::new(&shown, problems));
    }
    c.district = Some(District {
        indicators: ind,
        ..district.clone()
    });
    Ok(c)
}

/// Removes a copy made by [`extract`] (and its folder): verified and read, it is not needed.
pub(super) fn remove_copy(copy: &Path) {
    if let Some(dir) = copy.parent() {
        let _ = std::fs::remove_dir_all(dir);
    }
}

/// Copies `data/<inner>` of a package into a new file in a new folder under `tmp`.
pub(super) fn extract(zip: &Path, inner: &str, tmp: &Path) -> Result<PathBuf, String> {
    let name = inner.rsplit('/').next().unwrap_or(inner);
    let dir = tempfile::Builder::new()
        .prefix(".hoso-")
        .tempdir_in(tmp)
        .map_err(|e| format!("không tạo được tệp tạm trong {}: {e}", tmp.display()))?;
    let dir = dir.keep();
    let out = dir.join(name);
    let mut f = std::fs::File::create(&out)
        .map_err(|e| format!("không tạo được tệp tạm {}: {e}", out.display()))?;
    package::copy_entry(zip, inner, &mut f)?;
    Ok(out)
}
