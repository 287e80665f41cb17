//! Starting hoso the way a Windows user does (issue 15). A double-click on `hoso.exe` (no
//! arguments) opens the local page (`hoso serve`); a dossier folder dropped onto `hoso.exe` (one
//! argument, an existing folder) opens the page on it. The console writes UTF-8, so Vietnamese is
//! readable in `cmd.exe` and PowerShell also when the output is piped; a console window that hoso
//! owns alone (Explorer started it) says that closing it stops hoso and, when hoso ends with an
//! error, waits for Enter so the message can be read. On other systems the arguments are used as
//! given.

use std::ffi::OsString;
use std::path::Path;

/// How hoso was started.
#[derive(Debug, PartialEq, Eq)]
pub enum Start {
    /// The arguments are used as typed.
    AsTyped,
    /// A double-click or a folder dropped onto hoso.exe: rewritten to `serve`.
    Desktop,
}

/// The Windows rewriting, as a pure function of the arguments (`args[0]` is the program):
/// nothing → `serve`; one existing folder that is not a subcommand or an option → `serve <folder>`.
pub fn rewrite(
    args: Vec<OsString>,
    is_command: impl Fn(&str) -> bool,
    is_dir: impl Fn(&Path) -> bool,
) -> (Vec<OsString>, Start) {
    let program = args.first().cloned().unwrap_or_else(|| "hoso".into());
    match args.len() {
        0 | 1 => (vec![program, "serve".into()], Start::Desktop),
        2 => {
            let dropped = {
                let word = args[1].to_string_lossy();
                !word.starts_with('-') && !is_command(&word) && is_dir(Path::new(&args[1]))
            };
            if !dropped {
                return (args, Start::AsTyped);
            }
            let folder = args[1].clone();
            (vec![program, "serve".into(), folder], Start::Desktop)
        }
        _ => (args, Start::AsTyped),
    }
}

/// A terminal command whose reader goes away (`hoso check --json | head`) ends quietly, as Unix
/// tools do, instead of panicking on "Broken pipe": Rust ignores SIGPIPE, so every `println!`
/// after the reader closed would fail. Not for `serve`, whose sockets rely on SIGPIPE ignored.
pub fn end_quietly_on_closed_pipe() {
    #[cfg(unix)]
    // SAFETY: called once at start-up, before any thread exists; restores the default action.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}

/// The process arguments, rewritten on Windows (see [`rewrite`]).
pub fn args() -> (Vec<OsString>, Start) {
    let args: Vec<OsString> = std::env::args_os().collect();
    if !cfg!(windows) {
        return (args, Start::AsTyped);
    }
    rewrite(args, is_subcommand, Path::is_dir)
}

fn is_subcommand(word: &str) -> bool {
    use clap::CommandFactory;
    word == "help"
        || crate::commands::cli::Cli::command()
            .find_subcommand(word)
            .is_some()
}

/// What the console window says when hoso was started from the desktop.
pub const DESKTOP_NOTICE: &str = "hoso đang chạy: trang làm việc mở trong trình duyệt. \
Giữ cửa sổ này mở trong khi làm việc — đóng cửa sổ này là dừng hoso.";

/// Said before waiting, when hoso ends with an error in a window of its own.
pub const PRESS_ENTER: &str = "Nhấn Enter để đóng cửa sổ này.";

/// Sets the console's output code page to UTF-8 (65001). Rust writes to a console in UTF-16
/// already; the code page matters when the output goes through a pipe (`hoso sets | more`) or
/// to programs that read the console's encoding, such as PowerShell.
pub fn utf8_console() {
    #[cfg(windows)]
    {
        use windows_sys::Win32::System::Console::{GetConsoleOutputCP, SetConsoleOutputCP};
        const CP_UTF8: u32 = 65001;
        // SAFETY: plain Win32 calls with no pointers; they fail harmlessly without a console.
        unsafe {
            if GetConsoleOutputCP() != CP_UTF8 {
                SetConsoleOutputCP(CP_UTF8);
            }
        }
    }
}

/// Names the console window after what closing it does (a window started from the desktop).
pub fn title_window() {
    #[cfg(windows)]
    {
        use windows_sys::Win32::System::Console::SetConsoleTitleW;
        let title: Vec<u16> = WINDOW_TITLE.encode_utf16().chain([0]).collect();
        // SAFETY: `title` is a NUL-terminated UTF-16 string that outlives the call.
        unsafe {
            SetConsoleTitleW(title.as_ptr());
        }
    }
}

/// The console window's title when started from the desktop.
#[cfg_attr(not(windows), allow(dead_code))]
pub const WINDOW_TITLE: &str = "hoso — đóng cửa sổ này là dừng hoso";

/// True when hoso is the only process of its console: Explorer opened the window for it, and the
/// window closes as soon as hoso ends.
pub fn owns_console_window() -> bool {
    #[cfg(windows)]
    {
        use windows_sys::Win32::System::Console::GetConsoleProcessList;
        let mut ids = [0u32; 2];
        // SAFETY: the buffer holds `ids.len()` process ids, as the call is told.
        let n = unsafe { GetConsoleProcessList(ids.as_mut_ptr(), ids.len() as u32) };
        n == 1
    }
    #[cfg(not(windows))]
    false
}

/// Keeps a window of hoso's own open after an error until the officer presses Enter.
pub fn hold_window_on_error(failed: bool) {
    use std::io::IsTerminal;
    if failed && owns_console_window() && std::io::stdin().is_terminal() {
        eprintln!("\n{PRESS_ENTER}");
        let mut line = String::new();
        let _ = std::io::stdin().read_line(&mut line);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn os(v: &[&str]) -> Vec<OsString> {
        v.iter().map(OsString::from).collect()
    }

    fn commands(w: &str) -> bool {
        matches!(w, "sets" | "check" | "build" | "serve" | "help")
    }

    #[test]
    fn no_arguments_open_the_page() {
        let (a, s) = rewrite(os(&["hoso.exe"]), commands, |_| true);
        assert_eq!(a, os(&["hoso.exe", "serve"]));
        assert_eq!(s, Start::Desktop);
        let (a, _) = rewrite(Vec::new(), commands, |_| true);
        assert_eq!(a, os(&["hoso", "serve"]));
    }

    #[test]
    fn a_dropped_folder_opens_the_page_on_it() {
        let dropped = r"C:\Users\Cán bộ\Hồ sơ xã Tân Phúc 2024";
        let (a, s) = rewrite(os(&["hoso.exe", dropped]), commands, |p| {
            p == Path::new(dropped)
        });
        assert_eq!(a, os(&["hoso.exe", "serve", dropped]));
        assert_eq!(s, Start::Desktop);
    }

    #[test]
    fn typed_commands_are_kept() {
        for args in [
            vec!["hoso.exe", "sets"],
            vec!["hoso.exe", "check"],
            vec!["hoso.exe", "--version"],
            vec!["hoso.exe", "-h"],
            vec!["hoso.exe", "khong-co-thu-muc-nay"],
            vec!["hoso.exe", "check", r"D:\ho so"],
            vec!["hoso.exe", r"D:\ho so", "--no-open"],
        ] {
            // Every path is a folder here: a subcommand word or an option still wins.
            let exists = |p: &Path| p != Path::new("khong-co-thu-muc-nay");
            let (a, s) = rewrite(os(&args), commands, exists);
            assert_eq!(a, os(&args), "{args:?}");
            assert_eq!(s, Start::AsTyped, "{args:?}");
        }
    }

    #[test]
    fn the_real_subcommands_are_known() {
        for w in ["sets", "init", "check", "build", "verify", "help"] {
            assert!(is_subcommand(w), "{w}");
        }
        assert!(!is_subcommand("Hồ sơ 2024"));
    }
}
