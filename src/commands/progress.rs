//! Progress bars on the terminal (indicatif): hashing, packing and verifying count bytes; reading
//! received packages and writing a province's documents count items. Nothing is drawn when stderr
//! is not a terminal (pipes, tests).

use crate::package::{Bar, Progress};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;

/// Bars on stderr when it is a terminal.
pub struct Terminal {
    shown: bool,
}

impl Terminal {
    pub fn new() -> Terminal {
        Terminal {
            shown: std::io::stderr().is_terminal(),
        }
    }
}

struct Drawn(ProgressBar);

impl Bar for Drawn {
    fn inc(&self, n: u64) {
        self.0.inc(n);
    }
    fn finish(&self) {
        self.0.finish_and_clear();
    }
}

impl Progress for Terminal {
    fn step(&self, total: u64, what: &str, bytes: bool) -> Box<dyn Bar> {
        if !self.shown {
            return crate::package::progress::no_bar();
        }
        let bar = ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::stderr());
        let template = if bytes {
            "{msg} [{bar:30}] {bytes}/{total_bytes} ({bytes_per_sec}, còn {eta})"
        } else {
            "{msg} [{bar:30}] {pos}/{len} ({eta})"
        };
        if let Ok(style) = ProgressStyle::with_template(template) {
            bar.set_style(style.progress_chars("=> "));
        }
        bar.set_message(what.to_string());
        Box::new(Drawn(bar))
    }
}
