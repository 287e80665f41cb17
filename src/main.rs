//! hoso: a commune's evidence folder → the signed-ready dossier (domain.md). `main` only parses,
//! dispatches and turns the outcome into an exit code: 0 done, 1 dossier incomplete or invalid,
//! 2 the command could not run.

mod check;
mod cli;
mod commands;
mod container;
mod criteria;
mod desktop;
mod document;
mod embedded;
mod evaluate;
mod evidence;
#[cfg(test)]
mod fuzz_tests;
mod init;
mod init_narrative;
mod inputs;
mod levels;
mod oserr;
mod output;
mod package;
mod render;
mod serve;
mod submit;
mod text;
mod villages;

use clap::Parser;
use std::process::ExitCode;

/// How a command ended.
pub enum Outcome {
    Done,
    /// The dossier has problems (already printed).
    Invalid,
}

/// A command that could not run (exit 2), with a Vietnamese message.
pub struct Fatal(pub String);

fn main() -> ExitCode {
    desktop::utf8_console();
    let (args, start) = desktop::args();
    if start == desktop::Start::Desktop {
        desktop::title_window();
        eprintln!("{}", desktop::DESKTOP_NOTICE);
    }
    let code = run(args);
    desktop::hold_window_on_error(code != 0);
    ExitCode::from(code)
}

fn run(args: Vec<std::ffi::OsString>) -> u8 {
    let cli = match cli::Cli::try_parse_from(args) {
        Ok(c) => c,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return code;
        }
    };
    match commands::run(cli) {
        Ok(Outcome::Done) => 0,
        Ok(Outcome::Invalid) => 1,
        Err(Fatal(msg)) => {
            eprintln!("Lỗi: {msg}");
            2
        }
    }
}
