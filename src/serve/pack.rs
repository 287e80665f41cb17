//! "Lập hồ sơ" and "Đóng gói" for the page: the same stages as `hoso build` and `hoso package`,
//! with their typed results turned into JSON.

use super::{api, sign, App};
use crate::inputs::dossier;
use crate::pipeline::build::BuildOptions;
use crate::pipeline::check;
use serde_json::{json, Value};
use std::path::Path;

/// An output folder hoso may write into: new, empty, or one it wrote before (ket-qua.json).
fn out_usable(dir: &Path, out: &Path) -> Result<(), String> {
    if super::files::is_within(out, dir) {
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

pub fn build(app: &App, dir: &Path, out: &Path, allow_incomplete: bool) -> Result<Value, String> {
    out_usable(dir, out)?;
    let texts =
        |e: Vec<crate::problem::Problem>| e.iter().map(|p| p.text()).collect::<Vec<_>>().join("; ");
    let mut info = dossier::read(&dir.join("hoso.toml")).map_err(texts)?;
    if crate::pipeline::levels::is_higher(&app.catalog, &info) {
        crate::inputs::procedure::resolve(&mut info, &app.catalog).map_err(texts)?;
        return build_level(app, dir, out, &info);
    }
    let opts = check::Options {
        strict: false,
        skip: Some(out.to_path_buf()),
    };
    let c = check::run(dir, &app.catalog, &opts)
        .map_err(|e| e.iter().map(|p| p.text()).collect::<Vec<_>>().join("; "))?;
    if !c.errors.is_empty() && !allow_incomplete {
        return Err(format!(
            "Hồ sơ còn {} lỗi (xem mục Thiếu sót): sửa các lỗi rồi lập lại, hoặc chọn \"Lập bản nháp\" để lập có ghi thiếu sót",
            c.errors.len()
        ));
    }
    std::fs::create_dir_all(out)
        .map_err(|e| format!("không tạo được thư mục kết quả {}: {e}", out.display()))?;
    let built = crate::pipeline::build::build_checked(&c, out, false, false, &|p, s| {
        api::progress(app, p, s)
    })
    .map_err(|e| e.0)?;
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

fn build_level(
    app: &App,
    dir: &Path,
    out: &Path,
    info: &dossier::DossierInfo,
) -> Result<Value, String> {
    api::progress(app, 10, "Kiểm tra các gói hồ sơ nhận được");
    let o = BuildOptions {
        allow_incomplete: false,
        strict: false,
        overwrite: true,
        typ: false,
        summary_only: false,
    };
    let outcome =
        crate::pipeline::levels::build(&app.catalog, dir, out, &o, info, false).map_err(|e| e.0)?;
    let docs = sign::documents(out);
    let zip = docs["other"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|f| f["name"].as_str())
        .find(|n| n.ends_with(".zip"))
        .map(str::to_string);
    let Some(zip) = zip else {
        return Err(
            "không lập được: không có gói hồ sơ nào dùng được (xem các gói bị từ chối)".into(),
        );
    };
    let sha = std::fs::read_to_string(out.join(format!("{zip}.sha256")))
        .ok()
        .and_then(|s| s.split_whitespace().next().map(str::to_string))
        .unwrap_or_default();
    Ok(json!({
        "tep": docs["pdfs"].as_array().map(|a| a.iter().filter_map(|p| p["name"].as_str().map(String::from)).collect::<Vec<_>>()),
        "goi": zip,
        "sha256": sha,
        "thieu_sot": 0,
        "co_goi_bi_tu_choi": outcome.refused || !outcome.gathered.failures.is_empty(),
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
        progress: false,
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
