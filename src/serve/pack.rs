//! "Lập hồ sơ" and "Đóng gói" for the page: the same stages as `hoso build` and `hoso package`,
//! with their typed results turned into JSON.

use super::{api, sign, App};
use crate::package::{Bar, Progress, Silent};
use crate::pipeline::levels::LevelBuild;
use crate::pipeline::{self, BuildOptions, Building, Stop};
use serde_json::{json, Value};
use std::path::Path;

/// An output folder hoso may write into: new, empty, or one it wrote before (ket-qua.json).
fn out_usable(dir: &Path, out: &Path) -> Result<(), String> {
    if pipeline::build::inside(out, dir) {
        return Err(format!(
            "thư mục kết quả \"{}\" nằm trong thư mục hồ sơ — hoso không ghi gì vào hồ sơ minh chứng",
            out.display()
        ));
    }
    let non_empty = std::fs::read_dir(out)
        .map(|mut r| r.next().is_some())
        .unwrap_or(false);
    if non_empty && !out.join("ket-qua.json").is_file() {
        return Err(format!(
            "thư mục \"{}\" đã có tệp khác, không phải kết quả của hoso — đổi tên hoặc dời thư mục đó đi",
            out.display()
        ));
    }
    Ok(())
}

/// The page's bar follows the build's stages.
struct PageProgress<'a>(&'a App);

impl Progress for PageProgress<'_> {
    fn step(&self, _: u64, _: &str, _: bool) -> Box<dyn Bar> {
        crate::package::progress::no_bar()
    }
    fn stage(&self, percent: u32, what: &str) {
        api::progress(self.0, percent, what);
    }
}

/// "Lập hồ sơ": `hoso build` into the session's output folder (replacing what hoso wrote there).
pub fn build(app: &App, dir: &Path, out: &Path, allow_incomplete: bool) -> Result<Value, String> {
    out_usable(dir, out)?;
    let o = BuildOptions {
        allow_incomplete,
        strict: false,
        overwrite: true,
        typ: false,
        summary_only: false,
    };
    let built = pipeline::build(&app.catalog, dir, out, &o, &PageProgress(app));
    match built {
        Err(Stop::Fatal(f)) => Err(f.0),
        Err(Stop::Unreadable(p)) => Err(crate::problem::texts(&p).join("; ")),
        Ok(Building::Refused(c)) => Err(format!(
            "Hồ sơ còn {} lỗi (xem mục Thiếu sót): sửa các lỗi rồi lập lại, hoặc chọn \"Lập bản nháp\" để lập có ghi thiếu sót",
            c.errors.len()
        )),
        Ok(Building::Built(c, built)) => {
            let zip = built
                .package
                .zip_path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            Ok(json!({
                "tep": built.files,
                "goi": zip,
                "sha256": built.package.zip_sha256,
                "so_tep": built.package.files,
                "thieu_sot": c.errors.len(),
            }))
        }
        Ok(Building::Higher(l)) => level_built(out, &l),
    }
}

fn level_built(out: &Path, l: &LevelBuild) -> Result<Value, String> {
    let Some(p) = l.package.as_ref().filter(|_| !l.refused) else {
        return Err(
            "không lập được: không có gói hồ sơ nào dùng được (xem các gói bị từ chối)".into(),
        );
    };
    let docs = sign::documents(out);
    Ok(json!({
        "tep": docs["pdfs"].as_array().map(|a| a.iter().filter_map(|p| p["name"].as_str().map(String::from)).collect::<Vec<_>>()),
        "goi": p.zip_path.file_name().map(|n| n.to_string_lossy().into_owned()),
        "sha256": p.zip_sha256,
        "thieu_sot": 0,
        "co_goi_bi_tu_choi": !l.gathered.failures.is_empty(),
    }))
}

/// "Đóng gói": the package of the output folder, verified again, with who signed which document.
pub fn package(app: &App) -> super::http::Reply {
    use super::http::Reply;
    let Some(out) = app.session().out.filter(|o| o.is_dir()) else {
        return Reply::error(409, "chưa có thư mục kết quả — bấm \"Lập hồ sơ\" trước");
    };
    match package_in(&out) {
        Ok(v) => Reply::json(&v),
        Err(e) => Reply::error(422, &e),
    }
}

fn package_in(out: &Path) -> Result<Value, String> {
    use crate::package::signed::{self, PackageError};
    let opts = signed::Options {
        strict: false,
        progress: &Silent,
    };
    match signed::package(out, &opts) {
        Ok(p) => {
            let docs: Vec<Value> = p
                .documents
                .iter()
                .map(|d| {
                    json!({
                        "name": d.name,
                        "signed_file": d.signed_file,
                        "signers": d.signatures.iter().map(|s| s.label()).collect::<Vec<_>>(),
                        "signatures": d.signatures,
                    })
                })
                .collect();
            Ok(json!({
                "goi": p.zip_path.file_name().map(|n| n.to_string_lossy().into_owned()),
                "sha256": p.zip_sha256,
                "tep": p.files,
                "van_ban": docs,
                "canh_bao": p.warnings,
            }))
        }
        Err(PackageError::Fatal(m)) => Err(m),
        Err(PackageError::Refused(v)) => Err(format!("Không lập được gói nộp: {}", v.join("; "))),
    }
}
