//! `hoso build` for a higher level: per commune the level's documents (rendered in parallel and
//! written as they are done, so memory stays flat over hundreds of communes), the level's
//! `ket-qua.json`, the province summary (sở), and the level's package holding the received
//! packages unchanged.

use super::received::Fig;
use super::{bar, gather, inbox, not_met, Done, Gathered};
use crate::criteria::Catalog;
use crate::document::file_part;
use crate::document::higher::{self as docs, summary, Ctx};
use crate::document::model::Document;
use crate::evaluate::appraise::{eval_id, Row};
use crate::inputs::dossier::{DossierInfo, Level};
use crate::package::{self, BagInfo, Entry, Source};
use crate::pipeline::build::{write_atomic, BuildOptions};
use crate::problem::Fatal;
use serde_json::json;
use std::collections::BTreeMap;
use std::path::Path;

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

fn row_json(level: Level, d: &Done, r: &Row) -> serde_json::Value {
    let lower = json!({ "value": r.lower_value, "evaluation": eval_id(r.lower_eval) });
    let mut v = json!({
        "code": r.code,
        "parent": r.parent,
        "group": r.group,
        "name": r.name,
        "unit": r.unit,
        "target": r.target,
        "value": r.value,
        "evaluation": eval_id(r.evaluation),
        "note": r.note,
        "khac": r.differs,
    });
    match level {
        Level::So => {
            v["huyen"] = lower;
            let xa: Option<Fig> = d.c.district.as_ref().and_then(|dd| {
                dd.indicators
                    .iter()
                    .find(|i| i.code == r.code)
                    .and_then(|i| i.xa.clone())
            });
            v["xa"] = serde_json::to_value(xa).unwrap_or_default();
        }
        _ => v["xa"] = lower,
    }
    v
}

/// The level's `ket-qua.json` (also `hoso check --json`): per commune, the figures of every level
/// so far, the evaluation at this level, the summary, and the documents written for it.
pub fn ket_qua(
    info: &DossierInfo,
    g: &Gathered,
    docs: &BTreeMap<usize, Vec<String>>,
) -> serde_json::Value {
    let communes: Vec<serde_json::Value> = g
        .done
        .iter()
        .enumerate()
        .map(|(i, d)| {
            let c = &d.c;
            json!({
                "tinh": c.tinh,
                "huyen": c.huyen,
                "xa": c.xa,
                "loai": c.loai,
                "goi": format!("ho-so-xa/{}", c.zip_name),
                "goi_huyen": c.district.as_ref().map(|dd| format!("ho-so-huyen/{}", dd.zip_name)),
                "sha256": c.checked.sha256,
                "bao_cao_xa": { "so": c.so, "ngay": c.ngay },
                "bao_cao_huyen": c.district.as_ref().map(|dd| json!({ "so": dd.so, "ngay": dd.ngay })),
                "indicators": d.rows.iter().map(|r| row_json(info.cap, d, r)).collect::<Vec<_>>(),
                "summary": d.summary,
                "khong_dat": not_met(&d.rows),
                "tai_lieu": docs.get(&i).cloned().unwrap_or_default(),
            })
        })
        .collect();
    let n_dat = g.done.iter().filter(|d| d.summary.dat_yeu_cau).count();
    json!({
        "bo_tieu_chi": g.set.id,
        "ten_bo_tieu_chi": g.set.title,
        "nam": info.nam,
        "cap": info.cap,
        "don_vi": info.don_vi,
        "van_ban": { "so": info.van_ban.so, "ngay": info.van_ban.ngay.iso() },
        "ket_qua_xa": communes,
        "tong_hop": { "so_xa": g.done.len(), "dat": n_dat, "khong_dat": g.done.len() - n_dat },
        "loi": g.failures,
        "loi_chung": g.general,
    })
}

fn bag_info(info: &DossierInfo, g: &Gathered) -> BagInfo {
    let t = &info.don_vi.tinh;
    let (stem, org) = match info.cap {
        Level::Huyen => (
            format!(
                "ThamDinh-{}",
                file_part(&crate::inputs::received::district_name(&info.don_vi.huyen))
            ),
            format!(
                "UBND {}, tỉnh {t}",
                crate::inputs::received::district_label(&info.don_vi.huyen)
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
    let n_dat = g.done.iter().filter(|d| d.summary.dat_yeu_cau).count();
    let d = info.van_ban.ngay;
    BagInfo {
        bag_name: format!("{stem}-{}-{}", g.set.id, info.nam),
        source_organization: org,
        bagging_date: (d.year, d.month, d.day),
        external_description: format!("{} ({}) năm {}", g.set.title, g.set.id, info.nam),
        extra: vec![
            ("Bo-Tieu-Chi".into(), g.set.id.clone()),
            ("Nam".into(), info.nam.to_string()),
            ("Cap".into(), info.cap.id().into()),
            (
                "Ket-Luan".into(),
                format!("{n_dat}/{} đơn vị cấp xã đạt", g.done.len()),
            ),
        ],
    }
}

/// One document as PDF and DOCX (and its typst source with --typ), one after the other.
fn render(d: &Document, typ: bool) -> Result<Vec<(String, Vec<u8>)>, Fatal> {
    let mut v = vec![
        (
            format!("{}.pdf", d.file_stem),
            crate::render::pdf::render_pdf(d).map_err(Fatal)?,
        ),
        (
            format!("{}.docx", d.file_stem),
            crate::render::docx::render_docx(d).map_err(Fatal)?,
        ),
    ];
    if typ {
        v.push((
            format!("{}.typ", d.file_stem),
            crate::render::pdf::to_typst(d).into_bytes(),
        ));
    }
    Ok(v)
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
) -> Result<BTreeMap<usize, Vec<String>>, Fatal> {
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::Mutex;
    let next = AtomicUsize::new(0);
    let done: Mutex<BTreeMap<usize, Vec<String>>> = Mutex::new(BTreeMap::new());
    let failed: Mutex<Option<Fatal>> = Mutex::new(None);
    let pb = bar(g.done.len(), "Lập văn bản");
    let one = |i: usize| -> Result<Vec<String>, Fatal> {
        let d = &g.done[i];
        let ctx = Ctx {
            info,
            set: &g.set,
            c: &d.c,
            rows: &d.rows,
            summary: &d.summary,
            narrative: d.narrative.as_ref(),
        };
        let list: Vec<Document> = if o.summary_only {
            Vec::new()
        } else {
            crate::inputs::procedure::step(info)
                .documents
                .iter()
                .filter_map(|id| document(id, &ctx))
                .collect()
        };
        let mut names = Vec::new();
        for doc in &list {
            for (name, bytes) in render(doc, o.typ)? {
                write_atomic(&out.join(&name), &bytes)?;
                names.push(name);
            }
        }
        // typst memoizes every layout; over hundreds of documents that is memory only.
        typst::comemo::evict(2);
        Ok(names)
    };
    let work = || loop {
        let i = next.fetch_add(1, Ordering::SeqCst);
        if i >= g.done.len() || failed.lock().map(|f| f.is_some()).unwrap_or(true) {
            break;
        }
        match one(i) {
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
    pb.finish_and_clear();
    if let Some(e) = failed.into_inner().ok().flatten() {
        return Err(e);
    }
    Ok(done.into_inner().unwrap_or_default())
}

/// What a higher level's build did: what it read (for the results table) and wrote.
pub struct LevelBuild {
    pub info: DossierInfo,
    pub gathered: Gathered,
    /// Nothing was built: no commune usable, or problems with the dossier itself.
    pub refused: bool,
    pub generated: Vec<String>,
    pub package: Option<package::PackageSummary>,
    pub timings: LevelTimings,
}

/// Measurement for benches/levels.sh, never asserted in tests.
#[derive(Clone, Copy, Debug, Default)]
pub struct LevelTimings {
    pub read_verify: std::time::Duration,
    pub total: std::time::Duration,
}

pub fn build(
    catalog: &Catalog,
    dir: &Path,
    out: &Path,
    o: &BuildOptions,
    info: &DossierInfo,
    progress: bool,
) -> Result<LevelBuild, Fatal> {
    let step = crate::inputs::procedure::step(info);
    if o.summary_only && !step.summary {
        return Err(Fatal(
            "--chi-tong-hop chỉ dùng cho hồ sơ cấp sở (cap = \"so\" trong hoso.toml)".into(),
        ));
    }
    let t0 = std::time::Instant::now();
    let created = !out.exists();
    std::fs::create_dir_all(out).map_err(|e| {
        Fatal(format!(
            "không tạo được thư mục kết quả {}: {e}",
            out.display()
        ))
    })?;
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
    let g = gather(catalog, dir, info, o.strict, tmp.path())?;
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
        drop(tmp);
        if created {
            let _ = std::fs::remove_dir(out); // only if still empty
        }
        done.refused = true;
        return Ok(done);
    }
    done.timings.read_verify = t0.elapsed();
    // Per commune: documents, rendered and written as soon as they are done.
    let docs_of = render_communes(g, info, out, o)?;
    let mut generated: Vec<String> = docs_of.values().flatten().cloned().collect();
    if !o.summary_only {
        let json = serde_json::to_vec_pretty(&ket_qua(info, g, &docs_of))
            .map_err(|e| Fatal(e.to_string()))?;
        write_atomic(&out.join("ket-qua.json"), &json)?;
        generated.push("ket-qua.json".into());
    }
    if step.summary {
        generated.extend(write_summary(g, info, out, o)?);
    }
    drop(tmp);
    if !o.summary_only {
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
        let hashes = package::hash_entries(&entries, progress).map_err(Fatal)?;
        let s = package::write_package(out, &bag_info(info, g), &entries, &hashes, progress)
            .map_err(Fatal)?;
        done.package = Some(s);
    }
    done.generated = generated;
    done.timings.total = t0.elapsed();
    Ok(done)
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
    let mut names = Vec::new();
    let doc = summary::document(info, &g.set, &lines, &g.failures);
    for (name, bytes) in render(&doc, o.typ)? {
        write_atomic(&out.join(&name), &bytes)?;
        names.push(name);
    }
    let book = summary::workbook(info, &g.set, &lines, &g.failures);
    let x = crate::render::xlsx::render_xlsx(&book).map_err(Fatal)?;
    let name = format!("{}.xlsx", summary::stem(info));
    write_atomic(&out.join(&name), &x)?;
    names.push(name);
    Ok(names)
}
