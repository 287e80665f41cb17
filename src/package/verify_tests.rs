//! `verify` against edited and hostile packages: every kind of change named, in a zip and in the
//! same bag unpacked; unsafe names, links and duplicates refused before anything is read.

use super::tests::{build, extract, problems, BAG};
use super::*;
use std::fs;
use std::io::Write;
use std::path::Path;

/// Copies the zip entry by entry, letting `edit` change (name, content) or drop entries.
fn rewrite(
    src: &Path,
    dst: &Path,
    edit: impl Fn(&str, Vec<u8>) -> Option<(String, Vec<u8>)>,
    add: &[(&str, &[u8])],
) {
    let mut ar = zip::ZipArchive::new(fs::File::open(src).unwrap()).unwrap();
    let mut w = zip::ZipWriter::new(fs::File::create(dst).unwrap());
    let opts = zip::write::SimpleFileOptions::default();
    for i in 0..ar.len() {
        let mut f = ar.by_index(i).unwrap();
        let name = f.name().unwrap().to_string();
        let mut buf = Vec::new();
        std::io::Read::read_to_end(&mut f, &mut buf).unwrap();
        if let Some((n, c)) = edit(&name, buf) {
            w.start_file(n, opts).unwrap();
            w.write_all(&c).unwrap();
        }
    }
    for (n, c) in add {
        w.start_file(*n, opts).unwrap();
        w.write_all(c).unwrap();
    }
    w.finish().unwrap();
}

type Edit = Box<dyn Fn(&str, Vec<u8>) -> Option<(String, Vec<u8>)>>;
type Case<'a> = (&'a str, Edit, Vec<(String, Vec<u8>)>, Vec<Problem>);
const JPG: &str = "data/minh-chung/ảnh/Ảnh chụp 01.jpg";
const TXT: &str = "data/minh-chung/Biên bản họp dân.txt";

fn full(p: &str) -> String {
    format!("{BAG}/{p}")
}

/// Edits of a package and the problems each must give: a flipped byte, a removed, added or
/// renamed file, an edited manifest.
fn edits() -> Vec<Case<'static>> {
    let (jpg, txt) = (JPG, TXT);
    let flip = |mut c: Vec<u8>| {
        c[100] ^= 1;
        c
    };

    vec![
        (
            "flip",
            Box::new(move |n, c| Some((n.into(), if n == full(jpg) { flip(c) } else { c }))),
            vec![],
            vec![Problem::Changed(jpg.into())],
        ),
        (
            "remove",
            Box::new(move |n, c| (n != full(txt)).then(|| (n.into(), c))),
            vec![],
            vec![Problem::Missing(txt.into())],
        ),
        (
            "add",
            Box::new(|n, c| Some((n.into(), c))),
            vec![(full("data/thêm vào.txt"), b"x".to_vec())],
            vec![Problem::Added("data/thêm vào.txt".into())],
        ),
        (
            "rename",
            Box::new(move |n, c| {
                Some((
                    if n == full(txt) {
                        full("data/đổi tên.txt")
                    } else {
                        n.into()
                    },
                    c,
                ))
            }),
            vec![],
            vec![
                Problem::Missing(txt.into()),
                Problem::Added("data/đổi tên.txt".into()),
            ],
        ),
        (
            "manifest",
            Box::new(move |n, c| {
                if n != full("manifest-sha256.txt") {
                    return Some((n.into(), c));
                }
                let text = String::from_utf8(c).unwrap();
                let edited: String = text
                    .lines()
                    .map(|l| {
                        let l = if l.ends_with(jpg) {
                            format!("{}{}", if l.starts_with('0') { '1' } else { '0' }, &l[1..])
                        } else {
                            l.to_string()
                        };
                        l + "\n"
                    })
                    .collect();
                Some((n.into(), edited.into_bytes()))
            }),
            vec![],
            vec![
                Problem::TagChanged("manifest-sha256.txt".into()),
                Problem::Changed(jpg.into()),
            ],
        ),
    ]
}

#[test]
fn verify_names_each_problem_in_zip_and_directory() {
    let t = tempfile::tempdir().unwrap();
    let s = build(t.path(), &t.path().join("out"));
    for (label, edit, add, want) in edits() {
        let z = t.path().join(format!("{label}.zip"));
        let add: Vec<(&str, &[u8])> = add
            .iter()
            .map(|(n, c)| (n.as_str(), c.as_slice()))
            .collect();
        rewrite(&s.zip_path, &z, edit, &add);
        let r = verify(&z, &Silent).unwrap();
        assert!(!r.ok, "{label}");
        let got = problems(&r);
        assert_eq!(got, want, "{label}");
        for p in &got {
            assert!(p.message().contains(p.subject()), "{}", p.message());
        }
        // Same package unpacked, checked as a directory.
        let root = extract(&z, &t.path().join(format!("x-{label}")));
        let got_dir = problems(&verify(&root, &Silent).unwrap());
        assert_eq!(got_dir, got, "{label} (directory)");
    }
}

/// A byte flipped in place inside the zip (stored entry): CRC ignored, SHA-256 catches it.
#[test]
fn a_byte_flipped_in_a_stored_entry_is_found() {
    let (jpg, t) = (JPG, tempfile::tempdir().unwrap());
    let s = build(t.path(), &t.path().join("out"));
    let mut bytes = fs::read(&s.zip_path).unwrap();
    let mut ar = zip::ZipArchive::new(std::io::Cursor::new(bytes.clone())).unwrap();
    let idx = ar.index_for_name(&full(jpg)).unwrap();
    let start = ar.by_index(idx).unwrap().data_start().unwrap() as usize;
    drop(ar);
    bytes[start + 10] ^= 0x80;
    let z = t.path().join("inplace.zip");
    fs::write(&z, bytes).unwrap();
    assert_eq!(
        problems(&verify(&z, &Silent).unwrap()),
        vec![Problem::Changed(jpg.into())]
    );
    assert_eq!(
        Problem::Changed(jpg.into()).message(),
        format!("Tệp đã bị thay đổi: {jpg}")
    );
}

#[test]
fn unsafe_zips_are_refused_and_nothing_is_written() {
    let t = tempfile::tempdir().unwrap();
    let opts = zip::write::SimpleFileOptions::default();
    type AddEvil = fn(&mut zip::ZipWriter<fs::File>);
    let evil: [(&str, AddEvil); 4] = [
        ("../evil", |w| {
            w.start_file("../evil", zip::write::SimpleFileOptions::default())
                .unwrap();
            w.write_all(b"pwned").unwrap();
        }),
        ("/tmp/evil-abs", |w| {
            w.start_file("/tmp/evil-abs", zip::write::SimpleFileOptions::default())
                .unwrap();
        }),
        ("b/data/link", |w| {
            w.add_symlink(
                "b/data/link",
                "/etc/passwd",
                zip::write::SimpleFileOptions::default(),
            )
            .unwrap();
        }),
        ("b\\..\\..\\evil", |w| {
            w.start_file("b\\..\\..\\evil", zip::write::SimpleFileOptions::default())
                .unwrap();
        }),
    ];
    for (name, add) in evil {
        let dir = t.path().join("case");
        fs::create_dir_all(&dir).unwrap();
        let z = dir.join("evil.zip");
        let mut w = zip::ZipWriter::new(fs::File::create(&z).unwrap());
        w.start_file("b/bagit.txt", opts).unwrap();
        w.write_all(bag::BAGIT_TXT.as_bytes()).unwrap();
        add(&mut w);
        w.finish().unwrap();
        let before = fs::read_dir(t.path()).unwrap().count();
        let r = verify(&z, &Silent).unwrap();
        assert!(!r.ok);
        assert_eq!(r.problems, vec![Problem::Unsafe(name.into())], "{name}");
        assert!(r.problems[0]
            .message()
            .starts_with("Đường dẫn không an toàn trong gói: "));
        assert_eq!(
            fs::read_dir(&dir).unwrap().count(),
            1,
            "nothing written beside the zip"
        );
        assert_eq!(fs::read_dir(t.path()).unwrap().count(), before);
        assert!(!t.path().join("evil").exists() && !Path::new("/tmp/evil-abs").exists());
        assert!(list_data(&z).is_err() && read_entry(&z, "bagit.txt").is_err());
        fs::remove_dir_all(&dir).unwrap();
    }
}

/// A symlink inside a bag directory is refused too.
#[cfg(unix)]
#[test]
fn a_symlink_in_a_bag_directory_is_refused() {
    let t = tempfile::tempdir().unwrap();
    {
        let s = build(t.path(), &t.path().join("out"));
        let root = extract(&s.zip_path, &t.path().join("x"));
        std::os::unix::fs::symlink("/etc/passwd", root.join("data/link")).unwrap();
        assert_eq!(
            problems(&verify(&root, &Silent).unwrap()),
            vec![Problem::Unsafe("data/link".into())]
        );
    }
}

/// Two entries with the same name (patched in after writing); not a zip; an unreadable path.
#[test]
fn duplicate_entries_junk_and_absent_packages() {
    let t = tempfile::tempdir().unwrap();
    let opts = zip::write::SimpleFileOptions::default();
    let z = t.path().join("dup.zip");
    let mut w = zip::ZipWriter::new(fs::File::create(&z).unwrap());
    for n in ["b/bagit.txt", "b/data/x1", "b/data/x2"] {
        w.start_file(n, opts).unwrap();
        w.write_all(b"x").unwrap();
    }
    w.finish().unwrap();
    let mut bytes = fs::read(&z).unwrap();
    for i in 0..bytes.len().saturating_sub(9) {
        if &bytes[i..i + 9] == b"b/data/x2" {
            bytes[i + 8] = b'1';
        }
    }
    fs::write(&z, bytes).unwrap();
    let r = verify(&z, &Silent).unwrap();
    assert!(
        !r.ok && matches!(r.problems[..], [Problem::Unsafe(_)]),
        "{:?}",
        r.problems
    );
    // Not a zip, not a bag: reported, not an error; an unreadable path is an error.
    let junk = t.path().join("junk.zip");
    fs::write(&junk, b"not a zip").unwrap();
    assert!(matches!(
        verify(&junk, &Silent).unwrap().problems[..],
        [Problem::Malformed(_)]
    ));
    assert!(verify(&t.path().join("absent.zip"), &Silent).is_err());
}

mod hostile {
    //! `verify` on damaged packages: whatever bytes a higher level receives, it answers with a
    //! report or a message, never a panic.
    use super::super::tests::build;
    use super::super::*;
    use proptest::prelude::*;
    use std::sync::OnceLock;

    /// One real package, built once for all cases.
    fn package() -> &'static [u8] {
        static BYTES: OnceLock<Vec<u8>> = OnceLock::new();
        BYTES.get_or_init(|| {
            let t = tempfile::tempdir().unwrap();
            let s = build(t.path(), &t.path().join("out"));
            std::fs::read(s.zip_path).unwrap()
        })
    }

    fn verify_bytes(bytes: &[u8]) {
        let t = tempfile::tempdir().unwrap();
        let z = t.path().join("nhan.zip");
        std::fs::write(&z, bytes).unwrap();
        let _ = verify(&z, &Silent);
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

        #[test]
        fn flipped_bytes_never_panic(flips in prop::collection::vec((any::<prop::sample::Index>(), 1u8..=255), 1..6)) {
            let mut bytes = package().to_vec();
            for (at, x) in flips {
                let i = at.index(bytes.len());
                bytes[i] ^= x;
            }
            verify_bytes(&bytes);
        }

        #[test]
        fn truncated_packages_never_panic(keep in any::<prop::sample::Index>()) {
            let bytes = package();
            verify_bytes(&bytes[..keep.index(bytes.len())]);
        }

        #[test]
        fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..600)) {
            verify_bytes(&bytes);
        }
    }

    #[test]
    fn the_package_itself_is_clean() {
        let t = tempfile::tempdir().unwrap();
        let z = t.path().join("nhan.zip");
        std::fs::write(&z, package()).unwrap();
        let r = verify(&z, &Silent).unwrap();
        assert!(r.ok && r.problems.is_empty(), "{:?}", r.problems);
    }
}
