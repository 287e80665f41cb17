//! `hoso build` for a higher level: per commune the level's documents (rendered in parallel and
//! written as they are done, so memory stays flat over hundreds of communes), the level's
//! `ket-qua.json`, the province summary (sở), and the level's package holding the received
//! packages unchanged.

use super::results::ket_qua;
use super::{gather, inbox, not_met, received, Gathered};
use crate::criteria::Catalog;
use crate::document::file_part;
use crate::document::higher::{self as docs, summary, Ctx};
use crate::document::model::Document;
use crate::inputs::dossier::{DossierInfo, Level};
use crate::package::{BagInfo, Entry, PackageSummary, Progress, Source};
use crate::pipeline::build::BuildOptions;
use crate::pipeline::open::Dossier;
use crate::pipeline::output::{self, Generated};
use crate::problem::Fatal;
use std::collections::BTreeMap;
use std::path::Path;

/// A document a level writes per commune, by its id in the chain (`documents`).
fn document(id: &str, ctx: &Ctx) -> Option<Document> {
    Some(match id {
        "mau02" => docs::mau02(ctx),
        "phuluc02" => docs::phuluc02(ctx),
        "mau03" => docs::mau03(ctx),
        "mau04" => docs::mau04(ctx),
        "phuluc03" => docs::phuluc03(ctx),
        _ => return None,
    })
}

/// The level's package: named after its unit and kind of report, issued by its agency.
fn bag_info(info: &DossierInfo, g: &Gathered) -> BagInfo {
    let t = &info.don_vi.tinh;
    let (stem, org) = match info.cap {
        Level::Huyen => (
            format!(
                "ThamDinh-{}",
                file_part(&received::district_name(&info.don_vi.huyen))
            ),
            format!(
                "UBND {}, tỉnh {t}",
                received::district_label(&info.don_vi.huyen)
            ),
        ),
        Level::Bcd => (
            format!("YKien-{}", file_part(&docs::agency(info))),
            format!("{}, tỉnh {t}", info.don_vi.co_quan),
        ),
        _ => (
            format!("ThamTra-{}", file_part(t)),
            format!("{}, tỉnh {t}", docs::agency(info)),
        ),
    };
    let n_dat = g.met();
    let conclusion = format!("{n_dat}/{} đơn vị cấp xã đạt", g.done.len());
    output::bag_info(&stem, org, info, &g.set, conclusion)
}

/// Renders and writes every commune's documents on one plain thread per core, each taking the
/// next commune when done. Not rayon: typst parallelizes its layout on rayon's pool, and a rayon
/// worker waiting there would steal the next commune and run a second typst compile on top of
/// the first one's stack — hundreds deep over a province (stack overflow, memory growth).
fn render_communes(
    g: &Gathered,
    info: &DossierInfo,
    out: &Path,
    o: &BuildOptions,
    progress: &dyn Progress,
) -> Result<BTreeMap<usize, Vec<String>>, Fatal> {
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::Mutex;
    let next = AtomicUsize::new(0);
    let done: Mutex<BTreeMap<usize, Vec<String>>> = Mutex::new(BTreeMap::new());
    let failed: Mutex<Option<Fatal>> = Mutex::new(None);
    let pb = progress.step(g.done.len() as u64, "Lập văn bản", false);
    let work = || loop {
        let i = next.fetch_add(1, Ordering::SeqCst);
        if i >= g.done.len() || failed.lock().map(|f| f.is_some()).unwrap_or(true) {
            break;
        }
        match commune_documents(g, i, info, out, o) {
            Ok(names) => {
                if let Ok(mut m) = done.lock() {
                    m.insert(i, names);
                }
            }
            Err(e) => {
                if let Ok(mut f) = failed.lock() {
                    f.get_or_insert(e);
                }
            }
        }
        pb.inc(1);
    };
    let workers = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
        .min(g.done.len().max(1));
    std::thread::scope(|s| {
        for _ in 0..workers {
            let spawned = std::thread::Builder::new()
                .stack_size(64 << 20)
                .spawn_scoped(s, work);
            if let Err(e) = spawned {
                if let Ok(mut f) = failed.lock() {
                    f.get_or_insert(Fatal(format!("không tạo được luồng xử lý: {e}")));
                }
            }
        }
    });
    pb.finish();
    if let Some(e) = failed.into_inner().ok().flatten() {
        return Err(e);
    }
    Ok(done.into_inner().unwrap_or_default())
}

/// The documents the level's chain names for the `i`th commune, rendered and written; their names.
fn commune_documents(
    g: &Gathered,
    i: usize,
    info: &DossierInfo,
    out: &Path,
    o: &BuildOptions,
) -> Result<Vec<String>, Fatal> {
    if o.summary_only {
        return Ok(Vec::new());
    }
    let d = &g.done[i];
    let ctx = Ctx {
        info,
        set: &g.set,
        c: &d.c,
        rows: &d.rows,
        summary: &d.summary,
        narrative: d.narrative.as_ref(),
    };
    let mut names = Vec::new();
    for doc in crate::inputs::procedure::step(info)
        .documents
        .iter()
        .filter_map(|id| document(id, &ctx))
    {
        let files = output::render(&doc, o.typ)?;
        output::write_all(out, &files)?;
        names.extend(files.into_iter().map(|f| f.name));
    }
    // typst memoizes every layout; over hundreds of documents that is memory only.
    typst::comemo::evict(2);
    Ok(names)
}

/// What a higher level's build did: what it read (for the results table) and wrote.
pub struct LevelBuild {
    pub info: DossierInfo,
    pub gathered: Gathered,
    /// Nothing was built: no commune usable, or problems with the dossier itself.
    pub refused: bool,
    pub generated: Vec<String>,
    pub package: Option<PackageSummary>,
    pub timings: LevelTimings,
}

/// Measurement for benches/levels.sh, never asserted in tests.
#[derive(Clone, Copy, Debug, Default)]
pub struct LevelTimings {
    pub read_verify: std::time::Duration,
    pub total: std::time::Duration,
}

/// `hoso build` of a higher level's dossier: the packages received, verified and evaluated; per
/// commune the documents its chain level names; ket-qua.json; the province summary where the
/// chain asks for it; the level's package holding the received packages unchanged.
pub fn build(
    catalog: &Catalog,
    d: &Dossier,
    out: &Path,
    o: &BuildOptions,
    progress: &dyn Progress,
) -> Result<LevelBuild, Fatal> {
    let info = &d.info;
    let step = crate::inputs::procedure::step(info);
    let t0 = std::time::Instant::now();
    // Commune packages taken out of district packages are verified from here (same disk as the
    // output, removed at the end).
    let tmp = tempfile::Builder::new()
        .prefix(".hoso-tam-")
        .tempdir_in(out)
        .map_err(|e| {
            Fatal(format!(
                "không tạo được thư mục tạm trong {}: {e}",
                out.display()
            ))
        })?;
    progress.stage(10, "Kiểm tra các gói hồ sơ nhận được");
    let g = gather(catalog, d, o.strict, tmp.path(), progress)?;
    let mut done = LevelBuild {
        info: info.clone(),
        gathered: g,
        refused: false,
        generated: Vec::new(),
        package: None,
        timings: LevelTimings::default(),
    };
    let g = &done.gathered;
    if !g.general.is_empty() || g.done.is_empty() {
        // The output lock (`prepare_output`) removes the folder again if it made it.
        drop(tmp);
        done.refused = true;
        return Ok(done);
    }
    done.timings.read_verify = t0.elapsed();
    let docs_of = render_communes(g, info, out, o, progress)?;
    let mut generated: Vec<String> = docs_of.values().flatten().cloned().collect();
    if !o.summary_only {
        let json = serde_json::to_vec_pretty(&ket_qua(info, g, &docs_of))
            .map_err(|e| Fatal(e.to_string()))?;
        output::write_all(out, &[Generated::new("ket-qua.json", json)])?;
        generated.push("ket-qua.json".into());
    }
    if step.summary {
        generated.extend(write_summary(g, info, out, o)?);
    }
    drop(tmp);
    if !o.summary_only {
        done.package = Some(level_package(g, info, out, &generated, progress)?);
    }
    done.generated = generated;
    done.timings.total = t0.elapsed();
    Ok(done)
}

/// The level's package: the received packages as they came, then what this level wrote.
fn level_package(
    g: &Gathered,
    info: &DossierInfo,
    out: &Path,
    generated: &[String],
    progress: &dyn Progress,
) -> Result<PackageSummary, Fatal> {
    let folder = inbox(info);
    let mut entries: Vec<Entry> = g
        .received
        .iter()
        .map(|p| Entry {
            path: format!(
                "{folder}/{}",
                p.file_name().unwrap_or_default().to_string_lossy()
            ),
            source: Source::File(p.clone()),
        })
        .collect();
    entries.extend(generated.iter().map(|n| Entry {
        path: format!("ho-so/{n}"),
        source: Source::File(out.join(n)),
    }));
    output::package(out, &bag_info(info, g), &entries, Vec::new(), progress)
}

/// The province summary (bảng tổng hợp) as PDF, DOCX and XLSX; the names written.
fn write_summary(
    g: &Gathered,
    info: &DossierInfo,
    out: &Path,
    o: &BuildOptions,
) -> Result<Vec<String>, Fatal> {
    let mut lines: Vec<summary::Line> = g
        .done
        .iter()
        .map(|d| summary::Line {
            huyen: d.c.huyen.clone(),
            xa: d.c.xa.clone(),
            loai: d.c.loai.clone(),
            dat: d.summary.dat,
            total: d.summary.total,
            ty_le: d.summary.ty_le.clone(),
            ket_luan: d.summary.ket_luan.clone(),
            met: d.summary.dat_yeu_cau,
            not_met: not_met(&d.rows),
        })
        .collect();
    summary::sort(&mut lines);
    let doc = summary::document(info, &g.set, &lines, &g.failures);
    let mut files = output::render(&doc, o.typ)?;
    let book = summary::workbook(info, &g.set, &lines, &g.failures);
    let x = crate::render::xlsx::render_xlsx(&book).map_err(Fatal)?;
    files.push(Generated::new(format!("{}.xlsx", summary::stem(info)), x));
    output::write_all(out, &files)?;
    Ok(files.into_iter().map(|f| f.name).collect())
}
