//! The output folder of `hoso build`: one hoso at a time (an operating-system lock on
//! [`LOCK_NAME`], released by the system when the process ends, however it ends), leftovers of an
//! interrupted build swept before writing, and write errors explained (read-only folder, full disk).
//!
//! Every output is written under a temporary name of hoso's own ([`is_own_temp`]) and renamed when
//! complete, so no file under a final name is ever partial; a build killed half way leaves only such
//! temporary names, which the next build removes.

use std::error::Error;
use std::fs::{File, OpenOptions};
use std::io::ErrorKind;
use std::path::{Path, PathBuf};

/// The lock file, inside the output folder (never inside the dossier: the output folder is refused
/// when it lies inside the dossier). Removed when the build ends.
pub const LOCK_NAME: &str = ".hoso.lock";
/// Length of the random part of hoso's temporary names.
pub const RAND_LEN: usize = 6;

/// Held while a build writes into its output folder.
pub struct OutputLock {
    file: Option<File>,
    path: PathBuf,
    dir: PathBuf,
    created_dir: bool,
}

impl OutputLock {
    /// Creates `dir` if needed and locks it; refused (with the lock's name) when another hoso
    /// holds it.
    pub fn acquire(dir: &Path) -> Result<OutputLock, String> {
        let created_dir = !dir.exists();
        std::fs::create_dir_all(dir).map_err(|e| write_error(dir, None, &e))?;
        let path = dir.join(LOCK_NAME);
        // A lock file removed by the previous holder between our open and our lock is not the
        // lock any more: open again.
        for _ in 0..100 {
            let file = open_lock_file(&path).map_err(|e| write_error(dir, Some(&path), &e))?;
            match file.try_lock() {
                Ok(()) => {}
                Err(std::fs::TryLockError::WouldBlock) => return Err(busy(dir, &path)),
                Err(std::fs::TryLockError::Error(e)) => {
                    return Err(format!(
                        "không khoá được thư mục kết quả \"{}\" (tệp khoá {}): {e} — chọn --out ở một thư mục trên ổ đĩa của máy này rồi chạy lại",
                        dir.display(),
                        path.display()
                    ))
                }
            }
            if still_the_lock(&file, &path) {
                return Ok(OutputLock {
                    file: Some(file),
                    path,
                    dir: dir.to_path_buf(),
                    created_dir,
                });
            }
        }
        Err(busy(dir, &path))
    }
}

impl Drop for OutputLock {
    fn drop(&mut self) {
        // Unix: remove the file while holding the lock (a waiting opener then sees another inode and
        // retries). Windows: the file cannot be removed while any handle is open, so close first;
        // the removal fails harmlessly when another hoso has it open.
        #[cfg(unix)]
        let _ = std::fs::remove_file(&self.path);
        drop(self.file.take());
        #[cfg(not(unix))]
        let _ = std::fs::remove_file(&self.path);
        if self.created_dir {
            let _ = std::fs::remove_dir(&self.dir); // only when nothing was written
        }
    }
}

fn open_lock_file(path: &Path) -> std::io::Result<File> {
    let mut o = OpenOptions::new();
    o.read(true).write(true).create(true).truncate(false);
    #[cfg(windows)]
    {
        use std::os::windows::fs::OpenOptionsExt;
        o.share_mode(0x1 | 0x2); // read | write, not delete: the file stays while it is held
    }
    o.open(path)
}

#[cfg(unix)]
fn still_the_lock(file: &File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (file.metadata(), std::fs::metadata(path)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

#[cfg(not(unix))]
fn still_the_lock(_file: &File, path: &Path) -> bool {
    path.exists()
}

fn busy(dir: &Path, path: &Path) -> String {
    format!(
        "thư mục kết quả \"{}\" đang được một lần chạy hoso khác ghi vào (tệp khoá {}) — chờ lần chạy đó xong rồi chạy lại, hoặc chọn --out khác",
        dir.display(),
        path.display()
    )
}

/// Whether `name` is one of hoso's own temporary names in an output folder: `.hoso-XXXXXX` (a
/// document being written), `.hoso-tam-XXXXXX` (a folder of received packages being verified),
/// `.<gói>.XXXXXX.zip.part` and `.<gói>.XXXXXX.sha256.part` (the package and its checksum).
pub fn is_own_temp(name: &str) -> bool {
    let random = |s: &str| s.len() == RAND_LEN && s.bytes().all(|b| b.is_ascii_alphanumeric());
    if let Some(r) = name.strip_prefix(".hoso-tam-") {
        return random(r);
    }
    if let Some(r) = name.strip_prefix(".hoso-") {
        if random(r) {
            return true;
        }
    }
    let Some(inner) = name.strip_prefix('.') else {
        return false;
    };
    for suffix in [".zip.part", ".sha256.part"] {
        if let Some(stem) = inner.strip_suffix(suffix) {
            if let Some((bag, r)) = stem.rsplit_once('.') {
                return !bag.is_empty() && random(r);
            }
        }
    }
    false
}

/// Whether the folder holds anything but hoso's lock and temporary leftovers.
pub fn has_other_files(dir: &Path) -> bool {
    match std::fs::read_dir(dir) {
        Ok(rd) => rd.flatten().any(|e| {
            let n = e.file_name();
            let n = n.to_string_lossy();
            n != LOCK_NAME && !is_own_temp(&n)
        }),
        Err(_) => false,
    }
}

/// Removes the leftovers of an interrupted build (only hoso's own temporary names, directly in
/// `dir`; a link is removed, never followed). Returns how many were removed.
pub fn sweep(dir: &Path) -> Result<usize, String> {
    let rd = std::fs::read_dir(dir).map_err(|e| write_error(dir, None, &e))?;
    let mut n = 0;
    for e in rd.flatten() {
        let name = e.file_name();
        if !is_own_temp(&name.to_string_lossy()) {
            continue;
        }
        let p = e.path();
        let is_dir = std::fs::symlink_metadata(&p).is_ok_and(|m| m.is_dir());
        let r = if is_dir {
            std::fs::remove_dir_all(&p)
        } else {
            std::fs::remove_file(&p)
        };
        match r {
            Ok(()) => n += 1,
            Err(err) if err.kind() == ErrorKind::NotFound => {}
            Err(err) => {
                return Err(format!(
                    "không xoá được tệp tạm {} do lần chạy trước bị ngắt để lại: {err} — xoá tệp đó bằng tay rồi chạy lại",
                    p.display()
                ))
            }
        }
    }
    Ok(n)
}

/// The I/O error kind behind an error (a zip error wraps the io::Error it met).
fn io_error<'a>(e: &'a (dyn Error + 'static)) -> Option<&'a std::io::Error> {
    let mut cur: Option<&(dyn Error + 'static)> = Some(e);
    while let Some(err) = cur {
        if let Some(io) = err.downcast_ref::<std::io::Error>() {
            return Some(io);
        }
        if let Some(zip::result::ZipError::Io(io)) = err.downcast_ref::<zip::result::ZipError>() {
            return Some(io);
        }
        cur = err.source();
    }
    None
}

fn io_kind(e: &(dyn Error + 'static)) -> Option<ErrorKind> {
    io_error(e).map(std::io::Error::kind)
}

/// Whether an I/O error is the disk's (full, read-only, no permission), not the file's.
pub fn is_disk_error(e: &std::io::Error) -> bool {
    matches!(
        e.kind(),
        ErrorKind::StorageFull
            | ErrorKind::QuotaExceeded
            | ErrorKind::ReadOnlyFilesystem
            | ErrorKind::PermissionDenied
    )
}

/// Temporary files are created 0600; the outputs are ordinary files.
pub(super) fn set_mode(path: &Path) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let _ = std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o644));
    }
    #[cfg(not(unix))]
    let _ = path;
}

/// Writes `path` through a temporary file in the same folder and a rename: a reader never sees a
/// half-written file, and an interrupted write leaves only a temporary name the next build sweeps.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), String> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let werr = |e: &(dyn Error + 'static)| write_error(dir, Some(path), e);
    let mut tmp = tempfile::Builder::new()
        .prefix(".hoso-")
        .rand_bytes(RAND_LEN)
        .tempfile_in(dir)
        .map_err(|e| werr(&e))?;
    std::io::Write::write_all(&mut tmp, bytes).map_err(|e| werr(&e))?;
    set_mode(tmp.path());
    tmp.persist(path).map_err(|e| werr(&e.error))?;
    Ok(())
}

/// A write error in the output folder `dir` (writing `file`, when known): names the folder, says
/// what happened in words and what to do.
pub fn write_error(dir: &Path, file: Option<&Path>, e: &(dyn Error + 'static)) -> String {
    let what = match file {
        Some(f) => format!(
            "không ghi được {} vào thư mục kết quả \"{}\"",
            f.file_name().unwrap_or_default().to_string_lossy(),
            dir.display()
        ),
        None => format!("không ghi được vào thư mục kết quả \"{}\"", dir.display()),
    };
    // Windows: an output open in Word or a PDF reader (sharing violation, access denied).
    if let Some(io) = io_error(e) {
        let why = crate::problem::oserr::write_reason(io);
        if why != io.to_string() {
            return format!("{what}: {why}");
        }
    }
    match io_kind(e) {
        Some(ErrorKind::StorageFull) | Some(ErrorKind::QuotaExceeded) => format!(
            "{what}: ổ đĩa đã đầy ({e}) — giải phóng chỗ trống trên ổ đĩa đó hoặc chọn --out ở ổ đĩa khác, rồi chạy lại (không có tệp dở dang nào mang tên chính thức)"
        ),
        Some(ErrorKind::ReadOnlyFilesystem) => format!(
            "{what}: ổ đĩa chỉ cho đọc ({e}) — chọn --out ở một thư mục ghi được (không phải đĩa CD, thẻ nhớ khoá ghi hay thư mục chia sẻ chỉ đọc), rồi chạy lại"
        ),
        Some(ErrorKind::PermissionDenied) => format!(
            "{what}: không có quyền ghi ({e}) — cấp quyền ghi cho thư mục đó hoặc chọn --out ở thư mục khác, rồi chạy lại"
        ),
        Some(ErrorKind::AlreadyExists) | Some(ErrorKind::NotADirectory) => format!(
            "{what}: \"{}\" (hoặc một thư mục chứa nó) là một tệp, không phải thư mục ({e}) — chọn --out là tên một thư mục mới hoặc thư mục kết quả cũ",
            dir.display()
        ),
        _ => format!("{what}: {e} — kiểm tra ổ đĩa và thư mục kết quả, rồi chạy lại"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn own_temporary_names_only() {
        for own in [
            ".hoso-a1B2c3",
            ".hoso-tam-Zz09aa",
            ".HoSo-Tan-Phuc-thanh-hoa-cds-xa-2024.k3J9aQ.zip.part",
            ".HoSo-Tan-Phuc-thanh-hoa-cds-xa-2024.k3J9aQ.sha256.part",
        ] {
            assert!(is_own_temp(own), "{own}");
        }
        for other in [
            LOCK_NAME,
            "HoSo-Tan-Phuc-thanh-hoa-cds-xa-2024.zip",
            ".hoso-notes.txt",
            ".hoso-abc",
            ".hoso-tam-",
            "hoso-a1B2c3",
            ".zip.part",
            "..abcdef.zip.part",
            ".bag.abc.zip.part",
            ".bag.abcdef.zip",
            ".DS_Store",
            "ket-qua.json",
        ] {
            assert!(!is_own_temp(other), "{other}");
        }
    }

    #[test]
    fn the_lock_is_exclusive_and_released() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("ket-qua");
        let a = OutputLock::acquire(&out).expect("first lock");
        let err = OutputLock::acquire(&out).err().expect("second refused");
        assert!(
            err.contains(LOCK_NAME) && err.contains("đang được"),
            "{err}"
        );
        drop(a);
        assert!(
            !out.exists(),
            "an output folder created for nothing is removed"
        );
        std::fs::create_dir(&out).unwrap();
        let b = OutputLock::acquire(&out).expect("lock again after release");
        drop(b);
        assert!(out.is_dir(), "a folder that was there stays");
        assert!(!out.join(LOCK_NAME).exists(), "the lock file is removed");
    }

    #[test]
    fn sweep_removes_only_own_leftovers() {
        let tmp = tempfile::tempdir().unwrap();
        let d = tmp.path();
        for f in [
            ".hoso-AbC123",
            ".B.xY12zz.zip.part",
            "keep.txt",
            ".hoso-notes",
        ] {
            std::fs::write(d.join(f), b"x").unwrap();
        }
        std::fs::create_dir(d.join(".hoso-tam-q1w2e3")).unwrap();
        std::fs::write(d.join(".hoso-tam-q1w2e3/inner.zip"), b"x").unwrap();
        assert!(has_other_files(d));
        assert_eq!(sweep(d).unwrap(), 3);
        let mut left: Vec<String> = std::fs::read_dir(d)
            .unwrap()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        left.sort();
        assert_eq!(left, [".hoso-notes", "keep.txt"]);
    }

    #[test]
    fn write_errors_say_what_to_do() {
        let dir = Path::new("/mnt/usb/ket-qua");
        let full = std::io::Error::from(ErrorKind::StorageFull);
        let m = write_error(dir, Some(Path::new("/mnt/usb/ket-qua/a.pdf")), &full);
        assert!(m.contains("/mnt/usb/ket-qua") && m.contains("a.pdf") && m.contains("đầy"));
        let ro = zip::result::ZipError::Io(std::io::Error::from(ErrorKind::ReadOnlyFilesystem));
        let m = write_error(dir, None, &ro);
        assert!(m.contains("chỉ cho đọc") && m.contains("--out"), "{m}");
        let file = std::io::Error::from(ErrorKind::AlreadyExists);
        let m = write_error(dir, None, &file);
        assert!(
            m.contains("là một tệp, không phải thư mục") && m.contains("--out"),
            "{m}"
        );
    }
}
