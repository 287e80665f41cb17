//! `hoso serve`: the officer's desk, a web page on 127.0.0.1 only. One random token per run, given
//! in the opened address and kept as an HttpOnly SameSite=Strict cookie; every request without it
//! is refused, as is any Host but the loopback address and port (DNS rebinding) and any
//! state-changing request from another Origin. Assets are compiled in; nothing goes to the network.

mod api;
mod files;
mod http;
mod pack;
mod sign;
mod view;

use crate::criteria::Catalog;
use crate::{pipeline::Outcome, problem::Fatal};
use http::Reply;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use tiny_http::Request;

const INDEX: &str = include_str!("assets/index.html");
const APP_JS: &str = include_str!("assets/app.js");
const APP_CSS: &str = include_str!("assets/app.css");
const ICON: &str = include_str!("assets/icon.svg");
const COOKIE: &str = "hoso_phien";
/// The signing service of the national CA (VGCA Sign Service) listens here.
const VGCA_DEFAULT: &str = "wss://127.0.0.1:8987";

pub struct Options {
    pub dossier: Option<PathBuf>,
    pub port: u16,
    pub open_browser: bool,
}

/// The open dossier and where its results go.
#[derive(Default, Clone)]
pub struct Session {
    pub dossier: Option<PathBuf>,
    pub out: Option<PathBuf>,
}

pub struct App {
    pub token: String,
    /// Given to the signing service only (in the addresses it fetches and posts to): it opens the
    /// output folder's files and the upload handler, nothing else.
    pub sign_token: String,
    pub port: u16,
    pub catalog: Catalog,
    pub sign_url: String,
    pub session: Mutex<Session>,
    pub job: Mutex<api::Job>,
}

impl App {
    pub fn session(&self) -> Session {
        self.session.lock().map(|s| s.clone()).unwrap_or_default()
    }
    pub fn base(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }
}

fn new_token() -> Result<String, Fatal> {
    let mut b = [0u8; 24];
    getrandom::fill(&mut b)
        .map_err(|e| Fatal(format!("không tạo được mã phiên ngẫu nhiên: {e}")))?;
    Ok(b.iter().map(|x| format!("{x:02x}")).collect())
}

pub fn run(catalog: Catalog, o: Options) -> Result<Outcome, Fatal> {
    let server = tiny_http::Server::http(("127.0.0.1", o.port)).map_err(|e| {
        Fatal(format!(
            "không mở được cổng {} trên 127.0.0.1: {e} — chọn cổng khác với --port",
            o.port
        ))
    })?;
    let port = server
        .server_addr()
        .to_ip()
        .map(|a| a.port())
        .ok_or_else(|| Fatal("không biết cổng đã mở".into()))?;
    let app = Arc::new(App {
        token: new_token()?,
        sign_token: new_token()?,
        port,
        catalog,
        sign_url: std::env::var("HOSO_VGCA_URL").unwrap_or_else(|_| VGCA_DEFAULT.into()),
        session: Mutex::new(Session::default()),
        job: Mutex::new(api::Job::default()),
    });
    if let Some(d) = &o.dossier {
        if let Err(e) = api::open_dossier(&app, d) {
            return Err(Fatal(e));
        }
    }
    let url = format!("{}/?t={}", app.base(), app.token);
    println!("{url}");
    use std::io::Write;
    let _ = std::io::stdout().flush();
    eprintln!("hoso đang chạy tại địa chỉ trên (chỉ máy này mở được). Nhấn Ctrl+C để dừng.");
    if o.open_browser {
        if let Err(e) = open::that_detached(&url) {
            eprintln!("Không mở được trình duyệt ({e}); hãy mở địa chỉ trên bằng tay.");
        }
    }
    let server = Arc::new(server);
    let workers: Vec<_> = (0..4)
        .map(|_| {
            let (server, app) = (server.clone(), app.clone());
            std::thread::spawn(move || {
                while let Ok(req) = server.recv() {
                    handle(&app, req);
                }
            })
        })
        .collect();
    for w in workers {
        let _ = w.join();
    }
    Ok(Outcome::Done)
}

/// The request's authority: the cookie (the page) or `sid` in the query (the signing service,
/// which was given the address with it).
enum Auth {
    Cookie,
    Sid,
}

fn authorise(app: &App, req: &Request, path: &str, q: &[(String, String)]) -> Option<Auth> {
    if http::cookie(req, COOKIE).is_some_and(|c| http::same_secret(c, &app.token)) {
        return Some(Auth::Cookie);
    }
    let for_service = path.starts_with("/api/tep/ket-qua/") || path.starts_with("/api/ky-so/");
    if for_service && http::query(q, "sid").is_some_and(|s| http::same_secret(s, &app.sign_token)) {
        return Some(Auth::Sid);
    }
    None
}

fn host_ok(app: &App, req: &Request) -> bool {
    let p = app.port;
    http::header_value(req, "Host")
        .is_some_and(|h| h == format!("127.0.0.1:{p}") || h == format!("localhost:{p}"))
}

fn origin_ok(app: &App, origin: &str) -> bool {
    let p = app.port;
    origin == format!("http://127.0.0.1:{p}") || origin == format!("http://localhost:{p}")
}

fn handle(app: &Arc<App>, mut req: Request) {
    let (path, q) = http::split_url(req.url());
    // A bug in one request must not take a worker down with it: the page gets a 500 and a reason.
    let reply = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        route(app, &mut req, &path, &q)
    }))
    .unwrap_or_else(|_| {
        Reply::error(
            500,
            "lỗi nội bộ của hoso khi xử lý yêu cầu này — thử lại; nếu còn lỗi, báo cho người quản trị kèm thao tác vừa làm",
        )
    });
    reply.send(req);
}

fn route(app: &Arc<App>, req: &mut Request, path: &str, q: &[(String, String)]) -> Reply {
    if !host_ok(app, req) {
        return Reply::error(
            403,
            "Từ chối: địa chỉ máy (Host) không phải 127.0.0.1 — chỉ mở hoso bằng địa chỉ nó in ra",
        );
    }
    let get = matches!(
        req.method(),
        tiny_http::Method::Get | tiny_http::Method::Head
    );
    // The address printed at start: set the cookie, then drop the token from the address bar.
    if get && path == "/" {
        if let Some(t) = http::query(q, "t") {
            if http::same_secret(t, &app.token) {
                return Reply::bytes(303, "text/plain; charset=utf-8", Vec::new())
                    .with(
                        "Set-Cookie",
                        &format!("{COOKIE}={}; HttpOnly; SameSite=Strict; Path=/", app.token),
                    )
                    .with("Location", "/");
            }
        }
    }
    let Some(auth) = authorise(app, req, path, q) else {
        return Reply::error(
            403,
            "Từ chối: thiếu mã phiên — mở hoso bằng địa chỉ đầy đủ nó in ra khi chạy `hoso serve`",
        );
    };
    if !get {
        match http::header_value(req, "Origin") {
            Some(o) if origin_ok(app, o) => {}
            Some(_) => {
                return Reply::error(403, "Từ chối: yêu cầu đến từ một trang web khác");
            }
            // The signing service is no browser: it sends no Origin, and holds the token.
            None if matches!(auth, Auth::Sid) && path.starts_with("/api/ky-so/") => {}
            None => return Reply::error(403, "Từ chối: yêu cầu thay đổi không có Origin"),
        }
    }
    match (get, path) {
        (true, "/") => Reply::bytes(200, "text/html; charset=utf-8", INDEX.as_bytes().to_vec()),
        (true, "/app.js") => Reply::bytes(
            200,
            "text/javascript; charset=utf-8",
            APP_JS.as_bytes().to_vec(),
        ),
        (true, "/app.css") => {
            Reply::bytes(200, "text/css; charset=utf-8", APP_CSS.as_bytes().to_vec())
        }
        (true, "/icon.svg") => Reply::bytes(200, "image/svg+xml", ICON.as_bytes().to_vec()),
        _ => api::route(app, req, get, path, q),
    }
}
