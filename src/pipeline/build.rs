//! `hoso build`: the output folder made ready (outside the dossier, locked, leftovers swept), then a
//! commune's (or a district's own) dossier built from its evidence — the documents its chain level
//! names, ket-qua.json, the bảng kê, ho-so.xml, the preview package and the record `hoso package`
//! signs against — or a higher level's from the packages it received (`levels`). Everything is
//! written under a temporary name and renamed when complete.

use super::open::{open, Stop};
use super::output::{self, Generated};
use crate::criteria::Catalog;
use crate::document::{self, bangke, model::Document};
use crate::evaluate::assessed::Checked;
use crate::package::{self, Entry, Hashed, Progress, Source};
use crate::problem::Fatal;
use crate::render;
use std::path::Path;
use std::time::{Duration, Instant};

pub struct BuildOptions {
    pub allow_incomplete: bool,
    pub strict: bool,
    pub overwrite: bool,
    pub typ: bool,
    /// `--chi-tong-hop`: a province (sở) dossier builds its summary (bảng tổng hợp) alone.
    pub summary_only: bool,
}

/// What `build` did.
pub enum Building {
    /// The dossier has errors: nothing was written (without `--cho-phep-thieu`).
    Refused(Box<Checked>),
    /// A commune's (or a district's own) dossier, built.
    Built(Box<Checked>, Built),
    /// A higher level's dossier, from the packages it received.
    Higher(super::levels::LevelBuild),
}

/// What a commune build wrote: the generated files (names in the output folder) and the package.
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
    pub check: Duration,
    pub typeset: Duration,
    pub total: Duration,
}

/// `hoso build`: the dossier at `dir` into `out`.
pub fn build(
    catalog: &Catalog,
    dir: &Path,
    out: &Path,
    o: &BuildOptions,
    progress: &dyn Progress,
) -> Result<Building, Stop> {
    let _lock = prepare_output(dir, out, o.overwrite)?;
    let d = open(catalog, dir)?;
    if o.summary_only && !(d.higher && crate::inputs::procedure::step(&d.info).summary) {
        return Err(Stop::Fatal(Fatal(
            "--chi-tong-hop chỉ dùng cho hồ sơ cấp sở (cap = \"so\" trong hoso.toml)".into(),
        )));
    }
    if d.higher {
        let l = super::levels::build(catalog, &d, out, o, progress)?;
        return Ok(Building::Higher(l));
    }
    let t0 = Instant::now();
    let c = super::check_opened(
        catalog,
        &d,
        &super::Options {
            strict: o.strict,
            skip: Some(out.to_path_buf()),
        },
    )?;
    if !c.errors.is_empty() && !o.allow_incomplete {
        return Ok(Building::Refused(Box::new(c)));
    }
    let t_check = t0.elapsed();
    let mut built = build_checked(&c, out, o.typ, progress)?;
    built.timings.check = t_check;
    built.timings.total = t0.elapsed();
    Ok(Building::Built(Box::new(c), built))
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

/// Whether `child` is `parent` or lies inside it, by real paths; a `child` that does not exist yet
/// by its nearest existing ancestor.
pub fn inside(child: &Path, parent: &Path) -> bool {
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

/// Writes the documents, ket-qua.json, the bảng kê and the package of a checked commune dossier into
/// `out` (which exists). `progress` is told as each stage starts (the web page's bar).
pub fn build_checked(
    c: &Checked,
    out: &Path,
    typ: bool,
    progress: &dyn Progress,
) -> Result<Built, Fatal> {
    progress.stage(10, "Dàn trang báo cáo và phụ lục");
    let docs = documents(c);
    let t1 = Instant::now();
    let mut generated = output::render_all(&docs, typ)?;
    let mut typeset = t1.elapsed();
    let json =
        serde_json::to_vec_pretty(&super::results::ket_qua(c)).map_err(|e| Fatal(e.to_string()))?;
    generated.push(Generated::new("ket-qua.json", json));
    let mut entries = evidence_entries(c);
    entries.extend(generated.iter().map(Generated::entry));
    progress.stage(50, "Tính mã băm SHA-256 của minh chứng");
    let hashes = package::hash_entries(&entries, progress).map_err(Fatal)?;
    progress.stage(70, "Lập bảng kê");
    let bk = bangke::bang_ke(c, &listed(c, &hashes));
    let t2 = Instant::now();
    let bk_files = output::render_all(std::slice::from_ref(&bk), typ)?;
    typeset += t2.elapsed();
    // ND30 Phụ lục VI metadata of every PDF generated (the bảng kê included).
    let mut all_docs = docs;
    all_docs.push(bk);
    let (xml, notes) = ho_so_xml(c, &all_docs, &[&generated, &bk_files]);
    entries.extend(bk_files.iter().map(Generated::entry));
    entries.push(xml.entry());
    generated.push(xml);
    generated.extend(bk_files);
    progress.stage(85, "Ghi tệp và đóng gói zip");
    // Loose copies of the generated files for the officer, then the package.
    output::write_all(out, &generated)?;
    let summary = preview_package(c, out, &entries, hashes, &generated, progress)?;
    Ok(Built {
        files: generated.into_iter().map(|g| g.name).collect(),
        package: summary,
        timings: Timings {
            typeset,
            ..Timings::default()
        },
        notes,
    })
}

/// The documents of a commune's level, in order: those its chain names (forms/chains/*.toml
/// `documents` of the `xa` level), else Mẫu 01, Phụ lục 01, the villages' annex and the list forms.
pub fn documents(c: &Checked) -> Vec<Document> {
    let mut docs = Vec::new();
    for id in crate::inputs::procedure::own_documents(&c.info) {
        match id.as_str() {
            "mau01" => docs.push(document::report::mau01(c)),
            "phuluc01" => docs.push(document::report::phuluc01(c)),
            "phuluc-thon" => docs.extend(document::villages::annex(c)),
            "mau-bieu" => docs.extend(
                c.lists
                    .iter()
                    .filter_map(|l| document::lists::list_form(c, l)),
            ),
            _ => {}
        }
    }
    docs
}

/// Every file of the dossier but litter, under `minh-chung/`.
fn evidence_entries(c: &Checked) -> Vec<Entry> {
    c.scan
        .files
        .iter()
        .map(|f| Entry {
            path: format!("minh-chung/{}", f.rel),
            source: Source::File(f.abs.clone()),
        })
        .collect()
}

/// What the bảng kê lists: everything hashed so far, every evidence file with its indicator and
/// every generated document.
fn listed(c: &Checked, hashes: &[Hashed]) -> Vec<bangke::Listed> {
    hashes
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
        .collect()
}

/// ho-so.xml for every PDF among `generated` (with its page count), and the notes on what it
/// lacks.
fn ho_so_xml(
    c: &Checked,
    docs: &[Document],
    generated: &[&[Generated]],
) -> (Generated, Vec<String>) {
    let listed: Vec<package::hoso_xml::Doc> = docs
        .iter()
        .filter_map(|d| {
            let file = format!("{}.pdf", d.file_stem);
            let g = generated
                .iter()
                .flat_map(|g| g.iter())
                .find(|g| g.name == file)?;
            Some(package::hoso_xml::Doc {
                doc: d,
                pages: render::fields::page_count(&g.bytes).unwrap_or(0),
                file,
            })
        })
        .collect();
    let (xml, notes) = package::hoso_xml::commune(c, &listed);
    (Generated::new("ho-so.xml", xml.into_bytes()), notes)
}

/// The package written now is a preview, named as unsigned; `hoso package` writes the final one
/// after signing, from the record left in ban-goc.json.
fn preview_package(
    c: &Checked,
    out: &Path,
    entries: &[Entry],
    hashes: Vec<Hashed>,
    generated: &[Generated],
    progress: &dyn Progress,
) -> Result<package::PackageSummary, Fatal> {
    let info = output::bag_info(
        &format!("HoSo-{}", document::file_part(&c.info.don_vi.xa)),
        document::source_organization(&c.info),
        &c.info,
        &c.set,
        format!("{} — {}", c.summary.cau_ket_luan, c.summary.ket_luan),
    );
    let preview = package::signed::preview_info(&info);
    let summary = output::package(out, &preview, entries, hashes, progress)?;
    let pdfs: Vec<(String, &[u8])> = generated
        .iter()
        .filter(|g| g.name.ends_with(".pdf"))
        .map(|g| (g.name.clone(), g.bytes.as_slice()))
        .collect();
    let zip_name = format!("{}.zip", preview.bag_name);
    let index = package::signed::Index::new(&info, &zip_name, &pdfs);
    let index = serde_json::to_vec_pretty(&index).map_err(|e| Fatal(e.to_string()))?;
    package::write_atomic(&out.join(package::signed::INDEX), &index).map_err(Fatal)?;
    Ok(summary)
}
