//! The file system as the page sees it: files served only from inside the open dossier or its
//! output folder (no `..`, no link leading out), the folder chooser (folders only), the recent
//! dossiers in the user's config folder, and a cheap fingerprint of the dossier tree.

use std::hash::{Hash, Hasher};
use std::path::{Component, Path, PathBuf};

/// `rel` (with `/` separators) resolved under `root`, or why not. Refuses `..`, absolute parts,
/// and anything whose real path (links followed) is outside `root`.
pub fn resolve_inside(root: &Path, rel: &str) -> Result<PathBuf, String> {
    let refuse = || {
        format!("đường dẫn \"{rel}\" không hợp lệ — chỉ mở được tệp trong thư mục hồ sơ hoặc thư mục kết quả")
    };
    if rel.is_empty() || rel.contains('\\') || rel.contains('\0') {
        return Err(refuse());
    }
    let mut path = root.to_path_buf();
    for part in rel.split('/') {
        let c: Vec<Component> = Path::new(part).components().collect();
        match c.as_slice() {
            [Component::Normal(n)] => path.push(n),
            _ => return Err(refuse()),
        }
    }
    let real_root = root.canonicalize().map_err(|_| refuse())?;
    let real = path
        .canonicalize()
        .map_err(|_| format!("không tìm thấy tệp \"{rel}\""))?;
    if !real.starts_with(&real_root) || !real.is_file() {
        return Err(refuse());
    }
    Ok(real)
}

/// One folder of the chooser.
#[derive(serde::Serialize)]
pub struct Folder {
    pub name: String,
    pub path: String,
    /// It holds a hoso.toml.
    pub ho_so: bool,
}

/// The sub-folders of `dir` (hidden ones left out), sorted by name.
pub fn folders(dir: &Path) -> Result<Vec<Folder>, String> {
    let rd = std::fs::read_dir(dir)
        .map_err(|e| format!("không mở được thư mục \"{}\": {e}", dir.display()))?;
    let mut v: Vec<Folder> = rd
        .flatten()
        .filter(|e| e.path().is_dir())
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            (!name.starts_with('.') && !name.starts_with('$')).then(|| Folder {
                ho_so: e.path().join("hoso.toml").is_file(),
                path: e.path().to_string_lossy().into_owned(),
                name,
            })
        })
        .collect();
    v.sort_by_cached_key(|e| crate::text::fold(&e.name));
    Ok(v)
}

/// Where the chooser starts: the user's home; the roots it offers: the drives on Windows, `/`
/// elsewhere.
pub fn home() -> PathBuf {
    std::env::var_os("HOME")
        .or_else(|| std::env::var_os("USERPROFILE"))
        .map(PathBuf::from)
        .filter(|p| p.is_dir())
        .unwrap_or_else(|| PathBuf::from("/"))
}

pub fn roots() -> Vec<String> {
    if cfg!(windows) {
        (b'A'..=b'Z')
            .map(|d| format!("{}:\\", d as char))
            .filter(|d| Path::new(d).is_dir())
            .collect()
    } else {
        vec!["/".into()]
    }
}

/// The user's config folder for hoso: `HOSO_CONFIG_DIR`, else `%APPDATA%\hoso` on Windows,
/// `$XDG_CONFIG_HOME/hoso` or `~/.config/hoso` elsewhere.
pub fn config_dir() -> Option<PathBuf> {
    if let Some(d) = std::env::var_os("HOSO_CONFIG_DIR") {
        return Some(PathBuf::from(d));
    }
    if cfg!(windows) {
        return std::env::var_os("APPDATA").map(|a| PathBuf::from(a).join("hoso"));
    }
    std::env::var_os("XDG_CONFIG_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".config")))
        .map(|c| c.join("hoso"))
}

const RECENT_MAX: usize = 8;

/// The recent dossiers, newest first, those still there.
pub fn recent() -> Vec<String> {
    let Some(f) = config_dir().map(|d| d.join("recent.json")) else {
        return Vec::new();
    };
    std::fs::read(f)
        .ok()
        .and_then(|b| serde_json::from_slice::<Vec<String>>(&b).ok())
        .unwrap_or_default()
        .into_iter()
        .filter(|p| Path::new(p).join("hoso.toml").is_file())
        .collect()
}

/// Puts `dossier` first in the recent list (written through a temporary file and a rename).
pub fn remember(dossier: &Path) -> Result<(), String> {
    let Some(dir) = config_dir() else {
        return Ok(());
    };
    let p = dossier.to_string_lossy().into_owned();
    let mut list = recent();
    list.retain(|x| x != &p);
    list.insert(0, p);
    list.truncate(RECENT_MAX);
    std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let json = serde_json::to_vec_pretty(&list).map_err(|e| e.to_string())?;
    crate::package::write_atomic(&dir.join("recent.json"), &json)
}

/// Paths, sizes and modification times of every file under `root`, hashed: changes when a file is
/// added, removed, renamed, or saved.
pub fn fingerprint(root: &Path) -> String {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    let mut entries: Vec<(String, u64, u128)> = walkdir::WalkDir::new(root)
        .into_iter()
        .flatten()
        .filter_map(|e| {
            let m = e.metadata().ok()?;
            let t = m
                .modified()
                .ok()
                .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
                .map(|d| d.as_nanos())
                .unwrap_or(0);
            Some((e.path().to_string_lossy().into_owned(), m.len(), t))
        })
        .collect();
    entries.sort();
    entries.hash(&mut h);
    format!("{:016x}", h.finish())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_files_inside_are_resolved() {
        let d = tempfile::tempdir().expect("tmp");
        let root = d.path().join("ho-so");
        std::fs::create_dir_all(root.join("1.1 A")).expect("mkdir");
        std::fs::write(root.join("1.1 A/a.pdf"), b"%PDF").expect("write");
        std::fs::write(d.path().join("secret.txt"), b"x").expect("write");
        assert!(resolve_inside(&root, "1.1 A/a.pdf").is_ok());
        for bad in [
            "../secret.txt",
            "1.1 A/../../secret.txt",
            "/etc/passwd",
            "",
            "1.1 A",
            "1.1 A\\..\\..\\secret.txt",
            "./1.1 A/a.pdf",
        ] {
            assert!(resolve_inside(&root, bad).is_err(), "{bad}");
        }
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(d.path().join("secret.txt"), root.join("link.txt"))
                .expect("symlink");
            assert!(resolve_inside(&root, "link.txt").is_err());
        }
    }

    #[test]
    fn fingerprint_changes_with_the_tree() {
        let d = tempfile::tempdir().expect("tmp");
        let a = fingerprint(d.path());
        std::fs::write(d.path().join("x.txt"), b"1").expect("write");
        let b = fingerprint(d.path());
        assert_ne!(a, b);
        assert_eq!(b, fingerprint(d.path()));
        std::fs::write(d.path().join("x.txt"), b"12").expect("write");
        assert_ne!(b, fingerprint(d.path()));
    }
}
