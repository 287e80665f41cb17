//! Unit and property tests of file-type checking, on the synthetic files of `testfiles`.

use super::testfiles::*;
use super::*;
use std::fs::File;

#[test]
fn detects_each_kind_from_synthetic_heads() {
    let cases: Vec<(Vec<u8>, Kind)> = vec![
        (pdf(), Kind::Pdf),
        (docx(), Kind::Docx),
        (xlsx(), Kind::Xlsx),
        (cfb(&["WordDocument", "1Table"]), Kind::Doc),
        (cfb(&["Workbook"]), Kind::Xls),
        (
            odf("application/vnd.oasis.opendocument.spreadsheet"),
            Kind::Ods,
        ),
        (odf("application/vnd.oasis.opendocument.text"), Kind::Odt),
        (b"\xFF\xD8\xFF\xE0\0\x10JFIF\0".to_vec(), Kind::Jpeg),
        (b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec(), Kind::Png),
        (b"GIF89a\x01\0\x01\0".to_vec(), Kind::Gif),
        (ftyp(b"heic", &[b"mif1", b"heic"]), Kind::Heic),
        (
            ftyp(b"isom", &[b"isom", b"iso2", b"avc1", b"mp41"]),
            Kind::Mp4,
        ),
        (ftyp(b"qt  ", &[b"qt  "]), Kind::Mov),
        (b"\0\0\0\x08wide\0\0\0\x08mdat".to_vec(), Kind::Mov),
        (b"ID3\x04\0\0\0\0\0\0".to_vec(), Kind::Mp3),
        (b"\xFF\xFB\x90\x64\0\0\0\0".to_vec(), Kind::Mp3),
        (b"RIFF\x24\0\0\0WAVEfmt ".to_vec(), Kind::Wav),
        (ftyp(b"M4A ", &[b"M4A ", b"mp42", b"isom"]), Kind::M4a),
        (b"RIFF\x24\0\0\0AVI LIST".to_vec(), Kind::Avi),
        ("Tiêu chí,Giá trị\n1,2\n".as_bytes().to_vec(), Kind::Text),
        (zip(&[("a.txt", b"hello")]), Kind::Zip),
        (b"Rar!\x1a\x07\x01\0".to_vec(), Kind::Other),
        (vec![0u8, 1, 2, 3, 0, 0, 0xFE, 0x10], Kind::Other),
    ];
    for (i, (data, want)) in cases.iter().enumerate() {
        assert_eq!(detect(data, ""), *want, "case {i}");
    }
}

#[test]
fn check_accepts_matching_files() {
    let cases: Vec<(&str, Vec<u8>, Kind)> = vec![
        ("a.pdf", pdf(), Kind::Pdf),
        ("a.docx", docx(), Kind::Docx),
        ("a.XLSX", xlsx(), Kind::Xlsx),
        ("a.xlsm", xlsx(), Kind::Xlsx),
        ("a.doc", cfb(&["WordDocument"]), Kind::Doc),
        ("a.xls", cfb(&["Book"]), Kind::Xls),
        (
            "a.ods",
            odf("application/vnd.oasis.opendocument.spreadsheet"),
            Kind::Ods,
        ),
        (
            "a.odt",
            odf("application/vnd.oasis.opendocument.text"),
            Kind::Odt,
        ),
        ("a.jpg", b"\xFF\xD8\xFF\xE1\0\0Exif".to_vec(), Kind::Jpeg),
        ("a.jpeg", b"\xFF\xD8\xFF\xDB".to_vec(), Kind::Jpeg),
        ("a.png", b"\x89PNG\r\n\x1a\n".to_vec(), Kind::Png),
        ("a.gif", b"GIF87a".to_vec(), Kind::Gif),
        ("a.heic", ftyp(b"mif1", &[b"heic"]), Kind::Heic),
        ("a.mp4", ftyp(b"mp42", &[b"isom"]), Kind::Mp4),
        ("a.m4v", ftyp(b"M4V ", &[b"M4V "]), Kind::Mp4),
        ("a.mp4", ftyp(b"qt  ", &[]), Kind::Mp4), // QuickTime in .mp4: fine
        ("a.mov", ftyp(b"qt  ", &[]), Kind::Mov),
        ("a.mp3", b"ID3\x03\0".to_vec(), Kind::Mp3),
        ("a.wav", b"RIFF\0\0\0\0WAVE".to_vec(), Kind::Wav),
        ("a.m4a", ftyp(b"M4A ", &[]), Kind::M4a),
        ("a.avi", b"RIFF\0\0\0\0AVI ".to_vec(), Kind::Avi),
        ("a.txt", b"plain ascii\n".to_vec(), Kind::Text),
        ("a.md", "# Hồ sơ\n".as_bytes().to_vec(), Kind::Text),
        ("a.csv", b"\xEF\xBB\xBFa,b\n".to_vec(), Kind::Text),
        ("a.toml", b"[xa]\nten = \"A\"\n".to_vec(), Kind::Text),
        ("a.zip", zip(&[("x", b"y")]), Kind::Zip),
        ("a.zip", docx(), Kind::Zip),
        ("a.xyz", b"\0\0\0".to_vec(), Kind::Other),
        ("noext", b"whatever".to_vec(), Kind::Other),
    ];
    for (name, data, want) in cases {
        assert_eq!(check_bytes(name, &data), Ok(want), "{name}");
    }
}

#[test]
fn mislabeled_files_name_what_they_are() {
    let jpeg = b"\xFF\xD8\xFF\xE0\0\x10JFIF\0".to_vec();
    assert_eq!(
        check_bytes("bien-ban.pdf", &jpeg),
        Err("tệp có đuôi .pdf nhưng nội dung không phải PDF (là ảnh JPEG) — xuất lại đúng định dạng"
            .to_string())
    );
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("a.docx", cfb(&["WordDocument"]), "(là tài liệu Word cũ .doc)"),
        ("a.doc", docx(), "(là tài liệu Word .docx)"),
        ("a.xlsx", docx(), "không phải bảng tính Excel .xlsx (là tài liệu Word .docx)"),
        ("a.docx", xlsx(), "(là bảng tính Excel .xlsx)"),
        ("a.xlsm", docx(), "không phải bảng tính Excel .xlsm"),
        ("a.docx", zip(&[("a.txt", b"x")]), "(là tệp nén ZIP)"),
        ("a.odt", odf("application/vnd.oasis.opendocument.spreadsheet"), "(là bảng tính OpenDocument .ods)"),
        ("a.xls", cfb(&["WordDocument"]), "(là tài liệu Word cũ .doc)"),
        ("a.docx", cfb(&["EncryptedPackage", "EncryptionInfo"]), "gỡ mật khẩu"),
        ("a.doc", b"<html><body>Bao cao</body></html>".to_vec(), "(là trang web HTML)"),
        ("a.doc", b"{\\rtf1\\ansi hello}".to_vec(), "(là văn bản RTF)"),
        ("a.xls", b"<?xml version=\"1.0\"?>\n<Workbook xmlns=\"urn:schemas-microsoft-com:office:spreadsheet\">".to_vec(), "Excel 2003"),
        ("a.jpg", b"\x89PNG\r\n\x1a\n".to_vec(), "(là ảnh PNG)"),
        ("a.png", b"\xFF\xD8\xFF\xE0".to_vec(), "(là ảnh JPEG)"),
        ("a.heic", b"\xFF\xD8\xFF\xE0".to_vec(), "không phải ảnh HEIC (là ảnh JPEG)"),
        ("a.mp4", b"RIFF\0\0\0\0AVI ".to_vec(), "(là video AVI)"),
        ("a.mp3", b"RIFF\0\0\0\0WAVE".to_vec(), "(là âm thanh WAV)"),
        ("a.pdf", b"Rar!\x1a\x07\x00".to_vec(), "(là tệp nén RAR)"),
        ("a.pdf", vec![0, 1, 2, 3, 0xFE, 0, 7], "(không nhận ra định dạng)"),
        ("a.csv", xlsx(), "không phải văn bản thuần (là bảng tính Excel .xlsx)"),
        ("a.txt", pdf(), "(là PDF)"),
        ("a.zip", pdf(), "không phải tệp nén ZIP (là PDF)"),
        ("a.pdf", b"Hello, this is text".to_vec(), "(là văn bản thuần)"),
    ];
    for (name, data, want) in cases {
        match check_bytes(name, &data) {
            Err(e) => {
                assert!(e.contains(want), "{name}: {e}");
                assert!(e.starts_with("tệp có đuôi ."), "{name}: {e}");
            }
            Ok(k) => panic!("{name}: accepted as {k:?}"),
        }
    }
}

#[test]
fn zero_byte_file() {
    for name in ["a.pdf", "a.txt", "a.xyz"] {
        assert_eq!(check_bytes(name, b""), Err("tệp rỗng (0 byte)".to_string()));
    }
}

#[test]
fn text_must_be_utf8() {
    // "Hồ sơ" in Windows-1258 and a TCVN3-ish byte soup.
    for (name, data) in [
        ("a.csv", b"H\xf4 s\xf5,1\n".to_vec()),
        ("a.txt", b"\xff\xfeH\0o\0".to_vec()),
        ("a.md", b"H\0o\0 \0s\0".to_vec()),
    ] {
        let e = check_bytes(name, &data).unwrap_err();
        assert!(e.contains("UTF-8"), "{name}: {e}");
        assert!(e.contains("lưu lại"), "{name}: {e}");
    }
    // A multi-byte character cut by the 64 KiB head is fine.
    let mut big = vec![b'a'; HEAD_LEN - 1];
    big.extend("ồ".as_bytes());
    big.extend(b" end\n");
    assert_eq!(check_bytes("big.txt", &big), Ok(Kind::Text));
    // But an invalid byte is not.
    let mut bad = vec![b'a'; 100];
    bad.push(0xC3);
    bad.push(b'x');
    assert!(check_bytes("bad.txt", &bad).is_err());
}

#[test]
fn truncated_containers_are_reported() {
    let mut p = pdf();
    p.truncate(p.len() - 8);
    let e = check_bytes("a.pdf", &p).unwrap_err();
    assert!(e.contains("cắt cụt"), "{e}");
    let mut d = docx();
    d.truncate(d.len() - 30);
    let e = check_bytes("a.docx", &d).unwrap_err();
    assert!(e.contains("cắt cụt"), "{e}");
}

#[test]
fn large_docx_uses_central_directory() {
    // "word/" appears only after 100 KiB of other entries, beyond the
    // head; the central directory at the end still tells.
    let filler = vec![b'z'; 100 * 1024];
    let big = zip(&[
        ("[Content_Types].xml", b"<Types/>"),
        ("docProps/thumbnail.jpeg", &filler),
        ("word/document.xml", b"<w:document/>"),
    ]);
    assert_eq!(check_bytes("big.docx", &big), Ok(Kind::Docx));
    assert!(check_bytes("big.xlsx", &big)
        .unwrap_err()
        .contains("Word .docx"));
    // The head alone cannot tell, and says ZIP.
    assert_eq!(detect(&big[..HEAD_LEN], "docx"), Kind::Zip);
}

#[test]
fn prefixed_zip_still_found() {
    // E.g. a self-extracting archive: a stub before the ZIP data.
    let mut z = b"MZ stub before the archive".to_vec();
    z.extend(xlsx());
    assert_eq!(
        archive::kind(&z, &mut std::io::Cursor::new(&z)).kind,
        Kind::Xlsx,
        "central directory offsets are relative to the archive"
    );
}

#[test]
fn ole_without_reachable_directory_uses_extension() {
    let full = cfb(&["Workbook"]);
    let head = &full[..512];
    assert_eq!(detect(head, "xls"), Kind::Xls);
    assert_eq!(detect(head, "doc"), Kind::Doc);
    assert_eq!(detect(head, "pdf"), Kind::Other);
}

#[test]
fn media_and_document_predicates() {
    for k in [
        Kind::Jpeg,
        Kind::Png,
        Kind::Gif,
        Kind::Heic,
        Kind::Mp4,
        Kind::Mov,
    ] {
        assert!(is_media(k) && !is_document(k));
    }
    for k in [Kind::Mp3, Kind::Wav, Kind::M4a, Kind::Avi] {
        assert!(is_media(k) && !is_document(k));
    }
    for k in [
        Kind::Pdf,
        Kind::Docx,
        Kind::Xlsx,
        Kind::Doc,
        Kind::Xls,
        Kind::Ods,
        Kind::Odt,
    ] {
        assert!(is_document(k) && !is_media(k));
    }
    for k in [Kind::Text, Kind::Zip, Kind::Other] {
        assert!(!is_document(k) && !is_media(k));
    }
}

#[test]
fn io_error_is_err() {
    assert!(check(Path::new("/nonexistent/hoso/a.pdf")).is_err());
    // A directory named like a file.
    let d = scratch_dir().join("dir.pdf");
    std::fs::create_dir_all(&d).unwrap();
    assert!(check(&d).is_err());
    let _ = std::fs::remove_dir(&d);
}

/// Texts that start like a magic number infer accepts alone stay texts: hoso also checks the
/// header field that follows in a real file.
#[test]
fn texts_starting_like_a_format_stay_texts() {
    for text in [
        "GIF là ảnh động\n",
        "BMW, Mercedes\n",
        "MZ Group\n",
        "SQLite là cơ sở dữ liệu\n",
        "%PDF là định dạng\n",
    ] {
        assert_eq!(
            check_bytes("a.txt", text.as_bytes()),
            Ok(Kind::Text),
            "{text}"
        );
    }
    // The real headers are still named.
    let bmp = [b"BM".as_slice(), &[0; 12], &40u32.to_le_bytes(), &[0; 8]].concat();
    assert!(check_bytes("a.pdf", &bmp)
        .unwrap_err()
        .contains("(là ảnh BMP)"));
    let sqlite = b"SQLite format 3\0\x10\0\x01\x01".to_vec();
    assert!(check_bytes("a.pdf", &sqlite)
        .unwrap_err()
        .contains("(là cơ sở dữ liệu SQLite)"));
}

/// A compound file over the size whose directory is read: the extension decides, as when only
/// the head is at hand; the file is not read whole.
#[test]
fn very_large_ole_file_trusts_its_extension() {
    let p = scratch_dir().join("lon.xls");
    let head = cfb(&["WordDocument"]);
    std::fs::write(&p, &head).unwrap();
    File::options()
        .append(true)
        .open(&p)
        .unwrap()
        .set_len((1 << 30) + 1)
        .unwrap();
    assert_eq!(check(&p).map_err(|e| e.text()), Ok(Kind::Xls));
    let _ = std::fs::remove_file(&p);
}

/// Mutated synthetic files and random bytes: never a panic.
#[test]
fn fuzz_mutations_never_panic() {
    let mut seed: u64 = 0x2545_F491_4F6C_DD1D;
    let mut rnd = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let bases = vec![
        pdf(),
        docx(),
        xlsx(),
        cfb(&["WordDocument", "1Table", "Data"]),
        odf("application/vnd.oasis.opendocument.text"),
        ftyp(b"heic", &[b"mif1"]),
        b"RIFF\0\0\0\0WAVE".to_vec(),
    ];
    for base in &bases {
        for _ in 0..300 {
            let mut d = base.clone();
            for _ in 0..(1 + rnd() % 4) {
                let len = d.len().max(1) as u64;
                match rnd() % 4 {
                    0 => {
                        let i = (rnd() % len) as usize;
                        if let Some(x) = d.get_mut(i) {
                            *x = (rnd() % 256) as u8;
                        }
                    }
                    1 => d.truncate((rnd() % len) as usize),
                    2 => {
                        // Overwrite a little-endian u32 (offsets, sizes).
                        let i = (rnd() % len) as usize;
                        let v = (rnd() as u32).to_le_bytes();
                        for (j, b) in v.iter().enumerate() {
                            if let Some(x) = d.get_mut(i + j) {
                                *x = *b;
                            }
                        }
                    }
                    _ => {
                        let i = (rnd() % len) as usize;
                        if i <= d.len() {
                            d.insert(i, (rnd() % 256) as u8);
                        }
                    }
                }
            }
            for ext in ["pdf", "docx", "doc", "xls", "txt", ""] {
                let _ = detect(&d, ext);
            }
        }
    }
    // A few through the file path too.
    for (i, base) in bases.iter().enumerate() {
        let mut d = base.clone();
        let n = d.len();
        d[n / 2] ^= 0xFF;
        let _ = check_bytes(&format!("fz{i}.docx"), &d);
        let _ = check_bytes(&format!("fz{i}.doc"), &d[..n / 3]);
    }
}

mod prop {
    use super::super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        #[test]
        fn random_heads_never_panic(
            data in proptest::collection::vec(any::<u8>(), 0..2048),
            ext in "(pdf|docx|doc|xls|xlsx|txt|mp4|zip|)",
        ) {
            let _ = detect(&data, &ext);
        }

        #[test]
        fn magic_prefixed_garbage_never_panics(
            magic in prop_oneof![
                Just(b"PK\x03\x04".to_vec()),
                Just(b"PK\x05\x06".to_vec()),
                Just(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1".to_vec()),
                Just(b"\0\0\0\x18ftyp".to_vec()),
                Just(b"RIFF".to_vec()),
                Just(b"MZ".to_vec()),
            ],
            rest in proptest::collection::vec(any::<u8>(), 0..1500),
        ) {
            let mut d = magic;
            d.extend(rest);
            let _ = detect(&d, "doc");
            let _ = detect(&d, "");
        }
    }
}
