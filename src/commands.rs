//! The subcommands: each resolves its arguments, calls the stages, prints for people and returns
//! an [`Outcome`]. Printing happens here only.

use crate::check::{self, Checked, Problem};
use crate::cli::{Cli, Command};
use crate::criteria::Catalog;
use crate::{init, output, Fatal, Outcome};
use std::collections::BTreeMap;
use std::path::Path;

pub fn run(cli: Cli) -> Result<Outcome, Fatal> {
    let catalog = Catalog::load(cli.forms.as_deref()).map_err(Fatal)?;
    match cli.command {
        Command::Sets { id } => sets(&catalog, id.as_deref()),
        Command::Init { dir, bo, nam, cap } => init::run(&catalog, &dir, &bo, nam, &cap),
        Command::Check { dir, strict, json } => {
            if let Ok(info) = crate::inputs::dossier::read(&dir.join("hoso.toml")) {
                if info.cap != crate::inputs::dossier::Level::Xa {
                    return crate::levels::check(&catalog, &dir, strict, json, &info);
                }
            }
            let checked = load(&catalog, &dir, &check::Options { strict, skip: None })?;
            let Some(c) = checked else {
                return Ok(Outcome::Invalid);
            };
            if json {
                println!(
                    "{}",
                    serde_json::to_string_pretty(&output::ket_qua(&c)).unwrap_or_default()
                );
            } else {
                print_table(&c);
                print_problems(&c.errors, &c.warnings);
            }
            Ok(if c.errors.is_empty() {
                Outcome::Done
            } else {
                Outcome::Invalid
            })
        }
        Command::Build {
            dir,
            out,
            allow_incomplete,
            strict,
            overwrite,
            typ,
            summary_only,
        } => output::build(
            &catalog,
            &dir,
            &out,
            &output::BuildOptions {
                allow_incomplete,
                strict,
                overwrite,
                typ,
                summary_only,
            },
        ),
        Command::Verify { path } => output::verify(&path),
        Command::Package { dir, strict } => crate::submit::run(&dir, strict),
        Command::Serve { dir, port, no_open } => crate::serve::run(
            catalog,
            crate::serve::Options {
                dossier: dir,
                port,
                open_browser: !no_open,
            },
        ),
    }
}

/// Runs the check; `Ok(None)` when the dossier could not even be read (problems printed).
pub fn load(
    catalog: &Catalog,
    dir: &Path,
    opts: &check::Options,
) -> Result<Option<Checked>, Fatal> {
    if !dir.is_dir() {
        return Err(Fatal(format!(
            "\"{}\" không phải là thư mục hồ sơ",
            dir.display()
        )));
    }
    match check::run(dir, catalog, opts) {
        Ok(c) => Ok(Some(c)),
        Err(errs) => {
            eprintln!("Hồ sơ \"{}\" không đọc được:", dir.display());
            for e in errs {
                eprintln!("  - {e}");
            }
            Ok(None)
        }
    }
}

fn sets(catalog: &Catalog, id: Option<&str>) -> Result<Outcome, Fatal> {
    match id {
        None => {
            println!(
                "{:<38} {:<6} {:>4}  {}",
                "MÃ BỘ TIÊU CHÍ", "CẤP", "SỐ", "TÊN / CĂN CỨ"
            );
            for s in catalog.sets.values() {
                println!(
                    "{:<38} {:<6} {:>4}  {}",
                    s.id,
                    s.level.label(),
                    s.top_level().count(),
                    s.title
                );
                for b in &s.legal_basis {
                    println!("{:<38} {:<6} {:>4}    căn cứ: {}", "", "", "", b);
                }
            }
            Ok(Outcome::Done)
        }
        Some(id) => {
            let s = catalog.get(id).map_err(Fatal)?;
            println!("{} — {}", s.id, s.title);
            for b in &s.legal_basis {
                println!("Căn cứ: {b}");
            }
            println!("Công nhận: {}", s.recognition_basis);
            for g in &s.groups {
                println!("\n{} {}", g.code, g.name);
                for i in s.indicators.iter().filter(|i| i.group == g.code) {
                    let depth = {
                        let mut d = 0;
                        let mut p = i.parent.clone();
                        while let Some(c) = p {
                            d += 1;
                            p = s.indicator(&c).and_then(|x| x.parent.clone());
                        }
                        d
                    };
                    let target = match (&i.target, i.targets_by_year.is_empty(), i.target_source) {
                        (Some(t), _, _) => t.display(),
                        (None, false, _) => i
                            .targets_by_year
                            .iter()
                            .map(|(y, t)| format!("{y}: {}", t.display()))
                            .collect::<Vec<_>>()
                            .join(", "),
                        (None, true, crate::criteria::TargetSource::Yearly) => {
                            "giao hằng năm".into()
                        }
                        (None, true, _) if !i.children.is_empty() => "đạt mọi điều kiện".into(),
                        (None, true, _) => "hồ sơ ghi".into(),
                    };
                    let unit = if i.unit.is_empty() {
                        "-".to_string()
                    } else {
                        i.unit.clone()
                    };
                    println!(
                        "{}{:<10} [{}] [{}] {}",
                        "  ".repeat(depth + 1),
                        i.code,
                        unit,
                        target,
                        i.name
                    );
                }
            }
            Ok(Outcome::Done)
        }
    }
}

fn print_table(c: &Checked) {
    println!(
        "Bộ tiêu chí: {} — năm {} — {} {}",
        c.set.id, c.info.nam, c.info.don_vi.loai, c.info.don_vi.xa
    );
    println!(
        "{:<10} {:<24} {:<12} {:<16} {:>6}",
        "MÃ", "KẾT QUẢ", "CHỈ TIÊU", "ĐÁNH GIÁ", "TỆP"
    );
    for e in &c.evaluated {
        let eval = match e.evaluation {
            crate::evaluate::Evaluation::DangTrienKhai => "Đang triển khai",
            x => x.label(),
        };
        let indent = if e.parent.is_some() { "  " } else { "" };
        println!(
            "{:<10} {:<24} {:<12} {:<16} {:>6}",
            format!("{indent}{}", e.code),
            trunc(&e.value, 24),
            trunc(&e.target, 12),
            eval,
            e.evidence.len()
        );
    }
    println!(
        "\nKết quả: {} — {}",
        c.summary.cau_ket_luan, c.summary.ket_luan
    );
}

fn trunc(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        format!("{}…", s.chars().take(n - 1).collect::<String>())
    }
}

/// Problems grouped by indicator, general ones first.
pub fn print_problems(errors: &[Problem], warnings: &[Problem]) {
    for (title, list) in [("LỖI (phải sửa)", errors), ("CẢNH BÁO", warnings)] {
        if list.is_empty() {
            continue;
        }
        println!("\n{title}: {}", list.len());
        let mut groups: BTreeMap<String, Vec<&Problem>> = BTreeMap::new();
        for p in list {
            groups
                .entry(p.chi_tieu.clone().unwrap_or_default())
                .or_default()
                .push(p);
        }
        for (code, ps) in groups {
            if code.is_empty() {
                println!("  Chung:");
            } else {
                println!("  Chỉ tiêu {code}:");
            }
            for p in ps {
                println!("    - {}", p.noi_dung);
            }
        }
    }
    if errors.is_empty() && warnings.is_empty() {
        println!("\nHồ sơ đầy đủ, không có thiếu sót.");
    }
}
