//! Writing the bag as one deterministic zip, and reading files back out of it.

use super::bag::{self, BAGIT, BAGIT_TXT, BAG_INFO, MANIFEST, TAGMANIFEST};
use super::{
    hash_reader, is_precompressed, is_safe_rel, nfc, BagInfo, Bar, Buf, Entry, Hashed,
    PackageSummary, Progress, Source, BUF,
};
use std::collections::{HashMap, HashSet};
use std::fs::File;
use std::io::{BufWriter, Read, Write};
use std::path::Path;
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, System, ZipArchive, ZipWriter};

/// Deflate level: fixed, so rebuilds are byte-identical.
const DEFLATE_LEVEL: i64 = 6;
/// Entries at least this large get zip64 headers. Stored entries need them from 4 GiB − 1;
/// deflated ones a little earlier, as incompressible data grows slightly when deflated.
const ZIP64_STORED: u64 = 0xFFFF_FFFF;
const ZIP64_DEFLATED: u64 = 0xFFFF_FFFF - (64 << 20);
/// `read_entry` and `read_data` refuse larger entries (memory stays under 200 MB).
const SMALL_LIMIT: u64 = 64 << 20;
const DATA_LIMIT: u64 = 128 << 20;

enum Content<'a> {
    Text(&'a [u8]),
    Payload(&'a Entry, u64),
}

fn bad_name(name: &str) -> bool {
    name.is_empty()
        || name == "."
        || name == ".."
        || name.contains(['/', '\\'])
        || name.chars().any(|c| c.is_control())
}

/// Writes `out_dir/<bag_name>.zip` and `out_dir/<bag_name>.zip.sha256` (see the module doc).
/// `hashes` are [`hash_entries`](super::hash_entries)'s, in any order. Both outputs are written
/// under temporary names in `out_dir` and renamed when complete.
pub fn write_package(
    out_dir: &Path,
    info: &BagInfo,
    entries: &[Entry],
    hashes: &[Hashed],
    progress: &dyn Progress,
) -> Result<PackageSummary, String> {
    let bag_name = nfc(&info.bag_name);
    if bad_name(&bag_name) {
        return Err(format!("Tên gói không hợp lệ: {:?}", info.bag_name));
    }
    let date = bag::date_text(info.bagging_date)?;
    let (y, m, d) = info.bagging_date;
    let when = DateTime::from_date_and_time(y as u16, m as u8, d as u8, 0, 0, 0)
        .map_err(|_| format!("Ngày đóng gói không hợp lệ: {date}"))?;

    // Payload: NFC paths, safe, unique, each with its hash.
    let by_path: HashMap<String, &Hashed> = hashes.iter().map(|h| (nfc(&h.path), h)).collect();
    let mut items: Vec<(String, &Entry, &Hashed)> = Vec::with_capacity(entries.len());
    for e in entries {
        let path = nfc(&e.path);
        if !is_safe_rel(&path, false) {
            return Err(format!(
                "Đường dẫn tệp không hợp lệ trong gói: {:?}",
                e.path
            ));
        }
        let h = by_path
            .get(&path)
            .ok_or_else(|| format!("Chưa tính SHA-256 cho tệp: {path}"))?;
        items.push((path, e, h));
    }
    items.sort_by(|a, b| a.0.cmp(&b.0));
    let files: HashSet<&str> = items.iter().map(|i| i.0.as_str()).collect();
    if files.len() != items.len() {
        let dup = items
            .windows(2)
            .find(|w| w[0].0 == w[1].0)
            .map(|w| w[0].0.clone());
        return Err(format!(
            "Tệp trùng tên trong gói: {}",
            dup.unwrap_or_default()
        ));
    }
    for (p, _, _) in &items {
        let mut prefix = p.as_str();
        while let Some((parent, _)) = prefix.rsplit_once('/') {
            if files.contains(parent) {
                return Err(format!("Tên tệp trùng với tên thư mục trong gói: {parent}"));
            }
            prefix = parent;
        }
    }
    let payload_bytes: u64 = items.iter().map(|i| i.2.size).sum();

    // Tag files.
    let bag_info = bag::bag_info_txt(info, payload_bytes, items.len())?;
    let manifest = bag::manifest_txt(
        items
            .iter()
            .map(|(p, _, h)| (p.as_str(), h.sha256.as_str())),
    );
    let tagmanifest = bag::tagmanifest_txt(&[
        (BAGIT, BAGIT_TXT.as_bytes()),
        (BAG_INFO, bag_info.as_bytes()),
        (MANIFEST, manifest.as_bytes()),
    ]);

    // Every zip entry, sorted by name (byte order).
    let mut plan: Vec<(String, Content)> = vec![
        (
            format!("{bag_name}/{BAGIT}"),
            Content::Text(BAGIT_TXT.as_bytes()),
        ),
        (
            format!("{bag_name}/{BAG_INFO}"),
            Content::Text(bag_info.as_bytes()),
        ),
        (
            format!("{bag_name}/{MANIFEST}"),
            Content::Text(manifest.as_bytes()),
        ),
        (
            format!("{bag_name}/{TAGMANIFEST}"),
            Content::Text(tagmanifest.as_bytes()),
        ),
    ];
    for (p, e, h) in &items {
        plan.push((format!("{bag_name}/data/{p}"), Content::Payload(e, h.size)));
    }
    plan.sort_by(|a, b| a.0.cmp(&b.0));

    std::fs::create_dir_all(out_dir).map_err(|e| super::lock::write_error(out_dir, None, &e))?;
    let zip_path = out_dir.join(format!("{bag_name}.zip"));
    let sha_path = out_dir.join(format!("{bag_name}.zip.sha256"));
    let werr = |e: &(dyn std::error::Error + 'static)| {
        super::lock::write_error(out_dir, Some(&zip_path), e)
    };
    let tmp = temp_in(out_dir, &bag_name, ".zip.part").map_err(|e| werr(&e))?;

    let bar = progress.step(payload_bytes, "Đóng gói", true);
    let mut buf = Buf::new();
    let mut zw = ZipWriter::new(BufWriter::with_capacity(BUF, tmp.as_file()));
    for (name, content) in &plan {
        let size = match content {
            Content::Text(b) => b.len() as u64,
            Content::Payload(_, size) => *size,
        };
        let stored = is_precompressed(name);
        let opts = SimpleFileOptions::default()
            .system(System::Unix)
            .unix_permissions(0o644)
            .last_modified_time(when)
            .compression_method(if stored {
                CompressionMethod::Stored
            } else {
                CompressionMethod::Deflated
            })
            .compression_level(if stored { None } else { Some(DEFLATE_LEVEL) })
            .large_file(size >= if stored { ZIP64_STORED } else { ZIP64_DEFLATED });
        zw.start_file(name.as_str(), opts).map_err(|e| werr(&e))?;
        match content {
            Content::Text(b) => zw.write_all(b).map_err(|e| werr(&e))?,
            Content::Payload(e, size) => {
                let copied = match &e.source {
                    Source::Bytes(b) => {
                        zw.write_all(b).map_err(|e| werr(&e))?;
                        bar.inc(b.len() as u64);
                        b.len() as u64
                    }
                    Source::File(p) => {
                        let f = File::open(p).map_err(|err| {
                            let why = crate::problem::oserr::reason(&err);
                            format!("Không đọc được tệp {}: {why}", p.display())
                        })?;
                        copy(f, &mut zw, buf.get(), bar.as_ref()).map_err(|err| {
                            if super::lock::is_disk_error(&err) {
                                werr(&err)
                            } else {
                                format!("Không chép được tệp {} vào gói: {err}", p.display())
                            }
                        })?
                    }
                };
                if copied != *size {
                    return Err(format!(
                        "Tệp data/{} đã thay đổi kích thước sau khi tính SHA-256 ({} → {} byte); hãy chạy lại.",
                        nfc(&e.path),
                        size,
                        copied
                    ));
                }
            }
        }
    }
    let w = zw.finish().map_err(|e| werr(&e))?;
    w.into_inner().map_err(|e| werr(e.error()))?;
    bar.finish();
    tmp.as_file().sync_all().map_err(|e| werr(&e))?;
    set_mode(tmp.path());

    // The zip's own SHA-256, read back from disk.
    let (zip_sha256, _) = File::open(tmp.path())
        .and_then(|f| hash_reader(f, buf.get(), super::progress::no_bar().as_ref()))
        .map_err(|e| werr(&e))?;
    let mut sha_tmp = temp_in(out_dir, &bag_name, ".sha256.part").map_err(|e| werr(&e))?;
    let line = format!("{zip_sha256}  {bag_name}.zip\n");
    sha_tmp
        .write_all(line.as_bytes())
        .and_then(|_| sha_tmp.as_file().sync_all())
        .map_err(|e| werr(&e))?;
    set_mode(sha_tmp.path());

    // An old .sha256 must not outlive the zip it described; then the zip, then its .sha256.
    match std::fs::remove_file(&sha_path) {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(super::lock::write_error(out_dir, Some(&sha_path), &e)),
    }
    tmp.persist(&zip_path).map_err(|e| werr(&e.error))?;
    sha_tmp
        .persist(&sha_path)
        .map_err(|e| super::lock::write_error(out_dir, Some(&sha_path), &e.error))?;
    Ok(PackageSummary {
        zip_path,
        zip_sha256,
        files: items.len(),
        payload_bytes,
    })
}

fn temp_in(dir: &Path, stem: &str, suffix: &str) -> std::io::Result<tempfile::NamedTempFile> {
    tempfile::Builder::new()
        .prefix(&format!(".{stem}."))
        .suffix(suffix)
        .rand_bytes(super::lock::RAND_LEN)
        .tempfile_in(dir)
}

/// Temporary files are created 0600; the outputs are ordinary files.
fn set_mode(path: &Path) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let _ = std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o644));
    }
    #[cfg(not(unix))]
    let _ = path;
}

fn copy(
    mut r: impl Read,
    w: &mut (impl Write + ?Sized),
    buf: &mut [u8],
    bar: &dyn Bar,
) -> std::io::Result<u64> {
    let mut n_total = 0u64;
    loop {
        let n = match r.read(buf) {
            Ok(0) => return Ok(n_total),
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        w.write_all(&buf[..n])?;
        n_total += n as u64;
        bar.inc(n as u64);
    }
}

/// The bag root inside a zip: `"<bag>/"` when every entry is under one folder holding
/// `bagit.txt`, `""` when `bagit.txt` is at the top.
pub(super) fn find_root<'a>(names: impl Iterator<Item = &'a str> + Clone) -> Option<String> {
    if names.clone().any(|n| n == BAGIT) {
        return Some(String::new());
    }
    let mut roots = names.clone().filter_map(|n| {
        let (top, rest) = n.split_once('/')?;
        (rest == BAGIT).then_some(top)
    });
    let top = roots.next()?;
    if roots.next().is_some() {
        return None;
    }
    Some(format!("{top}/"))
}

struct Opened {
    archive: ZipArchive<File>,
    names: Vec<String>,
    root: String,
}

/// Opens a package zip, refusing it when any entry name is unsafe or a symlink.
fn open_checked(zip_path: &Path) -> Result<Opened, String> {
    let err = |e: &dyn std::fmt::Display| format!("Không đọc được gói {}: {e}", zip_path.display());
    let file = File::open(zip_path).map_err(|e| err(&e))?;
    let archive = ZipArchive::new(file).map_err(|e| err(&e))?;
    if archive.has_duplicate_names() {
        return Err(err(&"gói có các mục trùng tên"));
    }
    let mut names = Vec::with_capacity(archive.len());
    for i in 0..archive.len() {
        let e = archive.by_index_data(i).map_err(|e| err(&e))?;
        let name = e.name().map_err(|e| err(&e))?.into_owned();
        let symlink = e.unix_mode().is_some_and(|m| m & 0o170000 == 0o120000);
        if !is_safe_rel(&name, true) || symlink {
            return Err(err(&format!("đường dẫn không an toàn: {name}")));
        }
        names.push(name);
    }
    let root = find_root(names.iter().map(String::as_str))
        .ok_or_else(|| err(&"không tìm thấy bagit.txt"))?;
    Ok(Opened {
        archive,
        names,
        root,
    })
}

impl Opened {
    /// `inner` as an exact entry name, or relative to the bag root, or to `data/`.
    fn index_of(&self, inner: &str) -> Option<usize> {
        let inner = nfc(inner);
        let candidates = [
            inner.clone(),
            format!("{}{inner}", self.root),
            format!("{}data/{inner}", self.root),
        ];
        candidates
            .iter()
            .find_map(|c| self.names.iter().position(|n| nfc(n) == *c))
    }
}

/// Reads one small file (≤ 64 MiB) out of a package zip without extracting anything: `inner` is
/// the entry's full name, or a path relative to the bag root (`bag-info.txt`) or to `data/`
/// (`ho-so/ket-qua.json`).
pub fn read_entry(zip_path: &Path, inner: &str) -> Result<Vec<u8>, String> {
    let mut z = open_checked(zip_path)?;
    let idx = z
        .index_of(inner)
        .ok_or_else(|| format!("Không có tệp {inner} trong gói {}", zip_path.display()))?;
    read_limited(&mut z, idx, inner, SMALL_LIMIT)
}

/// Reads `data/<path>` (a path from [`list_data`]) into memory, up to 128 MiB, without extracting
/// anything; larger files: [`copy_entry`] into a temporary file.
pub fn read_data(zip_path: &Path, path: &str) -> Result<Vec<u8>, String> {
    let mut z = open_checked(zip_path)?;
    let want = format!("{}data/{}", z.root, nfc(path));
    let idx = z
        .names
        .iter()
        .position(|n| nfc(n) == want)
        .ok_or_else(|| format!("Không có tệp data/{path} trong gói {}", zip_path.display()))?;
    read_limited(&mut z, idx, path, DATA_LIMIT)
}

fn read_limited(z: &mut Opened, idx: usize, shown: &str, limit: u64) -> Result<Vec<u8>, String> {
    let mut f = z
        .archive
        .by_index(idx)
        .map_err(|e| format!("Không đọc được {shown} trong gói: {e}"))?;
    if f.is_dir() {
        return Err(format!("{shown} là thư mục, không phải tệp"));
    }
    if f.size() > limit {
        return Err(format!(
            "Tệp {shown} trong gói quá lớn để đọc vào bộ nhớ ({} MiB)",
            f.size() >> 20
        ));
    }
    let mut out = Vec::with_capacity(f.size() as usize);
    (&mut f)
        .take(limit + 1)
        .read_to_end(&mut out)
        .map_err(|e| format!("Không đọc được {shown} trong gói: {e}"))?;
    Ok(out)
}

/// Streams one file out of a package zip into `out` (any size); returns the bytes written.
pub fn copy_entry(zip_path: &Path, inner: &str, out: &mut dyn Write) -> Result<u64, String> {
    let mut z = open_checked(zip_path)?;
    let idx = z
        .index_of(inner)
        .ok_or_else(|| format!("Không có tệp {inner} trong gói {}", zip_path.display()))?;
    let mut f = z
        .archive
        .by_index(idx)
        .map_err(|e| format!("Không đọc được {inner}: {e}"))?;
    copy(
        &mut f,
        out,
        Buf::new().get(),
        super::progress::no_bar().as_ref(),
    )
    .map_err(|e| format!("Không đọc được {inner} trong gói: {e}"))
}

/// The payload files of a package zip: (path under `data/`, size), sorted.
pub fn list_data(zip_path: &Path) -> Result<Vec<(String, u64)>, String> {
    let z = open_checked(zip_path)?;
    let prefix = format!("{}data/", z.root);
    let mut out = Vec::new();
    for (i, name) in z.names.iter().enumerate() {
        if name.ends_with('/') {
            continue;
        }
        if let Some(p) = name.strip_prefix(&prefix) {
            let e = z
                .archive
                .by_index_data(i)
                .map_err(|e| format!("Không đọc được gói: {e}"))?;
            out.push((nfc(p), e.size()));
        }
    }
    out.sort();
    Ok(out)
}
