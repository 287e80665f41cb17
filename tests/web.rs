//! `hoso serve` end to end: the real binary serving the page, a real headless browser (Debian's
//! chromium + chromedriver driven by Selenium from tests/web/desk.py) reading what a user reads,
//! the signing flow against a stand-in for the VGCA Sign Service (tests/web/vgca_standin.py:
//! WebSocket over TLS, pyHanko), and the refusals over plain HTTP.

mod common;

use common::*;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

/// A running `hoso serve`, stopped when dropped.
struct Serve {
    child: Child,
    url: String,
    port: u16,
    token: String,
}

impl Drop for Serve {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn serve(dossier: Option<&Path>, env: &[(&str, String)]) -> Serve {
    let mut cmd = hoso();
    cmd.arg("serve").arg("--no-open");
    if let Some(d) = dossier {
        cmd.arg(d);
    }
    for (k, v) in env {
        cmd.env(k, v);
    }
    let mut child = cmd
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("hoso serve starts");
    let mut line = String::new();
    let mut stdout = BufReader::new(child.stdout.take().expect("stdout"));
    stdout.read_line(&mut line).expect("first line");
    // Keep reading what the server prints after the address (as a terminal would).
    std::thread::spawn(move || std::io::copy(&mut stdout, &mut std::io::sink()));
    let url = line.trim().to_string();
    assert!(
        url.starts_with("http://127.0.0.1:"),
        "first line is the address: {url:?}"
    );
    let port: u16 = url["http://127.0.0.1:".len()..]
        .split('/')
        .next()
        .and_then(|p| p.parse().ok())
        .expect("port in the address");
    let token = url
        .split("?t=")
        .nth(1)
        .expect("token in the address")
        .to_string();
    assert!(token.len() >= 32, "a long random token: {token}");
    Serve {
        child,
        url,
        port,
        token,
    }
}

fn copy_dir(from: &Path, to: &Path) {
    for e in walkdir::WalkDir::new(from) {
        let e = e.unwrap();
        let rel = e.path().strip_prefix(from).unwrap();
        let dest = to.join(rel);
        if e.file_type().is_dir() {
            std::fs::create_dir_all(&dest).unwrap();
        } else {
            std::fs::copy(e.path(), &dest).unwrap();
        }
    }
}

fn check_json(dir: &Path) -> serde_json::Value {
    let r = run(&["check", "--json", dir.to_str().unwrap()]);
    serde_json::from_str(&r.stdout).unwrap_or_else(|_| panic!("check --json: {}", r.all()))
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// One HTTP/1.1 exchange over a fresh connection: (status, head, body).
fn http(port: u16, request: &[u8]) -> (u16, String, Vec<u8>) {
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    s.set_read_timeout(Some(std::time::Duration::from_secs(30)))
        .unwrap();
    let _ = s.write_all(request);
    let mut buf = Vec::new();
    let _ = s.read_to_end(&mut buf);
    let split = buf
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .unwrap_or(buf.len());
    let head = String::from_utf8_lossy(&buf[..split]).into_owned();
    let status = head
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let body = buf.get(split + 4..).unwrap_or_default().to_vec();
    (status, head, body)
}

fn get(port: u16, path: &str, host: &str, cookie: Option<&str>) -> (u16, String, Vec<u8>) {
    let c = cookie
        .map(|c| format!("Cookie: hoso_phien={c}\r\n"))
        .unwrap_or_default();
    http(
        port,
        format!("GET {path} HTTP/1.1\r\nHost: {host}\r\n{c}Connection: close\r\n\r\n").as_bytes(),
    )
}

fn post(
    port: u16,
    path: &str,
    cookie: &str,
    origin: Option<&str>,
    body: &[u8],
) -> (u16, String, Vec<u8>) {
    let o = origin
        .map(|o| format!("Origin: {o}\r\n"))
        .unwrap_or_default();
    let mut req = format!(
        "POST {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nCookie: hoso_phien={cookie}\r\n{o}Content-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    )
    .into_bytes();
    req.extend_from_slice(body);
    http(port, &req)
}

const DISTRICT_TOML: &str = r#"bo_tieu_chi = "thanh-hoa-cds-xa"
nam = 2024
cap = "huyen"

[don_vi]
tinh = "Thanh Hóa"
huyen = "Hoằng Hóa"

[van_ban]
so = "45/BC-UBND"
ngay = 2024-11-25

[nguoi_ky]
tham_quyen = "KT. CHỦ TỊCH"
chuc_vu = "PHÓ CHỦ TỊCH"
ho_ten = "Nguyễn Văn An"
"#;

fn screenshots() -> PathBuf {
    let d = repo().join("target/web-screenshots");
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn desk(cfg: &serde_json::Value, work: &Path) -> serde_json::Value {
    let path = work.join("desk.json");
    std::fs::write(&path, serde_json::to_vec_pretty(cfg).unwrap()).unwrap();
    let out = Command::new(python())
        .arg(repo().join("tests/web/desk.py"))
        .arg(&path)
        .output()
        .expect("python runs tests/web/desk.py");
    let result: serde_json::Value = std::fs::read(work.join("result.json"))
        .ok()
        .and_then(|b| serde_json::from_slice(&b).ok())
        .unwrap_or_default();
    assert!(
        out.status.success(),
        "desk.py failed (screenshots in target/web-screenshots):\n{}\n{}\nresult so far: {result}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    result
}

/// The whole desk in the browser: the example dossier's overview and table (37 rows, as `hoso
/// check` evaluates), the folder chooser and recent list, a defective dossier's problems and the
/// re-check when a file is fixed, build with progress and download, signing (vSignPDF fallback,
/// then the stand-in service), packaging, and a district dossier's received packages.
#[test]
fn the_desk_in_a_headless_browser() {
    let tmp = tempfile::tempdir().unwrap();
    let home = tmp.path().join("home");
    let work = tmp.path().join("work");
    for d in [&home, &work, &work.join("dl"), &work.join("profile")] {
        std::fs::create_dir_all(d).unwrap();
    }
    std::fs::write(home.join("ghi-chu.txt"), "không phải thư mục").unwrap();
    let vidu = home.join("vi-du");
    copy_dir(&repo().join("evidence-layout/vi-du"), &vidu);
    // A defective copy: one indicator without evidence, one file that is not what it says.
    let hong = home.join("ho-so-thieu");
    copy_dir(&vidu, &hong);
    let missing = "4 Hạ tầng số/4.6 Camera an ninh/Bao-cao-camera-an-ninh.pdf";
    std::fs::remove_file(hong.join(missing)).unwrap();
    let bad = "4 Hạ tầng số/4.4 Hội nghị truyền hình/Bien-ban-hop.pdf";
    std::fs::write(hong.join(bad), "đây là văn bản thường, không phải PDF").unwrap();
    std::fs::remove_file(hong.join("noi-dung.docx")).unwrap(); // a warning, shown apart
    let defective = check_json(&hong);
    let errors = defective["errors"].as_array().unwrap();
    assert!(errors.iter().any(|e| e["chi_tieu"] == "4.6"));
    assert!(!defective["warnings"].as_array().unwrap().is_empty());
    // A district dossier: the example's package and a broken copy of it.
    let xa_out = tmp.path().join("xa-out");
    let b = build(&vidu, &xa_out, &[]);
    assert_eq!(b.code, 0, "{}", b.all());
    let zip = files_with(&xa_out, "zip").pop().unwrap();
    let zip_name = zip.file_name().unwrap().to_str().unwrap().to_string();
    let huyen = home.join("tham-dinh-huyen");
    write(&huyen, "hoso.toml", DISTRICT_TOML);
    write(
        &huyen,
        &format!("ho-so-xa/{zip_name}"),
        std::fs::read(&zip).unwrap(),
    );
    let mut broken = std::fs::read(&zip).unwrap();
    let mid = broken.len() / 3;
    broken[mid] ^= 0xff;
    write(&huyen, "ho-so-xa/HoSo-hong.zip", broken);

    let expected = check_json(&vidu);
    let evals: serde_json::Map<String, serde_json::Value> = expected["indicators"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            (
                i["code"].as_str().unwrap().to_string(),
                i["evaluation"].clone(),
            )
        })
        .collect();
    assert_eq!(evals.len(), 37, "the example has 37 indicator rows");
    let top = expected["indicators"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["parent"].is_null())
        .count();
    let summary = &expected["summary"];
    let standin_port = free_port();
    let config = tmp.path().join("config");
    let s = serve(
        Some(&vidu),
        &[
            ("HOME", home.to_string_lossy().into_owned()),
            ("HOSO_CONFIG_DIR", config.to_string_lossy().into_owned()),
            ("HOSO_VGCA_URL", format!("wss://127.0.0.1:{standin_port}")),
        ],
    );
    let out = home.join("vi-du-ket-qua");
    let cfg = serde_json::json!({
        "url": s.url,
        "profile": work.join("profile"),
        "downloads": work.join("dl"),
        "shots": screenshots(),
        "work": work,
        "result": work.join("result.json"),
        "dossier": vidu,
        "out": out,
        "expected": evals,
        "top_rows": top,
        "n_of_m": format!("{}/{}", summary["dat"], summary["total"]),
        // README: the example has the list forms 1.4, 2.5, 2.6, 3.3, 4.1 and 4.5.
        "lists": 6,
        "home_folder": "ho-so-thieu",
        "defective": hong,
        "defective_errors": errors.len(),
        "defective_warnings": defective["warnings"].as_array().unwrap().len(),
        "missing_code": "4.6",
        "bad_file": bad,
        "fix_rel": missing,
        "fix_from": vidu.join(missing),
        "district": huyen,
        "district_ok": zip_name,
        "district_bad": "HoSo-hong.zip",
        "standin_port": standin_port,
        "standin_log": work.join("standin.jsonl"),
        "new_dossier": home.join("ho-so-moi"),
        "phases": ["open_and_table", "chooser_and_defective", "create", "build", "sign", "package", "district"],
    });
    let r = desk(&cfg, &work);
    // The downloaded zip is the package: `hoso verify` and sha256sum agree with the page.
    let dl = PathBuf::from(r["build_zip"].as_str().unwrap());
    assert!(
        dl.to_string_lossy().ends_with("-chua-ky.zip"),
        "the build gives the preview: {dl:?}"
    );
    let v = run(&["verify", dl.to_str().unwrap()]);
    assert_eq!(v.code, 0, "downloaded zip verifies: {}", v.all());
    let sum = Command::new("sha256sum").arg(&dl).output().unwrap();
    assert!(String::from_utf8_lossy(&sum.stdout).starts_with(r["build_sha"].as_str().unwrap()));
    // The recent list lives in the config folder the test gave.
    let recent = std::fs::read_to_string(config.join("recent.json")).unwrap();
    assert!(
        recent.contains("vi-du") && recent.contains("ho-so-thieu"),
        "{recent}"
    );
    // Signing: every document went through the endpoint its kind calls for, and came back signed.
    let log = std::fs::read_to_string(work.join("standin.jsonl")).unwrap();
    let entries: Vec<serde_json::Value> = log
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert!(entries.iter().all(|e| e.get("error").is_none()), "{log}");
    let by = |ep: &str| entries.iter().filter(|e| e["endpoint"] == ep).count();
    let pdfs: Vec<String> = r["signed_names"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n.as_str().unwrap().to_string())
        .collect();
    let reports = pdfs.iter().filter(|n| n.starts_with("Mau01")).count();
    assert_eq!(by("SignApproved"), reports);
    assert_eq!(by("SignIssued"), reports);
    assert_eq!(
        by("SignAppendix"),
        pdfs.len() - reports - 1,
        "the bảng kê was dropped in"
    );
    let issued = entries
        .iter()
        .find(|e| e["endpoint"] == "SignIssued")
        .unwrap();
    assert_eq!(issued["request"]["DocNumber"], "125/BC-UBND");
    assert_eq!(issued["request"]["IssuedDate"], "10/11/2024");
    // Each signature went into the empty field hoso placed for it (ND30 boxes 7b and 8).
    let approved = entries
        .iter()
        .find(|e| e["endpoint"] == "SignApproved")
        .unwrap();
    assert!(
        approved["fields_before"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f == "NguoiKy"),
        "{approved}"
    );
    let handler = issued["request"]["FileUploadHandler"].as_str().unwrap();
    assert!(handler.starts_with(&format!("http://127.0.0.1:{}/api/ky-so/", s.port)));
    assert!(
        !handler.contains(&s.token),
        "the service never gets the page's token"
    );
    for n in &pdfs {
        let signed = out.join(format!("{}_signed.pdf", n.trim_end_matches(".pdf")));
        let bytes = std::fs::read(&signed).unwrap();
        let original = std::fs::read(out.join(n)).unwrap();
        assert!(
            bytes.starts_with(&original),
            "{n}: signed file begins with the generated bytes"
        );
        let v = py(
            "import sys\nfrom pyhanko.pdf_utils.reader import PdfFileReader\nfrom pyhanko.sign.validation import validate_pdf_signature\nr = PdfFileReader(open(sys.argv[1], 'rb'))\nfor s in r.embedded_signatures:\n    st = validate_pdf_signature(s)\n    assert st.intact and st.valid, st\nprint(len(r.embedded_signatures))",
            &[signed.to_str().unwrap()],
        );
        let want = if n.starts_with("Mau01") { "2" } else { "1" };
        assert_eq!(v.stdout.trim(), want, "{n}: {}", v.all());
    }
    // The final package, downloaded from the page, verifies.
    let pz = PathBuf::from(r["package_zip"].as_str().unwrap());
    assert!(
        !pz.to_string_lossy().contains("-chua-ky"),
        "the final package, not the preview: {pz:?}"
    );
    let v = run(&["verify", pz.to_str().unwrap()]);
    assert_eq!(v.code, 0, "final package verifies: {}", v.all());
    assert!(
        v.stdout.contains("LÊ VĂN HÙNG") && v.stdout.contains("UBND XÃ TÂN PHÚC"),
        "{}",
        v.stdout
    );
    assert!(
        !v.stdout.contains("chưa ký"),
        "every document signed: {}",
        v.stdout
    );
    let sum = Command::new("sha256sum").arg(&pz).output().unwrap();
    assert!(String::from_utf8_lossy(&sum.stdout).starts_with(r["package_sha"].as_str().unwrap()));
    // Nothing was written into the dossiers.
    let after = check_json(&vidu);
    assert_eq!(after["indicators"], expected["indicators"]);
    assert!(walkdir::WalkDir::new(&vidu)
        .into_iter()
        .flatten()
        .all(|e| !e.file_name().to_string_lossy().contains("_signed")));
    assert!(r["rejected_reason"]
        .as_str()
        .unwrap()
        .contains("HoSo-hong.zip"));
}

/// Everything the page may not do: no token, another Host, another Origin, `..` and links out,
/// an oversize upload; the signing service's key opens only its two paths.
#[test]
fn refusals_over_plain_http() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path().join("ho-so");
    copy_dir(&repo().join("evidence-layout/vi-du"), &d);
    std::fs::write(tmp.path().join("bi-mat.txt"), "bí mật").unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(tmp.path().join("bi-mat.txt"), d.join("lien-ket.txt")).unwrap();
    let s = serve(
        Some(&d),
        &[(
            "HOSO_CONFIG_DIR",
            tmp.path().join("cfg").to_string_lossy().into_owned(),
        )],
    );
    let host = format!("127.0.0.1:{}", s.port);
    let t = s.token.as_str();
    // No token: the page and the API refused.
    for p in ["/", "/app.js", "/api/trang-thai", "/api/kiem-tra"] {
        assert_eq!(get(s.port, p, &host, None).0, 403, "{p}");
        assert_eq!(get(s.port, p, &host, Some("sai")).0, 403, "{p}");
    }
    // The token in the address gives the cookie, HttpOnly and SameSite=Strict.
    let (code, head, _) = get(s.port, &format!("/?t={t}"), &host, None);
    assert_eq!(code, 303);
    assert!(
        head.contains(&format!("hoso_phien={t}"))
            && head.contains("HttpOnly")
            && head.contains("SameSite=Strict"),
        "{head}"
    );
    let (code, _, body) = get(s.port, "/api/trang-thai", &host, Some(t));
    assert_eq!(code, 200);
    let st: serde_json::Value = serde_json::from_slice(&body).unwrap();
    let sid = st["ma_ky_so"].as_str().unwrap().to_string();
    assert_ne!(sid, t);
    assert_eq!(
        get(s.port, "/", &format!("localhost:{}", s.port), Some(t)).0,
        200
    );
    // DNS rebinding: any other Host is refused, even with the cookie.
    for h in [
        "evil.example:80",
        &format!("evil.example:{}", s.port),
        "127.0.0.1",
        "127.0.0.1:1",
    ] {
        assert_eq!(get(s.port, "/api/trang-thai", h, Some(t)).0, 403, "{h}");
    }
    // State changes only from the page's own Origin.
    let body = serde_json::json!({ "duong_dan": d }).to_string();
    let own = format!("http://127.0.0.1:{}", s.port);
    assert_eq!(
        post(
            s.port,
            "/api/mo",
            t,
            Some("http://evil.example"),
            body.as_bytes()
        )
        .0,
        403
    );
    assert_eq!(post(s.port, "/api/mo", t, None, body.as_bytes()).0, 403);
    assert_eq!(
        post(s.port, "/api/mo", t, Some(&own), body.as_bytes()).0,
        200
    );
    // Files only from inside the dossier: no `..`, no link leading out.
    let ok = "/api/tep/ho-so/hoso.toml";
    assert_eq!(get(s.port, ok, &host, Some(t)).0, 200);
    for p in [
        "/api/tep/ho-so/../bi-mat.txt",
        "/api/tep/ho-so/..%2Fbi-mat.txt",
        "/api/tep/ho-so/%2E%2E/bi-mat.txt",
        "/api/tep/ho-so/1%20Ch%C3%ADnh%20quy%E1%BB%81n%20s%E1%BB%91/../../bi-mat.txt",
        "/api/tep/ho-so/lien-ket.txt",
        "/api/tep/ho-so/%2Fetc%2Fpasswd",
        "/api/tep/ket-qua/../ho-so/hoso.toml",
    ] {
        let (code, _, body) = get(s.port, p, &host, Some(t));
        assert!(code == 403 || code == 409, "{p}: {code}");
        assert!(!String::from_utf8_lossy(&body).contains("bí mật"), "{p}");
    }
    // The signing service's key opens its two paths only.
    assert_eq!(
        get(s.port, &format!("/api/trang-thai?sid={sid}"), &host, None).0,
        403
    );
    assert_eq!(
        get(
            s.port,
            &format!("/api/tep/ho-so/hoso.toml?sid={sid}"),
            &host,
            None
        )
        .0,
        403
    );
    // An oversize upload is refused before anything is written.
    let size = 51 * 1024 * 1024;
    let mut req = format!(
        "POST /api/ky-so/Mau01.pdf?sid={sid} HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/pdf\r\nContent-Length: {size}\r\nConnection: close\r\n\r\n"
    )
    .into_bytes();
    req.extend(std::iter::repeat_n(b'%', size));
    let (code, _, body) = http(s.port, &req);
    assert_eq!(code, 413, "{}", String::from_utf8_lossy(&body));
    assert!(String::from_utf8_lossy(&body).contains("giới hạn"));
    // A foreign Origin on the upload handler is refused even with the service's key.
    let req = format!(
        "POST /api/ky-so/Mau01.pdf?sid={sid} HTTP/1.1\r\nHost: {host}\r\nOrigin: http://evil.example\r\nContent-Length: 4\r\nConnection: close\r\n\r\n%PDF"
    );
    assert_eq!(http(s.port, req.as_bytes()).0, 403);
    let out = tmp.path().join("ho-so-ket-qua");
    assert!(!out.exists() || files_with(&out, "pdf").is_empty());
    assert!(walkdir::WalkDir::new(&d)
        .into_iter()
        .flatten()
        .all(|e| !e.file_name().to_string_lossy().starts_with(".hoso")));
}
