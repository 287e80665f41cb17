//! Helpers shared by the end-to-end tests: run the real binary, build dossiers in temporary folders,
//! and call the outside checkers (poppler, python tools) that `scripts/test` installs. A missing
//! outside tool fails the test with one line naming the package to install.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The binary under test: `HOSO_TEST_BIN` when set (scripts/same-outputs/capture stands in for hoso
/// that way, recording every dossier the tests build), else the one cargo built.
pub fn hoso() -> Command {
    match std::env::var_os("HOSO_TEST_BIN") {
        Some(bin) => Command::new(bin),
        None => Command::new(env!("CARGO_BIN_EXE_hoso")),
    }
}

pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    pub fn all(&self) -> String {
        format!("{}\n{}", self.stdout, self.stderr)
    }
}

pub fn run(args: &[&str]) -> Run {
    let out: Output = hoso().args(args).output().expect("hoso runs");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

pub fn run_in(dir: &Path, args: &[&str]) -> Run {
    let out: Output = hoso()
        .current_dir(dir)
        .args(args)
        .output()
        .expect("hoso runs");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The Python with the outside checkers: HOSO_PYTHON (set by scripts/test), else the venv
/// scripts/test made (target/test-venv), else python3.
pub fn python() -> String {
    if let Ok(p) = std::env::var("HOSO_PYTHON") {
        return p;
    }
    let venv = repo().join("target/test-venv/bin/python");
    if venv.exists() {
        return venv.to_string_lossy().into_owned();
    }
    "python3".into()
}

/// The Debian package of an outside command the tests call.
pub fn package_of(tool: &str) -> &'static str {
    match tool {
        "pdftotext" | "pdffonts" | "pdftoppm" | "pdfinfo" => "poppler-utils",
        "qpdf" => "qpdf",
        "unzip" => "unzip",
        "sha256sum" => "coreutils",
        "unshare" | "mount" => "util-linux",
        "soffice" | "libreoffice" => "libreoffice-writer-nogui",
        "xmllint" => "libxml2-utils",
        "chromium" => "chromium",
        "chromedriver" => "chromium-driver",
        "wine" | "wine64" => "wine64",
        "x86_64-w64-mingw32-gcc" => "gcc-mingw-w64-x86-64",
        _ => "python3 python3-venv",
    }
}

/// Whether `tool` is a command on PATH (or a path to an existing file).
pub fn has_tool(tool: &str) -> bool {
    if tool.contains('/') {
        return Path::new(tool).is_file();
    }
    std::env::var_os("PATH")
        .map(|paths| std::env::split_paths(&paths).any(|d| d.join(tool).is_file()))
        .unwrap_or(false)
}

/// The message when an outside tool is missing: one line, naming the package.
pub fn missing_tool(tool: &str) -> String {
    let pkg = package_of(tool);
    format!("cần cài {pkg}: apt-get install {pkg} (hoặc chạy scripts/test) — thiếu lệnh {tool}")
}

/// A command for an outside tool; the test fails with one clear line when it is not installed.
pub fn tool(name: &str) -> Command {
    if !has_tool(name) {
        panic!("{}", missing_tool(name));
    }
    Command::new(name)
}

/// The pip package of a Python module the tests import.
fn pip_of(module: &str) -> &str {
    match module {
        "docx" => "python-docx",
        "pyhanko" => "pyHanko",
        "pyhanko_certvalidator" => "pyhanko-certvalidator",
        m => m,
    }
}

/// Fails with one line when Python or one of its checker modules is missing.
fn python_failed(stderr: &str) {
    if let Some(at) = stderr.find("No module named ") {
        let module = stderr[at + 16..]
            .trim_start_matches(['\'', '"'])
            .split(['\'', '"', '.', '\n'])
            .next()
            .unwrap_or("");
        let pip = pip_of(module);
        panic!(
            "cần cài gói Python {pip}: chạy scripts/test (tạo target/test-venv từ tests/requirements.txt) hoặc pip install {pip}"
        );
    }
}

/// Runs the tests' Python; a missing interpreter or module fails with one line.
pub fn python_command() -> Command {
    let p = python();
    if !has_tool(&p) {
        panic!("{}", missing_tool("python3"));
    }
    Command::new(p)
}

/// Runs `cmd` (a python command) and turns a missing module into one line.
pub fn python_output(cmd: &mut Command) -> Output {
    let out = cmd.output().expect("python runs");
    if !out.status.success() {
        python_failed(&String::from_utf8_lossy(&out.stderr));
    }
    out
}

pub fn py(code: &str, args: &[&str]) -> Run {
    let out = python_output(python_command().arg("-c").arg(code).args(args));
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// The project's own ND30 layout checker (tests/tools/nd30.py).
pub fn nd30_tool() -> PathBuf {
    repo().join("tests/tools/nd30.py")
}

/// The shared layout checker, when present: HOSO_ND30_CHECK, else ../shared/tools/nd30_check.py.
pub fn nd30_check() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("HOSO_ND30_CHECK").filter(|p| !p.is_empty()) {
        return Some(PathBuf::from(p));
    }
    let p = repo().join("../shared/tools/nd30_check.py");
    p.exists().then_some(p)
}

/// Runs a layout checker on the PDFs: (exit code, its report).
pub fn run_checker(checker: &Path, pdfs: &[PathBuf]) -> (i32, String) {
    for t in ["pdffonts", "qpdf"] {
        if !has_tool(t) {
            panic!("{}", missing_tool(t));
        }
    }
    let out = python_output(python_command().arg(checker).args(pdfs));
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.code().unwrap_or(-1), text)
}

pub fn write(root: &Path, rel: &str, bytes: impl AsRef<[u8]>) {
    let p = root.join(rel);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, bytes).unwrap();
}

/// A minimal valid one-page PDF (unsigned).
pub fn tiny_pdf(text: &str) -> Vec<u8> {
    let content = format!("BT /F1 12 Tf 72 720 Td ({text}) Tj ET");
    let objs = [
        "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_string(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>".to_string(),
        format!("<< /Length {} >>\nstream\n{content}\nendstream", content.len()),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_string(),
    ];
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, o) in objs.iter().enumerate() {
        offsets.push(out.len());
        out.extend(format!("{} 0 obj\n{o}\nendobj\n", i + 1).as_bytes());
    }
    let xref = out.len();
    out.extend(format!("xref\n0 {}\n0000000000 65535 f \n", objs.len() + 1).as_bytes());
    for o in offsets {
        out.extend(format!("{o:010} 00000 n \n").as_bytes());
    }
    out.extend(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objs.len() + 1
        )
        .as_bytes(),
    );
    out
}

/// A tiny JPEG header (enough for type detection).
pub fn tiny_jpeg() -> Vec<u8> {
    let mut v = vec![
        0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, b'J', b'F', b'I', b'F', 0x00, 0x01, 0x01, 0x00, 0x00,
        0x01, 0x00, 0x01, 0x00, 0x00,
    ];
    v.extend([0u8; 64]);
    v.extend([0xFF, 0xD9]);
    v
}

pub const HOSO_TOML: &str = r#"bo_tieu_chi = "{SET}"
nam = 2024
cap = "xa"

[don_vi]
tinh = "Thanh Hóa"
huyen = "Hoằng Hóa"
xa = "Tân Phúc"
loai = "xã"

[van_ban]
so = "125/BC-UBND"
ngay = 2024-11-10
dia_danh = "Tân Phúc"
noi_nhan = ["UBND huyện Hoằng Hóa (để b/c);", "Lưu: VT, VP."]

[nguoi_ky]
tham_quyen = "TM. ỦY BAN NHÂN DÂN"
chuc_vu = "CHỦ TỊCH"
ho_ten = "Lê Văn Hùng"
"#;

/// A dossier in a temporary folder: hoso.toml for `set`, a so-lieu.csv from `rows`
/// (Mã, Kết quả, Chỉ tiêu, Trạng thái), and an evidence PDF in a folder per code in `folders`.
pub struct Dossier {
    pub dir: tempfile::TempDir,
}

impl Dossier {
    pub fn new(set: &str) -> Dossier {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), "hoso.toml", HOSO_TOML.replace("{SET}", set));
        Dossier { dir }
    }
    pub fn path(&self) -> &Path {
        self.dir.path()
    }
    pub fn p(&self) -> String {
        self.dir.path().to_string_lossy().into_owned()
    }
    pub fn solieu(&self, rows: &[(&str, &str, &str, &str)]) -> &Self {
        let mut s = String::from("\u{feff}Mã,Kết quả,Chỉ tiêu,Trạng thái\n");
        for (c, v, t, st) in rows {
            s.push_str(&format!("{c},\"{v}\",\"{t}\",{st}\n"));
        }
        write(self.path(), "so-lieu.csv", s);
        self
    }
    pub fn evidence(&self, folder: &str, file: &str) -> &Self {
        write(self.path(), &format!("{folder}/{file}"), tiny_pdf(folder));
        self
    }
    pub fn file(&self, rel: &str, bytes: impl AsRef<[u8]>) -> &Self {
        write(self.path(), rel, bytes);
        self
    }
    pub fn check_json(&self) -> (i32, serde_json::Value, String) {
        let r = run(&["check", &self.p(), "--json"]);
        let v = serde_json::from_str(&r.stdout).unwrap_or(serde_json::Value::Null);
        (r.code, v, r.all())
    }
}

pub fn indicator<'a>(v: &'a serde_json::Value, code: &str) -> &'a serde_json::Value {
    v["indicators"]
        .as_array()
        .and_then(|a| a.iter().find(|i| i["code"] == code))
        .unwrap_or_else(|| panic!("indicator {code} in {v}"))
}

/// Values for every Thanh Hóa indicator that meet its target (targets given where the set does not fix them).
pub fn thanh_hoa_rows() -> Vec<(&'static str, &'static str, &'static str, &'static str)> {
    vec![
        ("1.1", "Có", "", ""),
        ("1.2", "100%", "", ""),
        ("1.3", "100%", "", ""),
        ("1.4", "100%", "100%", ""),
        ("1.5", "100%", "100%", ""),
        ("1.6", "45%", "≥ 30%", ""),
        ("1.7", "Có", "", ""),
        ("1.8", "Có", "", ""),
        ("1.9", "Có", "", ""),
        ("1.10", "100%", "100%", ""),
        ("1.11", "Có", "", ""),
        ("2.1", "85%", "≥ 80%", ""),
        ("2.2", "100%", "100%", ""),
        ("2.3", "100%", "", ""),
        ("2.4", "60%", "≥ 50%", ""),
        ("2.5", "60%", "≥ 50%", ""),
        ("2.6", "70%", "≥ 60%", ""),
        ("3.1", "86%", "≥ 80%", ""),
        ("3.2", "78%", "≥ 70%", ""),
        ("3.3", "85%", "≥ 80%", ""),
        ("3.4", "80%", "≥ 75%", ""),
        ("3.5", "92%", "≥ 90%", ""),
        ("3.6", "25%", "≥ 20%", ""),
        ("3.7", "100%", "100%", ""),
        ("3.8", "100%", "≥ 80%", ""),
        ("3.9", "71%", "≥ 60%", ""),
        ("3.10", "40%", "≥ 35%", ""),
        ("3.11", "60%", "≥ 55%", ""),
        ("3.12", "75%", "≥ 70%", ""),
        ("4.1", "100%", "100%", ""),
        ("4.2", "Có", "", ""),
        ("4.3", "100%", "", ""),
        ("4.4", "Có", "", ""),
        ("4.5", "6", "", ""),
        ("4.6", "Có", "", ""),
        ("4.7", "Có", "", ""),
        ("4.8", "Có", "", ""),
    ]
}

/// A complete Thanh Hóa dossier with one PDF per indicator folder.
pub fn thanh_hoa_complete() -> Dossier {
    let d = Dossier::new("thanh-hoa-cds-xa");
    d.solieu(&thanh_hoa_rows());
    for (code, _, _, _) in thanh_hoa_rows() {
        d.evidence(&format!("{code} Minh chứng"), "tai-lieu.pdf");
    }
    d
}

/// The ids `hoso sets` lists.
pub fn set_ids() -> Vec<String> {
    run(&["sets"])
        .stdout
        .lines()
        .skip(1)
        .filter_map(|l| l.split_whitespace().next())
        .filter(|w| w.contains('-') && !w.contains(':'))
        .map(str::to_string)
        .collect()
}

/// A complete dossier for set `id`, made from `hoso init`'s own so-lieu: every target met (a value
/// and, where the set fixes none, a target), a signed PDF in every folder init wrote.
pub fn complete_from_init(id: &str) -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("hs");
    assert_eq!(
        run(&["init", dir.to_str().unwrap(), "--bo", id, "--nam", "2024"]).code,
        0
    );
    write(&dir, "hoso.toml", HOSO_TOML.replace("{SET}", id));
    let text = std::fs::read_to_string(dir.join("so-lieu.csv")).unwrap();
    let mut rdr =
        csv::ReaderBuilder::new().from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let all: Vec<Vec<String>> = rdr
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect();
    let mut out = String::from("Mã,Kết quả,Chỉ tiêu\n");
    for r in &all {
        let (code, unit, target) = (&r[0], &r[2], &r[3]);
        let is_parent = all.iter().any(|o| {
            o[0] != *code
                && o[0].starts_with(code.as_str())
                && o[0][code.len()..].starts_with(['a', 'b', 'c', 'd', 'e', '.'])
        });
        let (value, t) = if target.is_empty() && is_parent {
            (String::new(), String::new())
        } else if target.is_empty() {
            if unit == "%" {
                ("100%".to_string(), "≥ 50%".to_string())
            } else {
                ("Có".to_string(), "Có".to_string())
            }
        } else {
            let v = target
                .split(';')
                .map(|p| {
                    let p = p.trim();
                    if p == "Có" {
                        "Có".to_string()
                    } else if ["/tháng", "/tuần", "/năm", "/quý", "/ngày"]
                        .iter()
                        .any(|w| p.ends_with(w))
                    {
                        // A frequency is met by a count with its period.
                        "400 lần/năm".to_string()
                    } else if p.rsplit_once('/').is_some_and(|(_, d)| {
                        !d.is_empty() && d.chars().all(|c| c.is_ascii_digit())
                    }) {
                        // A fraction of a whole (≥ 2/3 of the thôn) is met by the whole.
                        "3/3".to_string()
                    } else if p.contains('%') || p.contains('/') && !p.contains(' ') {
                        "100%".to_string()
                    } else {
                        "100".to_string()
                    }
                })
                .collect::<Vec<_>>()
                .join("; ");
            (v, String::new())
        };
        out.push_str(&format!("{code},\"{value}\",\"{t}\"\n"));
    }
    std::fs::remove_file(dir.join("so-lieu.xlsx")).unwrap();
    write(&dir, "so-lieu.csv", out);
    let signed = std::fs::read(repo().join("tests/fixtures/signed.pdf")).unwrap();
    for e in walkdir::WalkDir::new(&dir)
        .min_depth(1)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_dir())
    {
        std::fs::write(e.path().join("minh-chung.pdf"), &signed).unwrap();
        for x in std::fs::read_dir(e.path())
            .unwrap()
            .flatten()
            .filter(|x| x.file_name().to_string_lossy().starts_with("mau-"))
        {
            std::fs::remove_file(x.path()).unwrap();
        }
    }
    (tmp, dir)
}

/// The text of a PDF by poppler's pdftotext (`-layout` when asked).
pub fn pdftotext_raw(pdf: &Path, layout: bool) -> String {
    let mut cmd = tool("pdftotext");
    if layout {
        cmd.arg("-layout");
    }
    let out = cmd
        .args([pdf.to_str().unwrap(), "-"])
        .output()
        .expect("pdftotext runs");
    assert!(out.status.success());
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Whitespace folded to single spaces.
pub fn flat(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Runs the project's ND30 layout checker (tests/tools/nd30.py) on the PDFs, and the shared one
/// too when it is present; fails the test with their reports.
pub fn nd30(pdfs: &[PathBuf]) {
    assert!(!pdfs.is_empty());
    // HOSO_ND30_KEEP=<folder>: keep a copy of every checked PDF there, to look at.
    if let Some(keep) = std::env::var_os("HOSO_ND30_KEEP") {
        let keep = PathBuf::from(keep);
        let _ = std::fs::create_dir_all(&keep);
        for p in pdfs {
            let parent = p.parent().and_then(|d| d.file_name()).unwrap_or_default();
            let name = format!(
                "{}-{}",
                parent.to_string_lossy(),
                p.file_name().unwrap_or_default().to_string_lossy()
            );
            let _ = std::fs::copy(p, keep.join(name));
        }
    }
    let (code, report) = run_checker(&nd30_tool(), pdfs);
    assert_eq!(code, 0, "tests/tools/nd30.py:\n{report}");
    if let Some(shared) = nd30_check() {
        let (code, report) = run_checker(&shared, pdfs);
        assert_eq!(code, 0, "{}:\n{report}", shared.display());
    }
}

/// The files of `dir` with extension `ext`, sorted.
pub fn files_with(dir: &Path, ext: &str) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == ext))
        .collect();
    v.sort();
    v
}

/// `hoso build <dossier> --out <out> [extra…]`.
pub fn build(dossier: &Path, out: &Path, extra: &[&str]) -> Run {
    let mut args = vec![
        "build",
        dossier.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    run(&args)
}
