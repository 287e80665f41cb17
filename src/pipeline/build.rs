//! `hoso build` and `hoso verify`: ket-qua.json, the documents (PDF + DOCX from one model), the
//! bảng kê, and the BagIt package — all written under temporary names and renamed when complete.

use crate::criteria::Catalog;
use crate::document::{self, bangke, model::Document};
use crate::evaluate::assessed::Checked;
use crate::package::{self, BagInfo, Entry, Source};
use crate::problem::{Fatal, Problem};
use crate::render;
use rayon::prelude::*;
use serde_json::json;
use std::path::Path;
use std::sync::Arc;

pub struct BuildOptions {
    pub allow_incomplete: bool,
    pub strict: bool,
    pub overwrite: bool,
    pub typ: bool,
    /// `--chi-tong-hop`: a province (sở) dossier builds its summary (bảng tổng hợp) alone.
    pub summary_only: bool,
}

/// The `ket-qua.json` value (also `hoso check --json`).
pub fn ket_qua(c: &Checked) -> serde_json::Value {
    let indicators: Vec<serde_json::Value> = c
        .evaluated
        .iter()
        .map(|e| {
            json!({
                "code": e.code,
                "parent": e.parent,
                "group": e.group,
                "name": e.name,
                "unit": e.unit,
                "value": e.value,
                "exact": e.exact,
                "target": e.target,
                "evaluation": e.evaluation,
                "source": e.source,
                "evidence": e.evidence,
                "description": e.description,
                "note": e.note,
                "warnings": crate::problem::texts(&e.warnings),
                "errors": crate::problem::texts(&e.errors),
            })
        })
        .collect();
    let mut v = json!({
        "bo_tieu_chi": c.set.id,
        "ten_bo_tieu_chi": c.set.title,
        "nam": c.info.nam,
        "cap": c.info.cap,
        "don_vi": c.info.don_vi,
        "van_ban": { "so": c.info.van_ban.so, "ngay": c.info.van_ban.ngay.iso() },
        "indicators": indicators,
        "summary": c.summary,
        "errors": c.errors,
        "warnings": c.warnings,
    });
    // Villages (thon/<tên thôn>/), only when the dossier has some: other outputs stay as they were.
    if let Some(set) = &c.villages.set {
        v["thon"] = json!({
            "bo_tieu_chi": set.id,
            "so_thon": c.villages.list.len(),
            "so_thon_dat": c.villages.met(),
            "danh_sach": c.villages.list.iter().map(|t| json!({
                "ten": t.ten,
                "summary": t.summary,
                "indicators": t.evaluated.iter().map(|e| json!({
                    "code": e.code, "value": e.value, "target": e.target, "evaluation": e.evaluation,
                })).collect::<Vec<_>>(),
            })).collect::<Vec<_>>(),
        });
    }
    v
}

/// `hoso check --json`: the ket-qua.json value, with every problem's fields (indicator, file, row,
/// cell, what to do) beside its text.
pub fn check_json(c: &Checked) -> serde_json::Value {
    let mut v = ket_qua(c);
    v["errors"] = c.errors.iter().map(Problem::to_json).collect();
    v["warnings"] = c.warnings.iter().map(Problem::to_json).collect();
    v
}

fn inside(child: &Path, parent: &Path) -> bool {
    match (resolved(child), parent.canonicalize().ok()) {
        (Some(c), Some(p)) => c.starts_with(p),
        _ => false,
    }
}

/// `path` made absolute through its nearest existing ancestor (a relative `ket-qua` is resolved
/// from the working folder), for paths that do not exist yet.
fn resolved(path: &Path) -> Option<std::path::PathBuf> {
    let mut rest = Vec::new();
    let mut at = path;
    loop {
        let here = if at.as_os_str().is_empty() {
            Path::new(".")
        } else {
            at
        };
        if let Ok(c) = here.canonicalize() {
            return Some(rest.iter().rev().fold(c, |p, n| p.join(n)));
        }
        rest.push(at.file_name()?.to_os_string());
        at = at.parent()?;
    }
}

/// A generated file, in memory until it is written.
struct Generated {
    name: String,
    bytes: Arc<Vec<u8>>,
}

/// Why a dossier was not checked or built: the command could not run (exit 2), or hoso.toml could
/// not be read (its problems; exit 1).
#[derive(Debug)]
pub enum Stop {
    Fatal(Fatal),
    Unreadable(Vec<Problem>),
}

impl From<Fatal> for Stop {
    fn from(f: Fatal) -> Stop {
        Stop::Fatal(f)
    }
}

/// Checks the commune's (or a district's own) dossier at `dir`.
pub fn check(catalog: &Catalog, dir: &Path, opts: &super::check::Options) -> Result<Checked, Stop> {
    if !dir.is_dir() {
        return Err(Stop::Fatal(Fatal(format!(
            "\"{}\" không phải là thư mục hồ sơ",
            dir.display()
        ))));
    }
    super::check::run(dir, catalog, opts).map_err(Stop::Unreadable)
}

/// What `build` did.
pub enum Building {
    /// The dossier has errors: nothing was written (without `--cho-phep-thieu`).
    Refused(Checked),
    /// A commune's (or a district's own) dossier, built.
    Built(Checked, Built),
    /// A higher level's dossier, from the packages it received.
    Higher(crate::pipeline::levels::LevelBuild),
}

/// The output folder made ready for a build: not inside the dossier, locked for this build, its
/// leftovers of an interrupted build swept. The lock is held while the value lives.
pub fn prepare_output(
    dir: &Path,
    out: &Path,
    overwrite: bool,
) -> Result<package::lock::OutputLock, Fatal> {
    if !dir.is_dir() {
        return Err(Fatal(format!(
            "\"{}\" không phải là thư mục hồ sơ",
            dir.display()
        )));
    }
    if inside(out, dir) {
        return Err(Fatal(format!(
            "thư mục kết quả \"{}\" nằm trong thư mục hồ sơ — hoso không ghi gì vào hồ sơ minh chứng; chọn --out ở ngoài",
            out.display()
        )));
    }
    // One hoso at a time in an output folder; the lock is released when the build ends.
    let lock = package::lock::OutputLock::acquire(out).map_err(Fatal)?;
    if package::lock::has_other_files(out) && !overwrite {
        return Err(Fatal(format!(
            "thư mục kết quả \"{}\" đã có tệp — dùng --ghi-de để ghi đè",
            out.display()
        )));
    }
    // Leftovers of an interrupted build (hoso's own temporary names only).
    package::lock::sweep(out).map_err(Fatal)?;
    Ok(lock)
}

/// `hoso build`: the dossier at `dir` into `out`. A higher level's dossier is built from the
/// packages it received; a commune's from its evidence.
pub fn build(
    catalog: &Catalog,
    dir: &Path,
    out: &Path,
    o: &BuildOptions,
    progress: bool,
) -> Result<Building, Stop> {
    let _lock = prepare_output(dir, out, o.overwrite)?;
    match crate::pipeline::levels::higher_info(catalog, dir) {
        Some(Ok(info)) => {
            return Ok(Building::Higher(crate::pipeline::levels::build(
                catalog, dir, out, o, &info, progress,
            )?))
        }
        Some(Err(problems)) => return Err(Stop::Unreadable(problems)),
        None => {}
    }
    if o.summary_only {
        return Err(Stop::Fatal(Fatal(
            "--chi-tong-hop chỉ dùng cho hồ sơ cấp sở (cap = \"so\" trong hoso.toml)".into(),
        )));
    }
    let t0 = std::time::Instant::now();
    let c = check(
        catalog,
        dir,
        &super::check::Options {
            strict: o.strict,
            skip: Some(out.to_path_buf()),
        },
    )?;
    if !c.errors.is_empty() && !o.allow_incomplete {
        return Ok(Building::Refused(c));
    }
    std::fs::create_dir_all(out).map_err(|e| {
        Fatal(format!(
            "không tạo được thư mục kết quả {}: {e}",
            out.display()
        ))
    })?;
    let t_check = t0.elapsed();
    let mut built = build_checked(&c, out, o.typ, progress, &|_, _| {})?;
    built.timings.check = t_check;
    built.timings.total = t0.elapsed();
    Ok(Building::Built(c, built))
}

/// What a build wrote: the generated files (names in the output folder) and the package.
pub struct Built {
    pub files: Vec<String>,
    pub package: package::PackageSummary,
    /// Where the time went (printed with HOSO_TIMINGS for benches/bench.sh).
    pub timings: Timings,
    /// Notes on the ND30 metadata (ho-so.xml) for the officer.
    pub notes: Vec<String>,
}

/// Stage timings of a build: measurement for the benches, never asserted in tests.
#[derive(Clone, Copy, Debug, Default)]
pub struct Timings {
    pub check: std::time::Duration,
    pub typeset: std::time::Duration,
    pub total: std::time::Duration,
}

/// Writes the documents, ket-qua.json, the bảng kê and the package of a checked commune dossier into
/// `out` (which exists). `stage(percent, what)` is told as each stage starts (the web page's bar).
pub fn build_checked(
    c: &Checked,
    out: &Path,
    typ: bool,
    progress: bool,
    stage: &dyn Fn(u32, &str),
) -> Result<Built, Fatal> {
    // Documents from the one model, rendered to both formats (in parallel: typst is the slow part).
    stage(10, "Dàn trang báo cáo và phụ lục");
    let mut docs: Vec<Document> = vec![document::report::mau01(c), document::report::phuluc01(c)];
    docs.extend(crate::document::villages::annex(c));
    docs.extend(
        c.lists
            .iter()
            .filter_map(|l| document::lists::list_form(c, l)),
    );
    let t1 = std::time::Instant::now();
    let mut generated = render_all(&docs, typ)?;
    let mut t_typeset = t1.elapsed();
    let json = serde_json::to_vec_pretty(&ket_qua(c)).map_err(|e| Fatal(e.to_string()))?;
    generated.push(Generated {
        name: "ket-qua.json".into(),
        bytes: Arc::new(json),
    });
    // Evidence entries: every file of the dossier but litter, under minh-chung/.
    let mut entries: Vec<Entry> = c
        .scan
        .files
        .iter()
        .map(|f| Entry {
            path: format!("minh-chung/{}", f.rel),
            source: Source::File(f.abs.clone()),
        })
        .collect();
    entries.extend(generated.iter().map(|g| Entry {
        path: format!("ho-so/{}", g.name),
        source: Source::Bytes(g.bytes.clone()),
    }));
    stage(50, "Tính mã băm SHA-256 của minh chứng");
    let hashes = package::hash_entries(&entries, progress).map_err(Fatal)?;
    // The bảng kê lists everything hashed so far: every evidence file and generated document.
    let listed: Vec<bangke::Listed> = hashes
        .iter()
        .map(|h| {
            let ind = c
                .scan
                .files
                .iter()
                .find(|f| format!("minh-chung/{}", f.rel) == h.path)
                .and_then(|f| f.indicator.clone())
                .unwrap_or_default();
            bangke::Listed {
                indicator: ind,
                name: h.path.clone(),
                size: h.size,
                sha256: h.sha256.clone(),
            }
        })
        .collect();
    stage(70, "Lập bảng kê");
    let bk = bangke::bang_ke(c, &listed);
    let t2 = std::time::Instant::now();
    let bk_files = render_all(std::slice::from_ref(&bk), typ)?;
    t_typeset += t2.elapsed();
    let mut extra_entries: Vec<Entry> = bk_files
        .iter()
        .map(|g| Entry {
            path: format!("ho-so/{}", g.name),
            source: Source::Bytes(g.bytes.clone()),
        })
        .collect();
    // ND30 Phụ lục VI metadata of every PDF generated (the bảng kê included).
    let xml_notes = {
        let mut all_docs: Vec<&Document> = docs.iter().collect();
        all_docs.push(&bk);
        let listed: Vec<package::hoso_xml::Doc> = all_docs
            .iter()
            .filter_map(|d| {
                let file = format!("{}.pdf", d.file_stem);
                let g = generated.iter().chain(&bk_files).find(|g| g.name == file)?;
                Some(package::hoso_xml::Doc {
                    doc: d,
                    pages: render::fields::page_count(&g.bytes).unwrap_or(0),
                    file,
                })
            })
            .collect();
        let (xml, notes) = package::hoso_xml::commune(c, &listed);
        extra_entries.push(Entry {
            path: "ho-so/ho-so.xml".into(),
            source: Source::Bytes(Arc::new(xml.clone().into_bytes())),
        });
        generated.push(Generated {
            name: "ho-so.xml".into(),
            bytes: Arc::new(xml.into_bytes()),
        });
        notes
    };
    let extra_hashes = package::hash_entries(&extra_entries, false).map_err(Fatal)?;
    entries.append(&mut extra_entries);
    let mut all_hashes = hashes;
    all_hashes.extend(extra_hashes);
    generated.extend(bk_files);
    stage(85, "Ghi tệp và đóng gói zip");
    // Loose copies of the generated files for the officer, then the package.
    for g in &generated {
        write_atomic(&out.join(&g.name), &g.bytes)?;
    }
    let bag_name = format!(
        "HoSo-{}-{}-{}",
        document::file_part(&c.info.don_vi.xa),
        c.set.id,
        c.info.nam
    );
    let info = BagInfo {
        bag_name: bag_name.clone(),
        source_organization: document::source_organization(&c.info),
        bagging_date: c.info.van_ban.ngay.ymd(),
        external_description: format!("{} ({}) năm {}", c.set.title, c.set.id, c.info.nam),
        extra: vec![
            ("Bo-Tieu-Chi".into(), c.set.id.clone()),
            ("Nam".into(), c.info.nam.to_string()),
            ("Cap".into(), c.info.cap.id().into()),
            (
                "Ket-Luan".into(),
                format!("{} — {}", c.summary.cau_ket_luan, c.summary.ket_luan),
            ),
        ],
    };
    // The zip written now is a preview, named as unsigned; `hoso package` writes the final one
    // after signing, from the record left in ban-goc.json.
    let preview = package::signed::preview_info(&info);
    let summary =
        package::write_package(out, &preview, &entries, &all_hashes, progress).map_err(Fatal)?;
    let pdfs: Vec<(String, &[u8])> = generated
        .iter()
        .filter(|g| g.name.ends_with(".pdf"))
        .map(|g| (g.name.clone(), g.bytes.as_slice()))
        .collect();
    let zip_name = format!("{}.zip", preview.bag_name);
    let index = package::signed::Index::new(&info, &zip_name, &pdfs);
    let index = serde_json::to_vec_pretty(&index).map_err(|e| Fatal(e.to_string()))?;
    write_atomic(&out.join(package::signed::INDEX), &index)?;
    Ok(Built {
        files: generated.into_iter().map(|g| g.name).collect(),
        package: summary,
        timings: Timings {
            typeset: t_typeset,
            ..Timings::default()
        },
        notes: xml_notes,
    })
}

fn render_all(docs: &[Document], typ: bool) -> Result<Vec<Generated>, Fatal> {
    let rendered: Vec<Result<Vec<Generated>, String>> = docs
        .par_iter()
        .map(|d| {
            let pdf = render::pdf::render_pdf(d)?;
            let docx = render::docx::render_docx(d)?;
            let mut v = vec![
                Generated {
                    name: format!("{}.pdf", d.file_stem),
                    bytes: Arc::new(pdf),
                },
                Generated {
                    name: format!("{}.docx", d.file_stem),
                    bytes: Arc::new(docx),
                },
            ];
            if typ {
                v.push(Generated {
                    name: format!("{}.typ", d.file_stem),
                    bytes: Arc::new(render::pdf::to_typst(d).into_bytes()),
                });
            }
            Ok(v)
        })
        .collect();
    let mut out = Vec::new();
    for r in rendered {
        out.extend(r.map_err(Fatal)?);
    }
    Ok(out)
}

/// Writes `path` through a temporary file in the same folder and a rename.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), Fatal> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let werr = |e: &(dyn std::error::Error + 'static)| {
        Fatal(package::lock::write_error(dir, Some(path), e))
    };
    let mut tmp = tempfile::Builder::new()
        .prefix(".hoso-")
        .rand_bytes(package::lock::RAND_LEN)
        .tempfile_in(dir)
        .map_err(|e| werr(&e))?;
    std::io::Write::write_all(&mut tmp, bytes).map_err(|e| werr(&e))?;
    tmp.persist(path).map_err(|e| werr(&e.error))?;
    Ok(())
}

/// What `hoso verify` found in a package (zip or bag folder).
pub struct Verified {
    pub report: package::VerifyReport,
    /// Signatures that no longer match, inside this package or in the packages nested in it.
    pub broken: Vec<String>,
    /// PDFs too large to re-check in memory (their hashes were checked).
    pub skipped: Vec<String>,
    /// Packages of the levels below kept inside, all intact.
    pub nested: usize,
}

impl Verified {
    pub fn intact(&self) -> bool {
        self.report.ok && self.broken.is_empty()
    }
}

/// `hoso verify`: every file's SHA-256, then (when those hold) the signatures of the PDFs inside
/// and the packages of the levels below kept inside it.
pub fn verify(path: &Path, progress: bool) -> Result<Verified, Fatal> {
    if !path.exists() {
        return Err(Fatal(format!("không tìm thấy \"{}\"", path.display())));
    }
    let report = package::verify(path, progress).map_err(Fatal)?;
    let (broken, skipped) = if report.problems.is_empty() {
        check_signatures_inside(path)
    } else {
        (Vec::new(), Vec::new())
    };
    let (nested, nested_problems) = if report.problems.is_empty() {
        crate::pipeline::levels::verify_nested(path)
    } else {
        (0, Vec::new())
    };
    Ok(Verified {
        report,
        broken: broken.into_iter().chain(nested_problems).collect(),
        skipped,
        nested,
    })
}

/// Re-checks the signatures of the signed PDFs inside a package. A zip is read from memory entry by
/// entry (nothing extracted to disk); PDFs above the in-memory limit are named as not re-checked.
fn check_signatures_inside(path: &Path) -> (Vec<String>, Vec<String>) {
    const IN_MEMORY: u64 = 128 * 1024 * 1024;
    let mut broken = Vec::new();
    let mut skipped = Vec::new();
    let is_pdf = |p: &str| p.to_lowercase().ends_with(".pdf");
    let mut note =
        |name: &str, status: Result<crate::evidence::pdfsig::SigStatus, String>| match status {
            Ok(crate::evidence::pdfsig::SigStatus::Broken { reason }) => {
                broken.push(format!("{name}: {reason}"))
            }
            Err(e) => broken.push(format!("{name}: {e}")),
            _ => {}
        };
    if path.is_dir() {
        for e in walkdir::WalkDir::new(path).into_iter().flatten() {
            let rel = e
                .path()
                .strip_prefix(path)
                .unwrap_or(e.path())
                .to_string_lossy()
                .into_owned();
            if e.file_type().is_file() && is_pdf(&rel) {
                note(&rel, crate::evidence::pdfsig::check_pdf(e.path()));
            }
        }
    } else {
        for (name, size) in package::list_data(path)
            .unwrap_or_default()
            .into_iter()
            .filter(|(p, _)| is_pdf(p))
        {
            if size > IN_MEMORY {
                skipped.push(name);
                continue;
            }
            match package::read_data(path, &name) {
                Ok(b) => note(&name, crate::evidence::pdfsig::check_bytes(&b)),
                Err(e) => note(&name, Err(e)),
            }
        }
    }
    (broken, skipped)
}
