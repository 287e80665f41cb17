//! The `hoso` binary: parses the command line, runs the command and turns the outcome into an exit
//! code: 0 done, 1 the dossier is incomplete or invalid, 2 the command could not run.

use std::process::ExitCode;

fn main() -> ExitCode {
    ExitCode::from(hoso::commands::main())
}
