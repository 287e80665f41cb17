//! Embeds the data files under `forms/` (`.toml`, and `.tmpl` templates) and `fonts/` into the binary, so `hoso` works from any folder
//! with no system fonts: generates `embedded.rs` with (relative path, bytes) tables.
use std::{env, fs, path::Path};

fn collect(root: &Path, dir: &Path, out: &mut Vec<(String, String)>) {
    let Ok(rd) = fs::read_dir(dir) else { return };
    let mut entries: Vec<_> = rd.flatten().map(|e| e.path()).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            collect(root, &p, out);
        } else {
            let rel = p
                .strip_prefix(root)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            out.push((
                rel,
                p.canonicalize().unwrap().to_string_lossy().into_owned(),
            ));
        }
    }
}

fn table(name: &str, root: &Path, keep: &dyn Fn(&str) -> bool) -> String {
    println!("cargo:rerun-if-changed={}", root.display());
    let mut files = Vec::new();
    collect(root, root, &mut files);
    let mut s = format!("pub static {name}: &[(&str, &[u8])] = &[\n");
    for (rel, abs) in files.iter().filter(|(r, _)| keep(r)) {
        println!("cargo:rerun-if-changed={abs}");
        s.push_str(&format!("    ({rel:?}, include_bytes!({abs:?})),\n"));
    }
    s.push_str("];\n");
    s
}

fn main() {
    let here = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut src = table("FORMS", &here.join("forms"), &|r| {
        r.ends_with(".toml") || r.ends_with(".tmpl")
    });
    src.push_str(&table("FONTS", &here.join("fonts"), &|r| {
        r.ends_with(".ttf") || r.ends_with(".otf")
    }));
    let out = Path::new(&env::var("OUT_DIR").unwrap()).join("embedded.rs");
    fs::write(out, src).unwrap();
}
