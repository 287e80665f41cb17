//! The output folder of `hoso build` under stress (issue 16): builds killed at random moments leave
//! nothing partial under a final name and the next `build --ghi-de` leaves the folder exactly as a
//! clean build does; two builds into one folder: one builds, the other is refused naming the lock;
//! a read-only or full disk: exit 2, a message naming the folder and what to do, nothing partial.

mod common;
use common::*;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::{Duration, Instant};

const LOCK: &str = ".hoso.lock";

/// Every file under `dir` (hidden ones too), relative path → bytes.
fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .flatten()
        .filter(|e| e.path() != dir)
        .map(|e| {
            let rel = e.path().strip_prefix(dir).unwrap();
            let bytes = if e.file_type().is_file() {
                std::fs::read(e.path()).unwrap_or_default()
            } else {
                b"<dir>".to_vec()
            };
            (rel.to_string_lossy().into_owned(), bytes)
        })
        .collect()
}

/// A small deterministic pseudo-random generator (xorshift), seeded per run and printed.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}

fn copy_dir(from: &Path, to: &Path) {
    for e in walkdir::WalkDir::new(from).into_iter().flatten() {
        let rel = e.path().strip_prefix(from).unwrap();
        let dst = to.join(rel);
        if e.file_type().is_dir() {
            std::fs::create_dir_all(&dst).unwrap();
        } else {
            std::fs::copy(e.path(), &dst).unwrap();
        }
    }
}

/// The example dossier plus a large photo (incompressible, `mb` MiB), so that hashing and
/// packaging take a good part of a build.
fn heavy_example(mb: usize) -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("vi-du");
    copy_dir(&repo().join("evidence-layout/vi-du"), &dir);
    let folder = walkdir::WalkDir::new(&dir)
        .min_depth(2)
        .max_depth(2)
        .sort_by_file_name()
        .into_iter()
        .flatten()
        .find(|e| e.file_type().is_dir())
        .expect("an indicator folder")
        .into_path();
    let mut photo = tiny_jpeg();
    photo.truncate(photo.len() - 2);
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    photo.extend((0..mb * 1024 * 128).flat_map(|_| rng.next().to_le_bytes()));
    photo.extend([0xFF, 0xD9]);
    std::fs::write(folder.join("anh-hien-truong.jpg"), photo).unwrap();
    (tmp, dir)
}

fn build_args<'a>(dossier: &'a Path, out: &'a Path) -> Vec<&'a str> {
    vec![
        "build",
        dossier.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--ghi-de",
    ]
}

fn names(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .map(|r| {
            r.flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    v.sort();
    v
}

#[test]
fn builds_killed_at_random_moments_leave_nothing_after_the_next_build() {
    let (_keep, dossier) = heavy_example(48);
    let tmp = tempfile::tempdir().unwrap();
    let clean_dir = tmp.path().join("sach");
    let r = build(&dossier, &clean_dir, &[]);
    assert_eq!(r.code, 0, "{}", r.all());
    let clean = snapshot(&clean_dir);
    assert!(!clean.contains_key(LOCK), "the lock file is removed");
    let out = tmp.path().join("ket-qua");
    // A build's duration: the fastest of three (other tests load the machine at times), and of
    // every rebuild below.
    let mut took = Duration::MAX;
    for _ in 0..3 {
        let t = Instant::now();
        assert_eq!(run(&build_args(&dossier, &out)).code, 0);
        took = took.min(t.elapsed());
    }
    std::fs::remove_dir_all(&out).unwrap();
    let seed = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos() as u64
        | 1;
    let mut rng = Rng(seed);
    const KILLS: usize = 24;
    let (mut left_over, mut finished) = (0, 0);
    for k in 0..KILLS {
        // Delays spread over the whole build: one in each 1/KILLS of 1.2 × its duration.
        let delay = took.mul_f64(1.2 * (k as f64 + rng.unit()) / KILLS as f64);
        let mut child = hoso()
            .args(build_args(&dossier, &out))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(delay);
        let _ = child.kill(); // SIGKILL
        let status = child.wait().unwrap();
        if status.success() {
            finished += 1;
        }
        // Whatever is under a final name is complete: the clean build's bytes.
        for name in names(&out) {
            match clean.get(&name) {
                Some(bytes) => assert!(
                    std::fs::read(out.join(&name)).unwrap() == *bytes,
                    "kill {k} after {delay:?} (seed {seed}): {name} is partial"
                ),
                None => {
                    assert!(
                        name.starts_with('.'),
                        "kill {k} (seed {seed}): {name} is neither an output nor hidden"
                    );
                    left_over += 1;
                }
            }
        }
        let t = Instant::now();
        let r = run(&build_args(&dossier, &out));
        took = took.min(t.elapsed());
        assert_eq!(r.code, 0, "rebuild after kill {k}: {}", r.all());
        let now = snapshot(&out);
        assert_eq!(
            now.keys().collect::<Vec<_>>(),
            clean.keys().collect::<Vec<_>>(),
            "kill {k} after {delay:?} (seed {seed}): the rebuilt folder holds other files"
        );
        assert!(now == clean, "kill {k} (seed {seed}): rebuilt bytes differ");
    }
    eprintln!(
        "{KILLS} kills over {took:?} (seed {seed}): {left_over} hidden leftovers seen after the kills (each swept by the rebuild), {finished} builds finished before the kill"
    );
    assert!(
        finished <= KILLS / 3,
        "most kills must land inside a build ({finished} of {KILLS} finished)"
    );
}

#[test]
fn leftovers_of_hoso_are_swept_and_other_files_kept() {
    let (_keep, dossier) = heavy_example(1);
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("ket-qua");
    assert_eq!(build(&dossier, &out, &[]).code, 0);
    let clean = snapshot(&out);
    let bag = "HoSo-Tan-Phuc-thanh-hoa-cds-xa-2024";
    let leftovers = [
        format!(".{bag}.a1B2c3.zip.part"),
        format!(".{bag}.Zz9yX8.sha256.part"),
        ".hoso-Qw3rTy".to_string(),
    ];
    for l in &leftovers {
        std::fs::write(out.join(l), b"half a file").unwrap();
    }
    std::fs::create_dir(out.join(".hoso-tam-Abc123")).unwrap();
    std::fs::write(out.join(".hoso-tam-Abc123/x.zip"), b"x").unwrap();
    std::fs::write(out.join("ghi-chu-cua-can-bo.txt"), b"keep me").unwrap();
    let r = build(&dossier, &out, &["--ghi-de"]);
    assert_eq!(r.code, 0, "{}", r.all());
    let mut want = clean.clone();
    want.insert("ghi-chu-cua-can-bo.txt".into(), b"keep me".to_vec());
    assert!(snapshot(&out) == want, "{:?}", names(&out));
    // A folder holding only hoso's leftovers is not "a folder with files": no --ghi-de needed.
    let out2 = tmp.path().join("moi");
    std::fs::create_dir(&out2).unwrap();
    std::fs::write(out2.join(&leftovers[0]), b"half").unwrap();
    let r = build(&dossier, &out2, &[]);
    assert_eq!(r.code, 0, "{}", r.all());
    assert!(snapshot(&out2) == clean);
}

#[test]
fn two_builds_into_one_folder_one_is_refused_naming_the_lock() {
    let (_keep, dossier) = heavy_example(64);
    let tmp = tempfile::tempdir().unwrap();
    let clean_dir = tmp.path().join("sach");
    assert_eq!(build(&dossier, &clean_dir, &[]).code, 0);
    let out = tmp.path().join("ket-qua");
    let start = |_| {
        hoso()
            .args(build_args(&dossier, &out))
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap()
    };
    let children: Vec<_> = (0..2).map(start).collect();
    let outs: Vec<_> = children
        .into_iter()
        .map(|c| c.wait_with_output().unwrap())
        .collect();
    let codes: Vec<i32> = outs.iter().map(|o| o.status.code().unwrap_or(-1)).collect();
    let mut sorted = codes.clone();
    sorted.sort();
    assert_eq!(sorted, [0, 2], "one builds, one is refused: {outs:?}");
    let refused = &outs[codes.iter().position(|c| *c == 2).unwrap()];
    let msg = String::from_utf8_lossy(&refused.stderr);
    assert!(
        msg.contains(LOCK) && msg.contains("đang được một lần chạy hoso khác"),
        "{msg}"
    );
    assert!(snapshot(&out) == snapshot(&clean_dir), "{:?}", names(&out));
}

#[test]
fn a_held_lock_refuses_the_build_until_released() {
    let d = thanh_hoa_complete();
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("ket-qua");
    std::fs::create_dir(&out).unwrap();
    let f = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(out.join(LOCK))
        .unwrap();
    f.try_lock().unwrap();
    let r = build(d.path(), &out, &[]);
    assert_eq!(r.code, 2, "{}", r.all());
    assert!(r.stderr.contains(LOCK), "{}", r.stderr);
    assert!(
        r.stderr.contains(out.to_str().unwrap()),
        "names the folder: {}",
        r.stderr
    );
    assert_eq!(names(&out), [LOCK], "nothing written while refused");
    drop(f);
    let r = build(d.path(), &out, &["--ghi-de"]);
    assert_eq!(r.code, 0, "{}", r.all());
    assert!(!out.join(LOCK).exists());
}

/// Runs `script` in a private mount namespace (`unshare -rm`, so tmpfs can be mounted without
/// touching the machine); `$1` is hoso, `$2` the dossier, `$3` a mount point.
fn in_namespace(script: &str, dossier: &Path, mnt: &Path) -> (String, String) {
    let out = tool("unshare")
        .args(["-rm", "sh", "-c", script, "sh"])
        .arg(env!("CARGO_BIN_EXE_hoso"))
        .arg(dossier)
        .arg(mnt)
        .output()
        .unwrap();
    let so = String::from_utf8_lossy(&out.stdout).into_owned();
    let se = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(
        so.contains("mounted"),
        "unshare -rm could not mount a tmpfs (needs user namespaces): {so}{se}"
    );
    (so, se)
}

/// `name sha256` lines printed by the namespace script, for the files under final names.
fn listed(stdout: &str) -> BTreeMap<String, String> {
    stdout
        .lines()
        .filter_map(|l| l.strip_prefix("file "))
        .filter_map(|l| l.split_once(' '))
        .map(|(h, n)| (n.trim().to_string(), h.to_string()))
        .collect()
}

fn sha256_of(dir: &Path) -> BTreeMap<String, String> {
    names(dir)
        .into_iter()
        .map(|n| {
            let o = tool("sha256sum").arg(dir.join(&n)).output().unwrap();
            let h = String::from_utf8_lossy(&o.stdout)
                .split_whitespace()
                .next()
                .unwrap_or("")
                .to_string();
            (n, h)
        })
        .collect()
}

const LIST: &str = r#"echo "rc=$rc"; for f in "$out"/* "$out"/.[!.]*; do [ -e "$f" ] && echo "file $(sha256sum "$f" | cut -d' ' -f1) $(basename "$f")"; done; true"#;

#[test]
fn a_read_only_output_disk_is_named_with_what_to_do() {
    let d = thanh_hoa_complete();
    let tmp = tempfile::tempdir().unwrap();
    let mnt = tmp.path().join("usb");
    std::fs::create_dir(&mnt).unwrap();
    // A read-only disk, and a disk that held a build and was then made read-only.
    let script = format!(
        r#"mount -t tmpfs -o size=8m tmpfs "$3" && echo mounted || exit 0
mkdir "$3/cu"; "$1" build "$2" --out "$3/cu" >/dev/null 2>&1
mount -o remount,ro "$3" || exit 0
out="$3/cu"; "$1" build "$2" --out "$out" --ghi-de; rc=$?; {LIST}
echo ===; out="$3"; "$1" build "$2" --out "$out"; rc=$?; {LIST}"#
    );
    let (so, se) = in_namespace(&script, d.path(), &mnt);
    let (first, second) = so.split_once("===").unwrap();
    assert!(
        first.contains("rc=2") && second.contains("rc=2"),
        "{so}{se}"
    );
    let folder = mnt.join("cu");
    assert!(
        se.contains(&format!("\"{}\"", folder.display())) && se.contains("chỉ cho đọc"),
        "{se}"
    );
    assert!(se.contains("chọn --out"), "says what to do: {se}");
    assert!(
        se.contains(&format!("\"{}\"", mnt.display())),
        "names the folder: {se}"
    );
    // The earlier build is untouched: every file complete, nothing added.
    let clean = tmp.path().join("sach");
    assert_eq!(build(d.path(), &clean, &[]).code, 0);
    assert_eq!(listed(first), sha256_of(&clean), "{so}");
}

#[test]
fn a_full_output_disk_leaves_nothing_partial_under_a_final_name() {
    let (_keep, dossier) = heavy_example(4);
    let tmp = tempfile::tempdir().unwrap();
    let clean = tmp.path().join("sach");
    assert_eq!(build(&dossier, &clean, &[]).code, 0);
    let sums = sha256_of(&clean);
    let size = |n: &str| std::fs::metadata(clean.join(n)).unwrap().len();
    let docs: u64 = names(&clean)
        .iter()
        .filter(|n| !n.ends_with(".zip"))
        .map(|n| size(n))
        .sum();
    let zip = names(&clean)
        .into_iter()
        .find(|n| n.ends_with(".zip"))
        .unwrap();
    let mnt = tmp.path().join("the-nho");
    std::fs::create_dir(&mnt).unwrap();
    // Full while writing the first documents; full while writing the package.
    for kib in [64, (docs + size(&zip) / 2) / 1024 + 64] {
        let script = format!(
            r#"mount -t tmpfs -o size={kib}k tmpfs "$3" && echo mounted || exit 0
out="$3/ket-qua"; "$1" build "$2" --out "$out"; rc=$?; {LIST}"#
        );
        let (so, se) = in_namespace(&script, &dossier, &mnt);
        assert!(so.contains("rc=2"), "{kib} KiB: {so}{se}");
        let folder = mnt.join("ket-qua");
        assert!(
            se.contains(&format!("\"{}\"", folder.display()))
                && se.contains("đầy")
                && se.contains("chọn --out"),
            "{kib} KiB: {se}"
        );
        assert!(!se.contains("panicked"), "{se}");
        let written = listed(&so);
        for (name, hash) in &written {
            assert_eq!(
                sums.get(name),
                Some(hash),
                "{kib} KiB: {name} is partial or not hoso's ({so})"
            );
        }
        if kib > 64 {
            assert!(
                !written.is_empty() && !written.contains_key(&zip),
                "documents written, package not: {so}"
            );
        }
    }
}

#[test]
fn the_lock_file_is_never_inside_the_dossier() {
    let d = thanh_hoa_complete();
    let inner = d.path().join("ket-qua");
    let r = build(d.path(), &inner, &[]);
    assert_eq!(r.code, 2, "{}", r.all());
    assert!(!inner.exists(), "nothing created in the dossier");
}

/// `hoso check --json | head -c 10`: the reader goes away before hoso writes; hoso ends quietly
/// (as Unix tools do) instead of panicking on "Broken pipe" with exit code 101.
#[cfg(unix)]
#[test]
fn a_reader_that_goes_away_ends_check_quietly() {
    let example = repo().join("evidence-layout/vi-du");
    for args in [&["check", "--json"][..], &["check"][..]] {
        let mut child = hoso()
            .args(args)
            .arg(&example)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("hoso runs");
        drop(child.stdout.take());
        let out = child.wait_with_output().expect("hoso ends");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(!err.contains("panicked"), "{args:?}: {err}");
        assert_ne!(out.status.code(), Some(101), "{args:?}: {err}");
    }
}
