//! What the command line prints for people: the indicator table, problems grouped by indicator,
//! the villages, a higher level's per-commune results. The only place (with the web page) that
//! turns typed results into text on the terminal.

use crate::criteria::{Catalog, CriteriaSet};
use crate::evaluate::assessed::{Checked, Villages};
use crate::evaluate::Evaluation;
use crate::inputs::dossier::{DossierInfo, Level};
use crate::package::signed::{self, PackageError};
use crate::package::Progress;
use crate::pipeline::init::Skeleton;
use crate::pipeline::levels::{not_met, Gathered, LevelBuild};
use crate::pipeline::{Dossier, Outcome, Verified};
use crate::problem::{Fatal, Problem};
use std::collections::BTreeMap;
use std::path::Path;

pub fn table(c: &Checked) {
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
            Evaluation::DangTrienKhai => "Đang triển khai",
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

use crate::text::clip_within as trunc;

/// Problems grouped by indicator, general ones first.
pub fn problems(errors: &[Problem], warnings: &[Problem]) {
    for (title, list) in [("LỖI (phải sửa)", errors), ("CẢNH BÁO", warnings)] {
        if list.is_empty() {
            continue;
        }
        println!("\n{title}: {}", list.len());
        let mut groups: BTreeMap<String, Vec<&Problem>> = BTreeMap::new();
        for p in list {
            groups
                .entry(p.indicator.clone().unwrap_or_default())
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
                println!("    - {}", p.text());
            }
        }
    }
    if errors.is_empty() && warnings.is_empty() {
        println!("\nHồ sơ đầy đủ, không có thiếu sót.");
    }
}

/// `hoso check`: one line per village, its result per condition.
pub fn villages(v: &Villages) {
    let Some(set) = &v.set else { return };
    if v.list.is_empty() {
        return;
    }
    let conds: Vec<&str> = set.top_level().map(|i| i.code.as_str()).collect();
    println!("\nCác thôn (bộ tiêu chí {}):", set.id);
    println!("{:<24} {}  KẾT QUẢ", "THÔN", conds.join(" "));
    for t in &v.list {
        let marks: Vec<String> = conds
            .iter()
            .map(|c| {
                let e = t.evaluated.iter().find(|e| e.code == *c);
                let m = if e.is_some_and(|e| e.evaluation == Evaluation::Dat) {
                    "Đạt"
                } else {
                    "Không"
                };
                format!("{m:<w$}", w = c.chars().count())
            })
            .collect();
        println!("{:<24} {}  {}", t.ten, marks.join(" "), t.summary.ket_luan);
    }
    println!(
        "Số thôn đạt: {}/{} (số thôn đạt = so_thon_dat)",
        v.met(),
        v.list.len()
    );
}

fn level_name(l: Level) -> &'static str {
    match l {
        Level::Huyen => "huyện (thẩm định)",
        Level::Bcd => "thành viên Ban chỉ đạo (ý kiến)",
        Level::So => "sở (thẩm tra)",
        Level::Tinh => "tỉnh (thẩm tra hồ sơ các xã)",
        Level::Xa => "xã",
    }
}

/// Per-commune results, then notes and failures, for people.
pub fn level_results(info: &DossierInfo, g: &Gathered) {
    println!(
        "Hồ sơ cấp {} — bộ tiêu chí {} — năm {}",
        level_name(info.cap),
        g.set.id,
        info.nam
    );
    println!(
        "{:<20} {:<22} {:>7} {:>8}  {:<10} {:>4}  CHỈ TIÊU KHÔNG ĐẠT",
        "HUYỆN", "XÃ", "ĐẠT", "TỶ LỆ", "KẾT QUẢ", "KHÁC"
    );
    for d in &g.done {
        println!(
            "{:<20} {:<22} {:>7} {:>8}  {:<10} {:>4}  {}",
            d.c.huyen,
            format!("{} {}", d.c.loai, d.c.xa),
            format!("{}/{}", d.summary.dat, d.summary.total),
            d.summary.ty_le,
            d.summary.ket_luan,
            d.rows.iter().filter(|r| r.differs).count(),
            not_met(&d.rows).join(", ")
        );
        for (name, sigs) in &d.c.checked.documents {
            println!("    {name}: {}", crate::evidence::signers::summary(sigs));
        }
    }
    let n_dat = g.met();
    println!(
        "\nTổng số: {} xã; đạt: {n_dat}; không đạt: {}.",
        g.done.len(),
        g.done.len() - n_dat
    );
    for n in &g.notes {
        println!("Lưu ý: {n}");
    }
    level_failures(g);
}

pub fn level_failures(g: &Gathered) {
    if !g.general.is_empty() {
        println!(
            "\nLỖI của hồ sơ (phải sửa, chưa lập được gì): {}",
            g.general.len()
        );
        for e in &g.general {
            println!("  - {e}");
        }
    }
    if !g.failures.is_empty() {
        println!(
            "\nLỖI: {} gói hồ sơ không dùng được (các xã khác vẫn được xử lý):",
            g.failures.len()
        );
        for f in &g.failures {
            println!("  Gói {}:", f.package);
            for p in &f.problems {
                println!("    - {p}");
            }
        }
    }
}

/// `hoso check` of a higher level's dossier: every received package verified and evaluated.
pub fn level_check(
    c: &Catalog,
    d: &Dossier,
    strict: bool,
    json: bool,
    progress: &dyn Progress,
) -> Result<Outcome, Fatal> {
    let g = crate::pipeline::levels::check(c, d, strict, progress)?;
    if json {
        let v = crate::pipeline::levels::ket_qua(&d.info, &g, &BTreeMap::new());
        println!("{}", serde_json::to_string_pretty(&v).unwrap_or_default());
    } else {
        level_results(&d.info, &g);
    }
    Ok(
        if g.general.is_empty() && g.failures.is_empty() && !g.done.is_empty() {
            Outcome::Done
        } else {
            Outcome::Invalid
        },
    )
}

/// What a higher level's `build` prints: the results, then what was written and the package.
pub fn level_built(out: &Path, l: &LevelBuild) -> Outcome {
    let g = &l.gathered;
    if l.refused {
        for n in &g.notes {
            println!("Lưu ý: {n}");
        }
        level_failures(g);
        println!("\nKhông lập hồ sơ: không có xã nào dùng được, hoặc hồ sơ còn lỗi chung ở trên.");
        return Outcome::Invalid;
    }
    if std::env::var_os("HOSO_TIMINGS").is_some() {
        eprintln!(
            "timings_ms read_verify={:.1} total={:.1} communes={}",
            l.timings.read_verify.as_secs_f64() * 1e3,
            l.timings.total.as_secs_f64() * 1e3,
            g.done.len()
        );
    }
    level_results(&l.info, g);
    println!("\nĐã lập hồ sơ vào \"{}\":", out.display());
    if l.generated.len() <= 16 {
        for n in &l.generated {
            println!("  {n}");
        }
    } else {
        println!(
            "  {} tệp văn bản (PDF, DOCX) và ket-qua.json",
            l.generated.len()
        );
    }
    if let Some(s) = &l.package {
        println!(
            "  {} ({} tệp, SHA-256 {})",
            s.zip_path.file_name().unwrap_or_default().to_string_lossy(),
            s.files,
            s.zip_sha256
        );
    }
    if g.failures.is_empty() {
        Outcome::Done
    } else {
        Outcome::Invalid
    }
}

/// What `hoso verify` prints.
pub fn verified(path: &Path, v: &Verified) -> Outcome {
    for s in &v.skipped {
        println!("Lưu ý: {s} lớn hơn 128 MB, chưa kiểm tra lại chữ ký số (mã băm SHA-256 của tệp vẫn đã được kiểm tra).");
    }
    if v.intact() {
        println!(
            "Gói \"{}\" nguyên vẹn: {} tệp đúng mã băm SHA-256.",
            path.display(),
            v.report.files_checked
        );
        if v.nested > 0 {
            println!(
                "Kèm {} gói hồ sơ cấp dưới bên trong, đều nguyên vẹn.",
                v.nested
            );
        }
        signatures(path);
        return Outcome::Done;
    }
    println!("Gói \"{}\" KHÔNG nguyên vẹn:", path.display());
    for p in &v.report.problems {
        println!("  - {}", p.message());
    }
    for s in &v.broken {
        println!("  - {s}");
    }
    Outcome::Invalid
}

/// `hoso package`: the final package from the signed documents.
pub fn package(out: &Path, strict: bool, progress: &dyn Progress) -> Result<Outcome, Fatal> {
    if !out.is_dir() {
        return Err(Fatal(format!(
            "\"{}\" không phải là thư mục kết quả của `hoso build`",
            out.display()
        )));
    }
    let opts = signed::Options { strict, progress };
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
fn signatures(path: &Path) {
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

/// What to do after `hoso init`.
pub fn init_next(dir: &Path, set: &CriteriaSet, year: i32, k: &Skeleton) {
    let (level, own, chain) = (k.level, k.own, k.chain);
    println!(
        "Đã tạo hồ sơ mẫu \"{}\" cho bộ tiêu chí {} năm {year}, quy trình {} ({}).",
        dir.display(),
        set.id,
        chain.id,
        chain.title
    );
    if own {
        println!("Tiếp theo: điền hoso.toml, so-lieu.xlsx (hoặc so-lieu.csv), noi-dung.docx (hoặc noi-dung.md); đặt tài liệu minh chứng vào thư mục từng chỉ tiêu; rồi chạy `hoso check {}`.", dir.display());
    } else {
        let step = chain.step(level).cloned().unwrap_or_default();
        let own = if step.figures.is_empty() {
            "tham-dinh"
        } else {
            step.figures.as_str()
        };
        println!("Tiếp theo: điền hoso.toml; chép nguyên vẹn các gói hồ sơ (.zip) nhận được vào {}/; ghi kết quả của cấp mình (nếu khác) vào {own}/<tên xã>.csv; rồi chạy `hoso check {}`.", step.reads, dir.display());
    }
}
