//! `hoso verify` over a district's or the Sở's package: the packages of the levels below, kept
//! unchanged inside it, are verified in turn (recursively), so the whole chain is checked.

use super::received::{extract, remove_copy, verify, zips_in};
use crate::package;
use std::path::{Path, PathBuf};

/// Packages nested in a package (`data/ho-so-xa/*.zip`, `data/ho-so-huyen/*.zip`), verified in
/// turn, recursively: `hoso verify` on a district's or the Sở's package checks the whole chain.
/// Returns how many nested packages were checked and their problems (each naming the package).
pub fn verify_nested(path: &Path) -> (usize, Vec<String>) {
    let Ok(tmp) = tempfile::Builder::new().prefix("hoso-").tempdir() else {
        return (
            0,
            vec!["không tạo được thư mục tạm để kiểm tra các gói lồng bên trong".into()],
        );
    };
    nested(path, "", tmp.path())
}

fn nested(path: &Path, outer: &str, tmp: &Path) -> (usize, Vec<String>) {
    let is_nested = |p: &str| {
        (p.starts_with("ho-so-xa/") || p.starts_with("ho-so-huyen/"))
            && p.to_lowercase().ends_with(".zip")
            && p.matches('/').count() == 1
    };
    // (name in the package, file on disk, a temporary copy to remove after use)
    let inner: Vec<(String, Option<PathBuf>)> = if path.is_dir() {
        ["ho-so-xa", "ho-so-huyen"]
            .iter()
            .flat_map(|f| {
                let d = path.join("data").join(f);
                zips_in(&d)
                    .map(|(z, _)| z)
                    .unwrap_or_default()
                    .into_iter()
                    .map(move |z| {
                        let n = z
                            .file_name()
                            .unwrap_or_default()
                            .to_string_lossy()
                            .into_owned();
                        (format!("{f}/{n}"), Some(z))
                    })
            })
            .collect()
    } else {
        package::list_data(path)
            .unwrap_or_default()
            .into_iter()
            .map(|(p, _)| p)
            .filter(|p| is_nested(p))
            .map(|p| (p, None))
            .collect()
    };
    let mut count = 0;
    let mut problems = Vec::new();
    // One nested package on disk at a time (a province's holds hundreds).
    for (name, on_disk) in inner {
        let shown = format!("{outer}data/{name}");
        let (p, copied) = match on_disk {
            Some(p) => (p, false),
            None => match extract(path, &name, tmp) {
                Ok(p) => (p, true),
                Err(e) => {
                    problems.push(format!("{shown}: {e}"));
                    continue;
                }
            },
        };
        count += 1;
        match verify(&p, &shown, false) {
            Err(e) => problems.extend(crate::problem::texts(&e)),
            Ok(_) => {
                let (n, e) = nested(&p, &format!("{shown} → "), tmp);
                count += n;
                problems.extend(e);
            }
        }
        if copied {
            remove_copy(&p);
        }
    }
    (count, problems)
}
