//! `hoso package <output folder>` and the signature lines of `hoso verify`: printing only; the work
//! is [`crate::package::signed`].

use crate::package::signed::{self, PackageError};
use crate::{Fatal, Outcome};
use std::io::IsTerminal;
use std::path::Path;

pub fn run(out: &Path, strict: bool) -> Result<Outcome, Fatal> {
    if !out.is_dir() {
        return Err(Fatal(format!(
            "\"{}\" không phải là thư mục kết quả của `hoso build`",
            out.display()
        )));
    }
    let opts = signed::Options {
        strict,
        progress: std::io::stderr().is_terminal(),
    };
    match signed::package(out, &opts) {
        Err(PackageError::Fatal(m)) => Err(Fatal(m)),
        Err(PackageError::Refused(v)) => {
            println!("Không lập gói nộp từ \"{}\":", out.display());
            for m in v {
                println!("  - {m}");
            }
            Ok(Outcome::Invalid)
        }
        Ok(p) => {
            println!("Văn bản trong gói:");
            for d in &p.documents {
                let from = match &d.signed_file {
                    Some(f) if f != &d.name => format!(" (bản ký: {f})"),
                    _ => String::new(),
                };
                println!(
                    "  {}: {}{from}",
                    d.name,
                    crate::evidence::signers::summary(&d.signatures)
                );
            }
            for w in &p.warnings {
                println!("Cảnh báo: {w}");
            }
            println!(
                "Đã lập gói nộp {} ({} tệp, SHA-256 {}).",
                p.zip_path.file_name().unwrap_or_default().to_string_lossy(),
                p.files,
                p.zip_sha256
            );
            Ok(Outcome::Done)
        }
    }
}

/// "  Mau01-….pdf: đã ký: A, t; B, t" for every generated document of a package.
pub fn print_signatures(path: &Path) {
    let docs = signed::document_signatures(path);
    if docs.is_empty() {
        return;
    }
    println!("Chữ ký số trên văn bản của gói:");
    for (name, r) in docs {
        match r {
            Ok(s) => println!("  {name}: {}", crate::evidence::signers::summary(&s)),
            Err(e) => println!("  {name}: chữ ký không còn khớp ({e})"),
        }
    }
}
