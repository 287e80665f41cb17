//! hoso: a commune's evidence folder → the signed-ready dossier (domain.md). `main` only parses,
//! dispatches and turns the outcome into an exit code: 0 done, 1 dossier incomplete or invalid,
//! 2 the command could not run.

mod check;
mod cli;
mod commands;
mod container;
mod criteria;
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
    let cli = match cli::Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    match commands::run(cli) {
        Ok(Outcome::Done) => ExitCode::SUCCESS,
        Ok(Outcome::Invalid) => ExitCode::from(1),
        Err(Fatal(msg)) => {
            eprintln!("Lỗi: {msg}");
            ExitCode::from(2)
        }
    }
}
