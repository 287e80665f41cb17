//! The command line: each subcommand resolves its arguments, calls the pipeline, prints for people
//! and returns an [`Outcome`]. Printing happens here (and in the web page) only.

pub mod cli;
pub mod desktop;
mod print;
mod progress;
mod sets;

use crate::evaluate::Evaluation;
use crate::pipeline::{self, Building, Outcome, Stop};
use crate::problem::Fatal;
use clap::Parser;
use cli::{Cli, Command};
use std::path::Path;

/// The whole program: arguments (rewritten for a Windows double-click), the command, the exit
/// code: 0 done, 1 the dossier is incomplete or invalid, 2 the command could not run.
pub fn main() -> u8 {
    desktop::utf8_console();
    let (args, start) = desktop::args();
    if start == desktop::Start::Desktop {
        desktop::title_window();
        eprintln!("{}", desktop::DESKTOP_NOTICE);
    }
    let code = run_args(args);
    desktop::hold_window_on_error(code != 0);
    code
}

fn run_args(args: Vec<std::ffi::OsString>) -> u8 {
    let cli = match Cli::try_parse_from(args) {
        Ok(c) => c,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return code;
        }
    };
    if !matches!(cli.command, Command::Serve { .. }) {
        desktop::end_quietly_on_closed_pipe();
    }
    match run(cli) {
        Ok(Outcome::Done) => 0,
        Ok(Outcome::Invalid) => 1,
        Err(Fatal(msg)) => {
            eprintln!("Lỗi: {msg}");
            2
        }
    }
}

pub fn run(cli: Cli) -> Result<Outcome, Fatal> {
    let catalog = pipeline::forms::load(cli.forms.as_deref())?;
    let terminal = progress::Terminal::new();
    let progress: &dyn crate::package::Progress = &terminal;
    match cli.command {
        Command::Sets { id } => sets::sets(&catalog, id.as_deref()),
        Command::Init {
            dir,
            bo,
            nam,
            cap,
            quy_trinh,
        } => {
            let (set, year, skeleton) =
                pipeline::init::create(&catalog, &dir, &bo, nam, &cap, quy_trinh.as_deref())?;
            print::init_next(&dir, set, year, &skeleton);
            Ok(Outcome::Done)
        }
        Command::Check { dir, strict, json } => check(&catalog, &dir, strict, json, progress),
        Command::Build {
            dir,
            out,
            allow_incomplete,
            strict,
            overwrite,
            typ,
            summary_only,
        } => {
            let o = pipeline::BuildOptions {
                allow_incomplete,
                strict,
                overwrite,
                typ,
                summary_only,
            };
            match pipeline::build(&catalog, &dir, &out, &o, progress) {
                Ok(b) => Ok(built(&out, b)),
                Err(s) => stopped(&dir, s),
            }
        }
        Command::Verify { path } => {
            let v = pipeline::verify(&path, progress)?;
            Ok(print::verified(&path, &v))
        }
        Command::Package { dir, strict } => print::package(&dir, strict, progress),
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

/// A dossier that could not be read names its problems (exit 1); a command that could not run
/// returns its message (exit 2).
fn stopped(dir: &Path, s: Stop) -> Result<Outcome, Fatal> {
    match s {
        Stop::Fatal(f) => Err(f),
        Stop::Unreadable(problems) => {
            eprintln!("Hồ sơ \"{}\" không đọc được:", dir.display());
            for p in problems {
                eprintln!("  - {}", p.text());
            }
            Ok(Outcome::Invalid)
        }
    }
}

/// `check` of a dossier that could not be read: with `--json`, its problems as JSON on stdout too
/// (`doc_khong_duoc`: true), so a program reading stdout is told why.
fn check_stopped(dir: &Path, s: Stop, json: bool) -> Result<Outcome, Fatal> {
    if let (true, Stop::Unreadable(problems)) = (json, &s) {
        let v = serde_json::json!({
            "doc_khong_duoc": true,
            "errors": problems.iter().map(crate::problem::Problem::to_json).collect::<Vec<_>>(),
            "warnings": [],
        });
        println!("{}", serde_json::to_string_pretty(&v).unwrap_or_default());
    }
    stopped(dir, s)
}

fn check(
    catalog: &crate::criteria::Catalog,
    dir: &Path,
    strict: bool,
    json: bool,
    progress: &dyn crate::package::Progress,
) -> Result<Outcome, Fatal> {
    let d = match pipeline::open(catalog, dir) {
        Ok(d) => d,
        Err(s) => return check_stopped(dir, s, json),
    };
    if d.higher {
        return print::level_check(catalog, &d, strict, json, progress);
    }
    let opts = pipeline::Options { strict, skip: None };
    let c = match pipeline::check_opened(catalog, &d, &opts) {
        Ok(c) => c,
        Err(s) => return check_stopped(dir, s, json),
    };
    if json {
        println!(
            "{}",
            serde_json::to_string_pretty(&pipeline::results::check_json(&c)).unwrap_or_default()
        );
    } else {
        print::table(&c);
        print::villages(&c.villages);
        print::problems(&c.errors, &c.warnings);
    }
    Ok(if c.errors.is_empty() {
        Outcome::Done
    } else {
        Outcome::Invalid
    })
}

/// What `build` prints: the problems, what was written, the package, the result.
fn built(out: &Path, b: Building) -> Outcome {
    match b {
        Building::Refused(c) => {
            print::problems(&c.errors, &c.warnings);
            eprintln!("\nHồ sơ chưa đầy đủ: không lập hồ sơ. Sửa các lỗi trên (hoặc dùng --cho-phep-thieu để lập bản nháp có ghi thiếu sót).");
            Outcome::Invalid
        }
        Building::Higher(l) => print::level_built(out, &l),
        Building::Built(c, built) => {
            if std::env::var_os("HOSO_TIMINGS").is_some() {
                let t = built.timings;
                eprintln!(
                    "timings_ms check={:.1} typeset={:.1} write={:.1} total={:.1}",
                    t.check.as_secs_f64() * 1e3,
                    t.typeset.as_secs_f64() * 1e3,
                    (t.total - t.check - t.typeset).as_secs_f64() * 1e3,
                    t.total.as_secs_f64() * 1e3
                );
            }
            print::problems(&c.errors, &c.warnings);
            for n in &built.notes {
                println!("Lưu ý: {n}");
            }
            let n_dat = c
                .evaluated
                .iter()
                .filter(|e| e.parent.is_none() && e.evaluation == Evaluation::Dat)
                .count();
            println!("\nĐã lập hồ sơ vào \"{}\":", out.display());
            for g in &built.files {
                println!("  {g}");
            }
            let summary = &built.package;
            println!(
                "  {} ({} tệp, SHA-256 {})",
                summary
                    .zip_path
                    .file_name()
                    .unwrap_or_default()
                    .to_string_lossy(),
                summary.files,
                summary.zip_sha256
            );
            println!(
                "Gói trên là bản xem trước, CHƯA KÝ SỐ. Ký các tệp PDF vào ô chữ ký có sẵn ({}), rồi chạy `hoso package {}` để lập gói nộp.",
                crate::render::fields::field_names().join(", "),
                out.display()
            );
            println!(
                "Kết quả: {} ({} chỉ tiêu đạt) — {}",
                c.summary.cau_ket_luan, n_dat, c.summary.ket_luan
            );
            if c.errors.is_empty() {
                Outcome::Done
            } else {
                Outcome::Invalid
            }
        }
    }
}
