//! Builders of the hostile corpus's files (zip bombs, hand-made xlsx/ods/docx, legacy text) and
//! the measured run (exit code, seconds, peak RSS of the child by getrusage).
#![allow(dead_code)]

use crate::common::*;
use sha2::{Digest, Sha256};
use std::io::{Cursor, Write};
use std::path::Path;

pub const GIB: u64 = 1 << 30;
// ---------------------------------------------------------------------------------------------
// Measuring a run

pub struct Measured {
    pub code: i32,
    pub rss_mb: f64,
    pub secs: f64,
    pub out: String,
}

pub const WRAP: &str = r#"
import json, resource, subprocess, sys, time
t = time.time()
try:
    p = subprocess.run(sys.argv[1:], capture_output=True, timeout=120)
    code, out = p.returncode, p.stdout + b"\n" + p.stderr
except subprocess.TimeoutExpired:
    code, out = -9, b"TIMEOUT"
print(json.dumps({"code": code, "secs": time.time() - t,
                  "rss_kb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,
                  "out": out.decode("utf-8", "replace")}))
"#;

pub fn measured(args: &[&str]) -> Measured {
    let mut all = vec![env!("CARGO_BIN_EXE_hoso")];
    all.extend_from_slice(args);
    let r = py(WRAP, &all);
    let v: serde_json::Value = serde_json::from_str(r.stdout.trim())
        .unwrap_or_else(|e| panic!("wrapper output {e}: {}", r.all()));
    Measured {
        code: v["code"].as_i64().unwrap_or(-1) as i32,
        rss_mb: v["rss_kb"].as_f64().unwrap_or(0.0) / 1024.0,
        secs: v["secs"].as_f64().unwrap_or(0.0),
        out: v["out"].as_str().unwrap_or("").to_string(),
    }
}

/// Every entry of a tree (not following links): path bytes, kind, content hash or link target.
pub fn tree_hash(root: &Path) -> Vec<(Vec<u8>, String)> {
    use std::os::unix::ffi::OsStrExt;
    let mut out = Vec::new();
    for e in walkdir::WalkDir::new(root)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter()
        .flatten()
    {
        let rel = e
            .path()
            .strip_prefix(root)
            .unwrap()
            .as_os_str()
            .as_bytes()
            .to_vec();
        let ft = e.file_type();
        let what = if ft.is_symlink() {
            format!("link {:?}", std::fs::read_link(e.path()).ok())
        } else if ft.is_dir() {
            "dir".to_string()
        } else if ft.is_file() {
            let mut h = Sha256::new();
            let mut f = std::fs::File::open(e.path()).unwrap();
            std::io::copy(&mut f, &mut h).unwrap();
            format!("file {:x}", h.finalize())
        } else {
            "other".to_string()
        };
        out.push((rel, what));
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Building hostile files

pub fn zip_entries(entries: &[(&str, &[u8])], method: zip::CompressionMethod) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let o = zip::write::SimpleFileOptions::default()
        .compression_method(method)
        .large_file(false);
    for (n, b) in entries {
        w.start_file(*n, o).unwrap();
        w.write_all(b).unwrap();
    }
    w.finish().unwrap().into_inner()
}

/// A zip holding `entries` and a deflated entry `bomb_name` that inflates to `size` bytes of the
/// same XML line (built once per size in a few seconds; about 1 MB compressed per GiB).
pub fn with_bomb(entries: &[(&str, &[u8])], bomb_name: &str, size: u64) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let o = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .large_file(size >= 4 * GIB);
    for (n, b) in entries {
        w.start_file(*n, o).unwrap();
        w.write_all(b).unwrap();
    }
    w.start_file(bomb_name, o).unwrap();
    let chunk = "<!-- bình luận -->".repeat(1 << 16);
    let chunk = &chunk.as_bytes()[..1 << 20];
    let mut left = size;
    while left > 0 {
        let n = left.min(chunk.len() as u64) as usize;
        w.write_all(&chunk[..n]).unwrap();
        left -= n as u64;
    }
    w.finish().unwrap().into_inner()
}

/// Patches the declared uncompressed size of entry 0 (local header and central directory).
pub fn lie_about_size(z: &mut [u8], size: u32) {
    z[22..26].copy_from_slice(&size.to_le_bytes());
    let cd = z.windows(4).position(|w| w == b"PK\x01\x02").unwrap();
    z[cd + 24..cd + 28].copy_from_slice(&size.to_le_bytes());
}

pub const CT: &str = r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#;
pub const RELS: &str = r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#;
pub const WB: &str = r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>"#;
pub const WB_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#;

pub fn xlsx_parts(cells: &[(&str, &str)]) -> Vec<(String, Vec<u8>)> {
    let mut rows = String::new();
    for (r, t) in cells {
        rows.push_str(&format!(
            r#"<row r="{}"><c r="{r}" t="inlineStr"><is><t>{t}</t></is></c></row>"#,
            r.trim_start_matches(|c: char| c.is_ascii_alphabetic())
        ));
    }
    let sheet = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>{rows}</sheetData></worksheet>"#
    );
    vec![
        ("[Content_Types].xml".into(), CT.into()),
        ("_rels/.rels".into(), RELS.into()),
        ("xl/workbook.xml".into(), WB.into()),
        ("xl/_rels/workbook.xml.rels".into(), WB_RELS.into()),
        ("xl/worksheets/sheet1.xml".into(), sheet.into_bytes()),
    ]
}

/// A minimal xlsx whose first sheet holds `cells` (A1 reference, text).
pub fn xlsx_cells(cells: &[(&str, &str)]) -> Vec<u8> {
    let parts = xlsx_parts(cells);
    let refs: Vec<(&str, &[u8])> = parts
        .iter()
        .map(|(n, b)| (n.as_str(), b.as_slice()))
        .collect();
    zip_entries(&refs, zip::CompressionMethod::Deflated)
}

/// The list form Mẫu 1.4 as an xlsx made by rust_xlsxwriter, names in `names`.
pub fn list_form(names: &[&str]) -> Vec<u8> {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    for (c, h) in [
        "STT",
        "Họ tên",
        "Chức vụ",
        "Có máy tính làm việc",
        "Hộp thư điện tử công vụ",
        "Ghi chú",
    ]
    .iter()
    .enumerate()
    {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    for (i, n) in names.iter().enumerate() {
        let r = i as u32 + 1;
        ws.write_string(r, 0, (i + 1).to_string()).unwrap();
        ws.write_string(r, 1, *n).unwrap();
        ws.write_string(r, 2, "Công chức").unwrap();
        ws.write_string(r, 3, "Có").unwrap();
        ws.write_string(r, 4, format!("cb{i}@thanhhoa.gov.vn"))
            .unwrap();
    }
    wb.save_to_buffer().unwrap()
}

pub fn ods(content: &str) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    w.start_file("mimetype", stored).unwrap();
    w.write_all(b"application/vnd.oasis.opendocument.spreadsheet")
        .unwrap();
    w.start_file("content.xml", zip::write::SimpleFileOptions::default())
        .unwrap();
    w.write_all(content.as_bytes()).unwrap();
    w.start_file(
        "META-INF/manifest.xml",
        zip::write::SimpleFileOptions::default(),
    )
    .unwrap();
    w.write_all(br#"<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#).unwrap();
    w.finish().unwrap().into_inner()
}

pub fn ods_table(rows: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet><table:table table:name="S">{rows}</table:table></office:spreadsheet></office:body></office:document-content>"#
    )
}

pub fn docx_parts() -> Vec<(&'static str, &'static [u8])> {
    vec![
        ("[Content_Types].xml", b"<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>".as_slice()),
        ("word/document.xml", b"<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body><w:p><w:r><w:t>Gi\xe1\xba\xa3i tr\xc3\xacnh</w:t></w:r></w:p></w:body></w:document>".as_slice()),
    ]
}

pub fn tcvn3(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            'ư' => "\u{AD}".to_string(),
            'ơ' => "¬".into(),
            'ì' => "×".into(),
            'á' => "¸".into(),
            'à' => "µ".into(),
            'đ' => "®".into(),
            'ạ' => "¹".into(),
            'ế' => "Õ".into(),
            'ô' => "«".into(),
            'ê' => "ª".into(),
            'ă' => "¨".into(),
            'Đ' => "§".into(),
            'ị' => "Þ".into(),
            'ặ' => "Æ".into(),
            c => c.to_string(),
        })
        .collect()
}

pub fn vni(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            'ư' => "ö".to_string(),
            'ơ' => "ô".into(),
            'á' => "aù".into(),
            'à' => "aø".into(),
            'đ' => "ñ".into(),
            'ạ' => "aï".into(),
            'ế' => "eá".into(),
            'ê' => "eâ".into(),
            'ă' => "aê".into(),
            'Đ' => "Ñ".into(),
            'ị' => "ò".into(),
            'ặ' => "aë".into(),
            c => c.to_string(),
        })
        .collect()
}

pub fn cp1252(s: &str) -> Vec<u8> {
    encoding_rs::WINDOWS_1252.encode(s).0.into_owned()
}

pub fn solieu_csv(extra_desc: &str) -> String {
    let mut s = String::from("\u{feff}Mã,Kết quả,Chỉ tiêu,Trạng thái,Mô tả kết quả\n");
    for (c, v, t, st) in thanh_hoa_rows() {
        let desc = if c == "1.1" { extra_desc } else { "" };
        s.push_str(&format!("{c},\"{v}\",\"{t}\",{st},\"{desc}\"\n"));
    }
    s
}

pub fn find_bytes(hay: &[u8], needle: &[u8], from: usize) -> usize {
    from + hay[from..]
        .windows(needle.len())
        .position(|w| w == needle)
        .unwrap()
}

pub fn signed_pdf() -> Vec<u8> {
    std::fs::read(repo().join("tests/fixtures/signed.pdf")).unwrap()
}
