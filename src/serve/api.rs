//! The page's JSON endpoints under `/api/`: open or create a dossier, the check, the build job,
//! the documents, files of the dossier and the output folder, the signed files coming back, and
//! packaging. Every answer comes from the pipeline's typed results.

use super::http::{self, Reply};
use super::{files, sign, view, App};
use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use tiny_http::Request;

/// The build running or last run, for the progress bar.
#[derive(Default, Clone, serde::Serialize)]
pub struct Job {
    pub chay: bool,
    pub phan_tram: u32,
    pub buoc: String,
    pub ket_qua: Option<Value>,
    pub loi: Option<String>,
}

const JSON_LIMIT: usize = 64 * 1024;

fn body_json(req: &mut Request) -> Result<Value, Reply> {
    let b = http::read_body(req, JSON_LIMIT).map_err(|e| Reply::error(413, &e))?;
    serde_json::from_slice(&b).map_err(|_| Reply::error(400, "dữ liệu gửi lên không đọc được"))
}

fn text<'a>(v: &'a Value, key: &str) -> &'a str {
    v.get(key).and_then(Value::as_str).unwrap_or_default()
}

/// The default output folder: beside the dossier, `<tên>-ket-qua` (never inside it).
fn default_out(dossier: &Path) -> PathBuf {
    let name = dossier
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "ho-so".into());
    dossier
        .parent()
        .unwrap_or(Path::new("."))
        .join(format!("{name}-ket-qua"))
}

pub fn open_dossier(app: &App, dir: &Path) -> Result<(), String> {
    let real = dir
        .canonicalize()
        .map_err(|_| format!("không tìm thấy thư mục \"{}\"", dir.display()))?;
    if !real.join("hoso.toml").is_file() {
        return Err(format!(
            "\"{}\" chưa phải là thư mục hồ sơ (không có hoso.toml) — chọn thư mục khác, hoặc tạo hồ sơ mới",
            real.display()
        ));
    }
    let out = default_out(&real);
    if let Ok(mut s) = app.session.lock() {
        s.dossier = Some(real.clone());
        s.out = Some(out);
    }
    if let Err(e) = files::remember(&real) {
        eprintln!("Không ghi được danh sách hồ sơ gần đây: {e}");
    }
    Ok(())
}

pub fn route(
    app: &Arc<App>,
    req: &mut Request,
    get: bool,
    path: &str,
    q: &[(String, String)],
) -> Reply {
    match (get, path) {
        (true, "/api/trang-thai") => status(app),
        (true, "/api/thu-muc") => chooser(http::query(q, "duong_dan")),
        (false, "/api/mo") => match body_json(req) {
            Ok(v) => match open_dossier(app, Path::new(text(&v, "duong_dan"))) {
                Ok(()) => status(app),
                Err(e) => Reply::error(400, &e),
            },
            Err(r) => r,
        },
        (false, "/api/tao") => match body_json(req) {
            Ok(v) => create(app, &v),
            Err(r) => r,
        },
        (true, "/api/kiem-tra") => check_view(app),
        (true, "/api/dau-van-tay") => match app.session().dossier {
            Some(d) => Reply::json(&json!({ "dau_van_tay": files::fingerprint(&d) })),
            None => Reply::json(&json!({ "dau_van_tay": null })),
        },
        (false, "/api/lap") => match body_json(req) {
            Ok(v) => start_build(
                app,
                v.get("cho_phep_thieu")
                    .and_then(Value::as_bool)
                    .unwrap_or(false),
            ),
            Err(r) => r,
        },
        (true, "/api/lap") => Reply::json(&serde_json::to_value(job(app)).unwrap_or_default()),
        (true, "/api/tai-lieu") => match app.session().out {
            Some(o) => Reply::json(&sign::documents(&o)),
            None => Reply::error(409, "chưa mở hồ sơ nào"),
        },
        (false, "/api/mo-thu-muc") => open_out(app),
        (false, "/api/dong-goi") => super::pack::package(app),
        _ if get && path.starts_with("/api/tep/ket-qua/") => {
            serve_file(app.session().out, &path["/api/tep/ket-qua/".len()..], q)
        }
        _ if get && path.starts_with("/api/tep/ho-so/") => {
            serve_file(app.session().dossier, &path["/api/tep/ho-so/".len()..], q)
        }
        _ if !get && path.starts_with("/api/ky-so/") => {
            upload(app, req, &path["/api/ky-so/".len()..])
        }
        _ => Reply::error(404, "không có trang này"),
    }
}

fn status(app: &App) -> Reply {
    let s = app.session();
    let sets: Vec<Value> = app
        .catalog
        .sets
        .values()
        .map(|x| json!({ "id": x.id, "title": x.title, "level": x.level.label() }))
        .collect();
    Reply::json(&json!({
        "ho_so": s.dossier.map(|d| d.to_string_lossy().into_owned()),
        "ket_qua": s.out.map(|d| d.to_string_lossy().into_owned()),
        "gan_day": files::recent(),
        "bo_tieu_chi": sets,
        "ky_so": app.sign_url,
        "ma_ky_so": app.sign_token,
        "goc": app.base(),
        "thu_muc_nha": files::home().to_string_lossy(),
    }))
}

fn chooser(at: Option<&str>) -> Reply {
    let dir = at
        .filter(|s| !s.is_empty())
        .map(PathBuf::from)
        .unwrap_or_else(files::home);
    match files::folders(&dir) {
        Ok(list) => Reply::json(&json!({
            "duong_dan": dir.to_string_lossy(),
            "cha": dir.parent().map(|p| p.to_string_lossy().into_owned()),
            "la_ho_so": dir.join("hoso.toml").is_file(),
            "thu_muc": list,
            "goc": files::roots(),
        })),
        Err(e) => Reply::error(404, &e),
    }
}

fn create(app: &App, v: &Value) -> Reply {
    let dir = PathBuf::from(text(v, "duong_dan"));
    if text(v, "duong_dan").trim().is_empty() {
        return Reply::error(400, "chưa nhập thư mục cho hồ sơ mới");
    }
    let nam = v.get("nam").and_then(Value::as_i64).map(|n| n as i32);
    let cap = match text(v, "cap") {
        "" => "xa",
        c => c,
    };
    match crate::pipeline::init::create(&app.catalog, &dir, text(v, "bo"), nam, cap, None) {
        Ok(_) => match open_dossier(app, &dir) {
            Ok(()) => status(app),
            Err(e) => Reply::error(400, &e),
        },
        Err(e) => Reply::error(400, &e.0),
    }
}

fn check_view(app: &App) -> Reply {
    let s = app.session();
    let Some(dir) = s.dossier else {
        return Reply::error(409, "chưa mở hồ sơ nào");
    };
    let d = match crate::pipeline::open(&app.catalog, &dir) {
        Ok(d) => d,
        Err(crate::pipeline::Stop::Unreadable(p)) => return Reply::json(&view::unreadable(&p)),
        Err(crate::pipeline::Stop::Fatal(f)) => return Reply::error(409, &f.0),
    };
    let info = &d.info;
    let mut v = if !d.higher {
        let opts = crate::pipeline::Options {
            strict: false,
            skip: s.out.clone(),
        };
        match crate::pipeline::check_opened(&app.catalog, &d, &opts) {
            Ok(c) => view::commune(&c),
            Err(crate::pipeline::Stop::Unreadable(p)) => view::unreadable(&p),
            Err(crate::pipeline::Stop::Fatal(f)) => return Reply::error(409, &f.0),
        }
    } else {
        match crate::pipeline::levels::check(&app.catalog, &d, false, &crate::package::Silent) {
            Ok(g) => view::level(info, &g),
            Err(e) => view::unreadable(&[crate::problem::Problem::error(e.0)]),
        }
    };
    v["van_ban"] = json!({ "so": info.van_ban.so, "ngay": info.van_ban.ngay.short() });
    v["dau_van_tay"] = json!(files::fingerprint(&dir));
    v["ho_so"] = json!(dir.to_string_lossy());
    Reply::json(&v)
}

fn job(app: &App) -> Job {
    app.job.lock().map(|j| j.clone()).unwrap_or_default()
}

fn set_job(app: &App, f: impl FnOnce(&mut Job)) {
    if let Ok(mut j) = app.job.lock() {
        f(&mut j);
    }
}

fn start_build(app: &Arc<App>, allow_incomplete: bool) -> Reply {
    let s = app.session();
    let (Some(dir), Some(out)) = (s.dossier, s.out) else {
        return Reply::error(409, "chưa mở hồ sơ nào");
    };
    {
        let Ok(mut j) = app.job.lock() else {
            return Reply::error(500, "lỗi nội bộ");
        };
        if j.chay {
            return Reply::error(409, "đang lập hồ sơ — chờ xong");
        }
        *j = Job {
            chay: true,
            phan_tram: 2,
            buoc: "Kiểm tra hồ sơ".into(),
            ket_qua: None,
            loi: None,
        };
    }
    let worker = app.clone();
    std::thread::spawn(move || {
        let app = worker;
        let r = super::pack::build(&app, &dir, &out, allow_incomplete);
        set_job(&app, |j| {
            j.chay = false;
            j.phan_tram = 100;
            match r {
                Ok(v) => {
                    j.buoc = "Xong".into();
                    j.ket_qua = Some(v);
                }
                Err(e) => {
                    j.buoc = "Không lập được".into();
                    j.loi = Some(e);
                }
            }
        });
    });
    Reply::json(&serde_json::to_value(job(app)).unwrap_or_default())
}

pub fn progress(app: &App, percent: u32, what: &str) {
    set_job(app, |j| {
        j.phan_tram = percent;
        j.buoc = what.to_string();
    });
}

fn content_type(name: &str) -> &'static str {
    match name.rsplit('.').next().map(str::to_lowercase).as_deref() {
        Some("pdf") => "application/pdf",
        Some("zip") => "application/zip",
        Some("json") => "application/json; charset=utf-8",
        Some("docx") => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        Some("xlsx") => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        Some("txt" | "md" | "toml" | "csv" | "sha256") => "text/plain; charset=utf-8",
        Some("png") => "image/png",
        Some("jpg" | "jpeg") => "image/jpeg",
        _ => "application/octet-stream",
    }
}

/// A file from inside `root` (PDFs shown in the browser, the rest downloaded).
fn serve_file(root: Option<PathBuf>, rel: &str, q: &[(String, String)]) -> Reply {
    let Some(root) = root else {
        return Reply::error(409, "chưa mở hồ sơ nào");
    };
    let path = match files::resolve_inside(&root, rel) {
        Ok(p) => p,
        Err(e) => return Reply::error(403, &e),
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let ct = content_type(&name);
    let inline = ct == "application/pdf" && http::query(q, "tai").is_none()
        || ct.starts_with("image/")
        || ct.starts_with("text/");
    match std::fs::File::open(&path) {
        Ok(f) => Reply {
            status: 200,
            content_type: ct,
            body: http::Body::File(f),
            headers: Vec::new(),
        }
        .with(
            "Content-Disposition",
            &format!(
                "{}; filename*=UTF-8''{}",
                if inline { "inline" } else { "attachment" },
                http::encode(&name)
            ),
        ),
        Err(e) => Reply::error(404, &format!("không mở được tệp {name}: {e}")),
    }
}

fn open_out(app: &App) -> Reply {
    let Some(out) = app.session().out.filter(|o| o.is_dir()) else {
        return Reply::error(409, "chưa có thư mục kết quả — bấm \"Lập hồ sơ\" trước");
    };
    match open::that_detached(&out) {
        Ok(()) => Reply::json(&json!({ "mo": out.to_string_lossy() })),
        Err(e) => Reply::error(
            500,
            &format!("không mở được thư mục {}: {e}", out.display()),
        ),
    }
}

/// The signed file posted back by the signing service (its FileUploadHandler) or dropped in by
/// the officer. Answers as the VGCA plugin's upload handlers do: Status, Message, FileName,
/// FileServer.
fn upload(app: &App, req: &mut Request, name: &str) -> Reply {
    let Some(out) = app.session().out else {
        return Reply::error(409, "chưa mở hồ sơ nào");
    };
    let body = match http::read_body(req, sign::UPLOAD_LIMIT) {
        Ok(b) => b,
        Err(e) => return Reply::error(413, &e),
    };
    let ct = http::header_value(req, "Content-Type").map(str::to_string);
    let Some(file) = http::file_in_body(ct.as_deref(), &body) else {
        return Reply::error(400, "không thấy tệp trong dữ liệu gửi lên");
    };
    match sign::accept(&out, name, file) {
        Ok((stored, who)) => Reply::json(&json!({
            "Status": true,
            "Message": format!("Đã nhận {stored}"),
            "FileName": stored,
            "FileServer": format!("{}/api/tep/ket-qua/{}", app.base(), http::encode(&stored)),
            "signers": who,
        })),
        Err(e) => {
            let mut r = Reply::json(&json!({ "Status": false, "Message": e, "loi": e }));
            r.status = 422;
            r
        }
    }
}
