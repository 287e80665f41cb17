//! `hoso verify`: recompute every hash of a package zip (read in place, nothing extracted) or of
//! an unpacked bag directory, and list what differs.

use super::bag::{self, BAGIT, BAG_INFO, MANIFEST, TAGMANIFEST};
use super::zipper::find_root;
use super::{
    decode_path, hash_reader, is_safe_rel, nfc, Bar, Buf, Problem, Progress, VerifyReport,
};
use rayon::prelude::*;
use std::collections::{BTreeMap, HashSet};
use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};
use zip::{ZipArchive, ZipReadOptions};

/// Tag files are read into memory up to this size.
const TAG_LIMIT: u64 = 256 << 20;

/// Where a file of the bag is.
#[derive(Clone, Debug)]
enum Loc {
    /// Index of the entry in the zip.
    Zip(usize),
    Disk(PathBuf),
}

#[derive(Clone, Debug)]
struct Item {
    size: u64,
    loc: Loc,
}

/// The bag's files by NFC path relative to the bag root.
type Listing = BTreeMap<String, Item>;

/// Checks a package: a `.zip` (read in place) or an unpacked bag directory. `Err` only when
/// `path` cannot be read at all; every problem with its content is in the report.
pub fn verify(path: &Path, progress: &dyn Progress) -> Result<VerifyReport, String> {
    let meta =
        std::fs::metadata(path).map_err(|e| format!("Không đọc được {}: {e}", path.display()))?;
    if meta.is_dir() {
        verify_dir(path, progress)
    } else {
        verify_zip(path, progress)
    }
}

fn report(bag_name: String, mut problems: Vec<Problem>, files_checked: usize) -> VerifyReport {
    problems.sort();
    problems.dedup();
    VerifyReport {
        ok: problems.is_empty(),
        problems,
        files_checked,
        bag_name,
    }
}

fn verify_zip(path: &Path, progress: &dyn Progress) -> Result<VerifyReport, String> {
    let file = File::open(path).map_err(|e| format!("Không đọc được {}: {e}", path.display()))?;
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    // Entry count, declared sizes and ratios first: a zip bomb is refused before it is read.
    let archive = match crate::evidence::container::open_checked(
        file,
        &crate::evidence::container::PACKAGE,
    ) {
        Ok((a, _)) => a,
        Err(e) => {
            let p = Problem::Malformed(format!("không đọc được tệp zip ({e})"));
            return Ok(report(stem, vec![p], 0));
        }
    };
    let mut problems = Vec::new();
    let entries = zip_entries(&archive, &mut problems);
    if problems.iter().any(|p| matches!(p, Problem::Unsafe(_))) {
        return Ok(report(stem, problems, 0));
    }
    let Some(root) = find_root(entries.iter().map(|e| e.0.as_str())) else {
        problems.push(Problem::Malformed("không tìm thấy bagit.txt".into()));
        return Ok(report(stem, problems, 0));
    };
    let bag_name = root.trim_end_matches('/').to_string();
    let bag_name = if bag_name.is_empty() { stem } else { bag_name };
    let mut listing = Listing::new();
    for (name, i, size, is_dir) in entries {
        match name.strip_prefix(&root) {
            Some(rel) if !is_dir => {
                listing.insert(
                    rel.to_string(),
                    Item {
                        size,
                        loc: Loc::Zip(i),
                    },
                );
            }
            Some(_) => {}
            None => problems.push(Problem::Added(name)),
        }
    }
    let store = ZipStore {
        path: path.to_path_buf(),
        archive: std::sync::Mutex::new(archive),
    };
    let checked = check(&listing, &store, progress, &mut problems);
    Ok(report(bag_name, problems, checked))
}

/// Every entry of a package zip, its name checked before anything is read: unsafe names, links,
/// duplicates (after NFC) and encrypted entries are problems. (NFC name, index, size, is a folder).
fn zip_entries(
    archive: &zip::ZipArchive<File>,
    problems: &mut Vec<Problem>,
) -> Vec<(String, usize, u64, bool)> {
    if archive.has_duplicate_names() {
        problems.push(Problem::Unsafe("(nhiều mục trùng tên)".into()));
    }
    let mut entries: Vec<(String, usize, u64, bool)> = Vec::with_capacity(archive.len());
    let mut seen = HashSet::new();
    for i in 0..archive.len() {
        let e = match archive.by_index_data(i) {
            Ok(e) => e,
            Err(err) => {
                problems.push(Problem::Malformed(format!(
                    "mục thứ {i} không đọc được ({err})"
                )));
                continue;
            }
        };
        let name = match e.name() {
            Ok(n) => n.into_owned(),
            Err(_) => {
                problems.push(Problem::Unsafe(
                    String::from_utf8_lossy(e.name_raw()).into_owned(),
                ));
                continue;
            }
        };
        let kind = e.unix_mode().map(|m| m & 0o170000).unwrap_or(0);
        let regular = matches!(kind, 0 | 0o100000 | 0o040000);
        if !is_safe_rel(&name, true) || !regular || !seen.insert(nfc(&name)) {
            problems.push(Problem::Unsafe(name));
            continue;
        }
        if e.encrypted() {
            problems.push(Problem::Malformed(format!("mục được mã hoá: {name}")));
            continue;
        }
        let is_dir = name.ends_with('/');
        entries.push((nfc(&name), i, e.size(), is_dir));
    }
    entries
}

fn verify_dir(root: &Path, progress: &dyn Progress) -> Result<VerifyReport, String> {
    let bag_name = root
        .canonicalize()
        .ok()
        .and_then(|p| p.file_name().map(|s| s.to_string_lossy().into_owned()))
        .unwrap_or_else(|| root.display().to_string());
    let mut problems = Vec::new();
    let mut listing = Listing::new();
    for ent in walkdir::WalkDir::new(root)
        .follow_links(false)
        .sort_by_file_name()
    {
        let ent = match ent {
            Ok(e) => e,
            Err(e) => {
                if e.depth() == 0 {
                    return Err(format!("Không đọc được {}: {e}", root.display()));
                }
                problems.push(Problem::Malformed(format!("không đọc được: {e}")));
                continue;
            }
        };
        if ent.depth() == 0 {
            continue;
        }
        let rel = ent.path().strip_prefix(root).unwrap_or(ent.path());
        let parts: Option<Vec<&str>> = rel.components().map(|c| c.as_os_str().to_str()).collect();
        let shown = rel.to_string_lossy().replace('\\', "/");
        let Some(parts) = parts else {
            problems.push(Problem::Unsafe(shown));
            continue;
        };
        let name = nfc(&parts.join("/"));
        let ft = ent.file_type();
        if ft.is_dir() {
            continue;
        }
        if !ft.is_file() {
            // Symlinks, sockets, devices: never followed.
            problems.push(Problem::Unsafe(name));
            continue;
        }
        let size = ent.metadata().map(|m| m.len()).unwrap_or(0);
        if listing
            .insert(
                name.clone(),
                Item {
                    size,
                    loc: Loc::Disk(ent.into_path()),
                },
            )
            .is_some()
        {
            problems.push(Problem::Unsafe(name));
        }
    }
    if problems.iter().any(|p| matches!(p, Problem::Unsafe(_))) {
        return Ok(report(bag_name, problems, 0));
    }
    let checked = check(&listing, &DirStore, progress, &mut problems);
    Ok(report(bag_name, problems, checked))
}

/// Reading and hashing the files of a bag, wherever it is.
trait Store: Sync {
    fn read_small(&self, item: &Item) -> Result<Vec<u8>, String>;
    /// SHA-256 (hex) of each item, in order; `Err` when an item can't be read.
    fn hash_all(&self, items: &[&Item], bar: &dyn Bar) -> Vec<Result<String, String>>;
}

struct DirStore;

impl Store for DirStore {
    fn read_small(&self, item: &Item) -> Result<Vec<u8>, String> {
        let Loc::Disk(p) = &item.loc else {
            return Err("loc".into());
        };
        let mut out = Vec::new();
        File::open(p)
            .and_then(|f| f.take(TAG_LIMIT).read_to_end(&mut out))
            .map_err(|e| e.to_string())?;
        Ok(out)
    }

    fn hash_all(&self, items: &[&Item], bar: &dyn Bar) -> Vec<Result<String, String>> {
        items
            .par_iter()
            .map_init(Buf::new, |buf, item| {
                let Loc::Disk(p) = &item.loc else {
                    return Err("loc".into());
                };
                let f = File::open(p).map_err(|e| e.to_string())?;
                hash_reader(f, buf.get(), bar)
                    .map(|(h, _)| h)
                    .map_err(|e| e.to_string())
            })
            .collect()
    }
}

struct ZipStore {
    path: PathBuf,
    archive: std::sync::Mutex<ZipArchive<File>>,
}

fn hash_zip_entry(
    archive: &mut ZipArchive<File>,
    index: usize,
    buf: &mut [u8],
    bar: &dyn Bar,
) -> Result<String, String> {
    // SHA-256 is the check; the zip's CRC-32 would only cost time and turn a changed file into
    // a read error.
    let opts = ZipReadOptions::new().ignore_crc32(true);
    let f = archive
        .by_index_with_options(index, opts)
        .map_err(|e| e.to_string())?;
    // Never inflate more than the directory declared (a lying entry is a bomb).
    let declared = f.size();
    let (h, n) =
        hash_reader(f.take(declared.saturating_add(1)), buf, bar).map_err(|e| e.to_string())?;
    if n > declared {
        return Err(format!(
            "mục giải nén ra nhiều hơn kích thước khai báo ({declared} byte) — gói bị sửa hoặc là \"bom nén\""
        ));
    }
    Ok(h)
}

impl Store for ZipStore {
    fn read_small(&self, item: &Item) -> Result<Vec<u8>, String> {
        let Loc::Zip(i) = item.loc else {
            return Err("loc".into());
        };
        let mut ar = self.archive.lock().map_err(|e| e.to_string())?;
        let f = ar
            .by_index_with_options(i, ZipReadOptions::new().ignore_crc32(true))
            .map_err(|e| e.to_string())?;
        let mut out = Vec::new();
        f.take(TAG_LIMIT)
            .read_to_end(&mut out)
            .map_err(|e| e.to_string())?;
        Ok(out)
    }

    fn hash_all(&self, items: &[&Item], bar: &dyn Bar) -> Vec<Result<String, String>> {
        // One reader per rayon worker, each on its own file handle; entries in zip order so
        // each worker reads forward.
        let mut order: Vec<usize> = (0..items.len()).collect();
        order.sort_by_key(|&k| match items[k].loc {
            Loc::Zip(i) => i,
            Loc::Disk(_) => usize::MAX,
        });
        let mut results: Vec<(usize, Result<String, String>)> = order
            .par_iter()
            .map_init(
                || {
                    let ar = File::open(&self.path)
                        .map_err(|e| e.to_string())
                        .and_then(|f| ZipArchive::new(f).map_err(|e| e.to_string()));
                    (ar, Buf::new())
                },
                |(ar, buf), &k| {
                    let Loc::Zip(i) = items[k].loc else {
                        return (k, Err("loc".into()));
                    };
                    let r = match ar {
                        Ok(ar) => hash_zip_entry(ar, i, buf.get(), bar),
                        Err(e) => Err(e.clone()),
                    };
                    (k, r)
                },
            )
            .collect();
        results.sort_by_key(|r| r.0);
        results.into_iter().map(|r| r.1).collect()
    }
}

/// A manifest path as a listing key: percent-decoded as RFC 8493 says, NFC. Tools that don't
/// encode `%` (bagit.py 1.9) write `100%25` as `100%25`; when only the undecoded name is in the
/// bag, that is the one meant.
fn manifest_name(p: &str, listing: &Listing) -> String {
    let decoded = nfc(&decode_path(p));
    let raw = nfc(p);
    if !listing.contains_key(&decoded) && listing.contains_key(&raw) {
        raw
    } else {
        decoded
    }
}

/// What to hash: (name, item, expected hex, is a tag file).
type Todo<'a> = Vec<(String, &'a Item, String, bool)>;

/// Reads a tag file of the bag; a file that cannot be read is a problem.
fn read_tag(
    listing: &Listing,
    store: &dyn Store,
    name: &str,
    problems: &mut Vec<Problem>,
) -> Option<Vec<u8>> {
    let item = listing.get(name)?;
    match store.read_small(item) {
        Ok(b) => Some(b),
        Err(e) => {
            problems.push(Problem::Malformed(format!("không đọc được {name} ({e})")));
            None
        }
    }
}

/// The BagIt checks over a listing; pushes problems, returns how many files were hashed.
fn check(
    listing: &Listing,
    store: &dyn Store,
    progress: &dyn Progress,
    problems: &mut Vec<Problem>,
) -> usize {
    if !listing.contains_key(BAGIT) && !listing.contains_key(MANIFEST) {
        problems.push(Problem::Malformed("không tìm thấy bagit.txt".into()));
        return 0;
    }
    match read_tag(listing, store, BAGIT, problems) {
        Some(b) => {
            if let Err(e) = bag::check_bagit(&b) {
                problems.push(Problem::Malformed(e));
            }
        }
        None if !listing.contains_key(BAGIT) => problems.push(Problem::Missing(BAGIT.into())),
        None => {}
    }
    let mut todo: Todo = Vec::new();
    tag_manifest(listing, store, &mut todo, problems);
    payload_manifest(listing, store, &mut todo, problems);
    let payload_problem = compare_hashes(store, &todo, progress, problems);
    payload_oxum(listing, store, payload_problem, problems);
    todo.len()
}

/// The tag manifest: bagit.txt, bag-info.txt and manifest-sha256.txt must all be covered.
fn tag_manifest<'a>(
    listing: &'a Listing,
    store: &dyn Store,
    todo: &mut Todo<'a>,
    problems: &mut Vec<Problem>,
) {
    let b = match read_tag(listing, store, TAGMANIFEST, problems) {
        None if !listing.contains_key(TAGMANIFEST) => {
            return problems.push(Problem::Missing(TAGMANIFEST.into()))
        }
        None => return,
        Some(b) => b,
    };
    let lines = match bag::parse_manifest(&b, TAGMANIFEST) {
        Err(e) => return problems.push(Problem::Malformed(e)),
        Ok(lines) => lines,
    };
    let mut covered = HashSet::new();
    for (sha, p) in lines {
        let name = manifest_name(&p, listing);
        if !is_safe_rel(&name, false) || name.starts_with("data/") {
            problems.push(Problem::Malformed(format!(
                "{TAGMANIFEST} nêu tệp không phải tệp thẻ: {name}"
            )));
            continue;
        }
        match listing.get(&name) {
            Some(item) => todo.push((name.clone(), item, sha, true)),
            None => problems.push(Problem::Missing(name.clone())),
        }
        covered.insert(name);
    }
    for t in [BAGIT, BAG_INFO, MANIFEST] {
        if listing.contains_key(t) && !covered.contains(t) {
            problems.push(Problem::TagChanged(t.into()));
        }
    }
}

/// The payload manifest: every file of data/ listed once, nothing listed outside it; files not
/// listed are added files.
fn payload_manifest<'a>(
    listing: &'a Listing,
    store: &dyn Store,
    todo: &mut Todo<'a>,
    problems: &mut Vec<Problem>,
) {
    let mut in_manifest = HashSet::new();
    let data = || listing.keys().filter(|k| k.starts_with("data/")).cloned();
    match read_tag(listing, store, MANIFEST, problems) {
        None => {
            if !listing.contains_key(MANIFEST) {
                problems.push(Problem::Missing(MANIFEST.into()));
            }
            // Without a readable manifest the payload can't be checked file by file.
            in_manifest.extend(data());
        }
        Some(b) => match bag::parse_manifest(&b, MANIFEST) {
            Err(e) => {
                problems.push(Problem::Malformed(e));
                in_manifest.extend(data());
            }
            Ok(lines) => {
                for (sha, p) in lines {
                    let name = manifest_name(&p, listing);
                    if !is_safe_rel(&name, false) || !name.starts_with("data/") {
                        problems.push(Problem::Malformed(format!(
                            "{MANIFEST} nêu tệp ngoài thư mục data/: {name}"
                        )));
                        continue;
                    }
                    if !in_manifest.insert(name.clone()) {
                        problems.push(Problem::Malformed(format!(
                            "{MANIFEST} nêu một tệp hai lần: {name}"
                        )));
                        continue;
                    }
                    match listing.get(&name) {
                        Some(item) => todo.push((name, item, sha, false)),
                        None => problems.push(Problem::Missing(name)),
                    }
                }
            }
        },
    }
    for name in data() {
        if !in_manifest.contains(&name) {
            problems.push(Problem::Added(name));
        }
    }
}

/// Hashes everything listed at once (in parallel) and compares; whether the payload has a
/// problem (missing, added or changed files).
fn compare_hashes(
    store: &dyn Store,
    todo: &Todo,
    progress: &dyn Progress,
    problems: &mut Vec<Problem>,
) -> bool {
    let total: u64 = todo.iter().map(|t| t.1.size).sum();
    let bar = progress.step(total, "Kiểm tra SHA-256", true);
    let items: Vec<&Item> = todo.iter().map(|t| t.1).collect();
    let hashes = store.hash_all(&items, bar.as_ref());
    bar.finish();
    let mut payload_problem = problems
        .iter()
        .any(|p| matches!(p, Problem::Missing(n) | Problem::Added(n) if n.starts_with("data/")));
    for ((name, _, want, is_tag), got) in todo.iter().zip(&hashes) {
        if got.as_ref().ok() != Some(want) {
            payload_problem |= !is_tag;
            problems.push(if *is_tag {
                Problem::TagChanged(name.clone())
            } else {
                Problem::Changed(name.clone())
            });
        }
    }
    payload_problem
}

/// Payload-Oxum, reported only when the files themselves don't already explain it.
fn payload_oxum(
    listing: &Listing,
    store: &dyn Store,
    payload_problem: bool,
    problems: &mut Vec<Problem>,
) {
    let Some(b) = read_tag(listing, store, BAG_INFO, problems) else {
        return;
    };
    match bag::payload_oxum(&b) {
        Err(e) => problems.push(Problem::Malformed(e)),
        Ok(Some((bytes, files))) => {
            let data: Vec<&Item> = listing
                .iter()
                .filter(|(k, _)| k.starts_with("data/"))
                .map(|(_, v)| v)
                .collect();
            let actual = (data.iter().map(|i| i.size).sum::<u64>(), data.len() as u64);
            if actual != (bytes, files) && !payload_problem {
                problems.push(Problem::Malformed(format!(
                    "Payload-Oxum {bytes}.{files} không khớp với thư mục data/ ({}.{})",
                    actual.0, actual.1
                )));
            }
        }
        Ok(None) => {}
    }
}
