//! Writing the bag as one deterministic zip: the payload checked (safe NFC paths, unique, hashed),
//! the tag files, every entry with fixed options in byte order of names, then the zip's own
//! SHA-256 beside it. Written under temporary names and renamed when complete.

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
use zip::{CompressionMethod, DateTime, System, ZipWriter};

/// Deflate level: fixed, so rebuilds are byte-identical.
const DEFLATE_LEVEL: i64 = 6;
/// Entries at least this large get zip64 headers. Stored entries need them from 4 GiB − 1;
/// deflated ones a little earlier, as incompressible data grows slightly when deflated.
const ZIP64_STORED: u64 = 0xFFFF_FFFF;
const ZIP64_DEFLATED: u64 = 0xFFFF_FFFF - (64 << 20);

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

/// A payload file of the bag: its NFC path, its entry, its hash.
type Item<'a> = (String, &'a Entry, &'a Hashed);

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
    let items = payload(entries, hashes)?;
    let payload_bytes: u64 = items.iter().map(|i| i.2.size).sum();
    let tags = tag_files(info, &items, payload_bytes)?;
    let plan = plan(&bag_name, &tags, &items);
    std::fs::create_dir_all(out_dir).map_err(|e| super::lock::write_error(out_dir, None, &e))?;
    let zip_path = out_dir.join(format!("{bag_name}.zip"));
    let werr = |e: &(dyn std::error::Error + 'static)| {
        super::lock::write_error(out_dir, Some(&zip_path), e)
    };
    let tmp = temp_in(out_dir, &bag_name, ".zip.part").map_err(|e| werr(&e))?;
    let bar = progress.step(payload_bytes, "Đóng gói", true);
    let mut buf = Buf::new();
    let mut zw = ZipWriter::new(BufWriter::with_capacity(BUF, tmp.as_file()));
    for (name, content) in &plan {
        write_entry(&mut zw, name, content, when, &mut buf, bar.as_ref(), &werr)?;
    }
    let w = zw.finish().map_err(|e| werr(&e))?;
    w.into_inner().map_err(|e| werr(e.error()))?;
    bar.finish();
    tmp.as_file().sync_all().map_err(|e| werr(&e))?;
    super::lock::set_mode(tmp.path());
    let zip_sha256 = publish(out_dir, &bag_name, tmp, &mut buf)?;
    Ok(PackageSummary {
        zip_path,
        zip_sha256,
        files: items.len(),
        payload_bytes,
    })
}

/// The payload: NFC paths, safe, unique, no file named like a folder, each with its hash; sorted.
fn payload<'a>(entries: &'a [Entry], hashes: &'a [Hashed]) -> Result<Vec<Item<'a>>, String> {
    let by_path: HashMap<String, &Hashed> = hashes.iter().map(|h| (nfc(&h.path), h)).collect();
    let mut items: Vec<Item> = Vec::with_capacity(entries.len());
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
    Ok(items)
}

/// bag-info.txt, the manifest and the tag manifest.
struct Tags {
    bag_info: String,
    manifest: String,
    tagmanifest: String,
}

fn tag_files(info: &BagInfo, items: &[Item], payload_bytes: u64) -> Result<Tags, String> {
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
    Ok(Tags {
        bag_info,
        manifest,
        tagmanifest,
    })
}

/// Every zip entry, sorted by name (byte order).
fn plan<'a>(bag_name: &str, tags: &'a Tags, items: &'a [Item]) -> Vec<(String, Content<'a>)> {
    let mut plan: Vec<(String, Content)> = vec![
        (
            format!("{bag_name}/{BAGIT}"),
            Content::Text(BAGIT_TXT.as_bytes()),
        ),
        (
            format!("{bag_name}/{BAG_INFO}"),
            Content::Text(tags.bag_info.as_bytes()),
        ),
        (
            format!("{bag_name}/{MANIFEST}"),
            Content::Text(tags.manifest.as_bytes()),
        ),
        (
            format!("{bag_name}/{TAGMANIFEST}"),
            Content::Text(tags.tagmanifest.as_bytes()),
        ),
    ];
    for (p, e, h) in items {
        plan.push((format!("{bag_name}/data/{p}"), Content::Payload(e, h.size)));
    }
    plan.sort_by(|a, b| a.0.cmp(&b.0));
    plan
}

/// One zip entry: fixed options (Unix maker, 0644, the report date, deflate level), precompressed
/// files stored; a payload file must still have the size it was hashed with.
fn write_entry(
    zw: &mut ZipWriter<BufWriter<&File>>,
    name: &str,
    content: &Content,
    when: DateTime,
    buf: &mut Buf,
    bar: &dyn Bar,
    werr: &dyn Fn(&(dyn std::error::Error + 'static)) -> String,
) -> Result<(), String> {
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
    zw.start_file(name, opts).map_err(|e| werr(&e))?;
    let (e, size) = match content {
        Content::Text(b) => return zw.write_all(b).map_err(|e| werr(&e)),
        Content::Payload(e, size) => (e, *size),
    };
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
            copy(f, zw, buf.get(), bar).map_err(|err| {
                if super::lock::is_disk_error(&err) {
                    werr(&err)
                } else {
                    format!("Không chép được tệp {} vào gói: {err}", p.display())
                }
            })?
        }
    };
    if copied != size {
        return Err(format!(
            "Tệp data/{} đã thay đổi kích thước sau khi tính SHA-256 ({} → {} byte); hãy chạy lại.",
            nfc(&e.path),
            size,
            copied
        ));
    }
    Ok(())
}

/// The zip's own SHA-256 (read back from disk) into `<bag>.zip.sha256`; an old `.sha256` must not
/// outlive the zip it described, so it goes first, then the zip is renamed, then its `.sha256`.
fn publish(
    out_dir: &Path,
    bag_name: &str,
    tmp: tempfile::NamedTempFile,
    buf: &mut Buf,
) -> Result<String, String> {
    let zip_path = out_dir.join(format!("{bag_name}.zip"));
    let sha_path = out_dir.join(format!("{bag_name}.zip.sha256"));
    let werr = |e: &(dyn std::error::Error + 'static)| {
        super::lock::write_error(out_dir, Some(&zip_path), e)
    };
    let (zip_sha256, _) = File::open(tmp.path())
        .and_then(|f| hash_reader(f, buf.get(), super::progress::no_bar().as_ref()))
        .map_err(|e| werr(&e))?;
    let mut sha_tmp = temp_in(out_dir, bag_name, ".sha256.part").map_err(|e| werr(&e))?;
    let line = format!("{zip_sha256}  {bag_name}.zip\n");
    sha_tmp
        .write_all(line.as_bytes())
        .and_then(|_| sha_tmp.as_file().sync_all())
        .map_err(|e| werr(&e))?;
    super::lock::set_mode(sha_tmp.path());
    match std::fs::remove_file(&sha_path) {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(super::lock::write_error(out_dir, Some(&sha_path), &e)),
    }
    tmp.persist(&zip_path).map_err(|e| werr(&e.error))?;
    sha_tmp
        .persist(&sha_path)
        .map_err(|e| super::lock::write_error(out_dir, Some(&sha_path), &e.error))?;
    Ok(zip_sha256)
}

fn temp_in(dir: &Path, stem: &str, suffix: &str) -> std::io::Result<tempfile::NamedTempFile> {
    tempfile::Builder::new()
        .prefix(&format!(".{stem}."))
        .suffix(suffix)
        .rand_bytes(super::lock::RAND_LEN)
        .tempfile_in(dir)
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
