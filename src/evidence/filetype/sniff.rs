//! The format of a file from its head: magic numbers first (infer's matchers, in an order that
//! settles overlaps), then the containers (`archive`, `ole`) and, failing all, whether the head
//! is some sort of text. Each result carries the Vietnamese label a message names it by.
//!
//! Where infer's test is looser than a real file's header, hoso keeps the header field that
//! tells a real file from a text that merely starts with the same letters ("GIF", "BM", "MZ").

use super::{archive, ole, Kind};
use crate::problem::messages::evidence::{ENCRYPTED_OFFICE, UNKNOWN_FORMAT};
use std::io::{Read, Seek};

/// Result of sniffing: the kind, a more precise Vietnamese description, and
/// whether the content is some sort of text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Sniff {
    pub kind: Kind,
    pub what: &'static str,
    pub textual: bool,
}

pub(super) fn k(kind: Kind) -> Sniff {
    Sniff {
        kind,
        what: kind.label(),
        textual: false,
    }
}

pub(super) fn other(what: &'static str) -> Sniff {
    Sniff {
        kind: Kind::Other,
        what,
        textual: false,
    }
}

/// An encrypted Office document (an OOXML file inside an OLE2 container).
pub(super) fn encrypted() -> Sniff {
    other(ENCRYPTED_OFFICE)
}

fn text(what: &'static str) -> Sniff {
    Sniff {
        kind: Kind::Text,
        what,
        textual: true,
    }
}

/// The first signature of the head that matches, most specific first. `r` reads the whole file
/// (or only the head) for the containers.
pub(super) fn sniff<R: Read + Seek>(head: &[u8], ext: &str, r: &mut R) -> Sniff {
    let ext = ext.to_ascii_lowercase();
    let h = head;
    if h.starts_with(&[0xFF, 0xFE]) || h.starts_with(&[0xFE, 0xFF]) {
        // Before the MP3 test: FF FE also looks like an MPEG frame header.
        return text("văn bản UTF-16");
    }
    if let Some(s) = evidence_image_or_pdf(h) {
        return s;
    }
    if let Some(s) = iso_media(h) {
        return s;
    }
    if h.starts_with(b"RIFF") || h.starts_with(b"RF64") {
        return match h.get(8..12) {
            Some(b"WAVE") => k(Kind::Wav),
            Some(b"AVI ") => k(Kind::Avi),
            Some(b"WEBP") => other("ảnh WebP"),
            _ => other("tệp RIFF khác"),
        };
    }
    if h.starts_with(ole::MAGIC) {
        return ole::kind(&ext, r);
    }
    if infer::archive::is_zip(h) {
        return archive::kind(h, r);
    }
    if h.starts_with(b"ID3") || mpeg_audio_frame(h) {
        return k(Kind::Mp3);
    }
    if let Some(s) = other_binary(h) {
        return s;
    }
    // Some PDFs carry junk (a BOM, an HTTP header) before "%PDF-"; accept it
    // within the first KiB when the rest is binary, not a text that merely
    // mentions PDF.
    let first_k = &h[..h.len().min(1024)];
    if memchr::memmem::find(first_k, b"%PDF-").is_some() && std::str::from_utf8(h).is_err() {
        return k(Kind::Pdf);
    }
    text_kind(h)
}

/// PDF and the still images an evidence folder holds.
fn evidence_image_or_pdf(h: &[u8]) -> Option<Sniff> {
    // "%PDF" alone could open a note about PDFs; a PDF header goes on "-1.7".
    if infer::archive::is_pdf(h) && h.get(4) == Some(&b'-') {
        return Some(k(Kind::Pdf));
    }
    if infer::image::is_jpeg(h) {
        return Some(k(Kind::Jpeg));
    }
    // infer reads four bytes of PNG's eight; the other four (CR LF ^Z LF) are what catch a file
    // damaged by a text-mode copy.
    if infer::image::is_png(h) && h.get(4..8) == Some(b"\r\n\x1a\n") {
        return Some(k(Kind::Png));
    }
    if infer::image::is_gif(h) && matches!(h.get(3..6), Some(b"87a" | b"89a")) {
        return Some(k(Kind::Gif));
    }
    None
}

fn u32be(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_be_bytes(b.get(at..at + 4)?.try_into().ok()?))
}

/// MP4/MOV/M4A/HEIC and relatives (ISO base media file format), by their brands: a phone may
/// write any brand, and every brand not named here plays as MP4.
fn iso_media(h: &[u8]) -> Option<Sniff> {
    let typ = h.get(4..8)?;
    if typ == b"ftyp" {
        let size = u32be(h, 0)? as usize;
        let major = h.get(8..12)?;
        let compat: Vec<&[u8]> = h
            .get(16..size.min(h.len()))
            .unwrap_or(&[])
            .chunks_exact(4)
            .collect();
        return Some(by_brand(major, &compat));
    }
    // Old QuickTime files start with a moov/mdat/wide/free atom.  Its size
    // is below 16 MiB (first byte 0) or 1 (64-bit size follows); a text that
    // happens to read "The free…" has a printable first byte.
    let size = u32be(h, 0)?;
    if matches!(
        typ,
        b"moov" | b"mdat" | b"wide" | b"free" | b"skip" | b"pnot"
    ) && (size == 1 || (8..1 << 24).contains(&size))
    {
        return Some(k(Kind::Mov));
    }
    None
}

fn by_brand(major: &[u8], compat: &[&[u8]]) -> Sniff {
    let has = |b: &[u8]| major == b || compat.contains(&b);
    const HEIF: [&[u8]; 10] = [
        b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx", b"hevm", b"hevs", b"mif1", b"msf1",
    ];
    if major == b"avif" || major == b"avis" || (has(b"avif") && !has(b"heic")) {
        return other("ảnh AVIF");
    }
    if HEIF.contains(&major) {
        return k(Kind::Heic);
    }
    if major == b"qt  " {
        return k(Kind::Mov);
    }
    if matches!(major, b"M4A " | b"M4B " | b"M4P " | b"F4A " | b"F4B ") {
        return k(Kind::M4a);
    }
    if major.starts_with(b"crx") || major == b"jp2 " || major == b"jpx " {
        return other("ảnh (RAW/JPEG 2000)");
    }
    k(Kind::Mp4)
}

/// An MPEG audio frame header (MP3 without an ID3 tag). infer knows only `FF FB`; MPEG-2 and
/// 2.5 frames, and those with a CRC, start otherwise.
fn mpeg_audio_frame(h: &[u8]) -> bool {
    let (Some(&b0), Some(&b1), Some(&b2)) = (h.first(), h.get(1), h.get(2)) else {
        return false;
    };
    b0 == 0xFF
        && b1 & 0xE0 == 0xE0
        && (b1 >> 3) & 0x03 != 0x01 // version: not reserved
        && (b1 >> 1) & 0x03 != 0x00 // layer: not reserved (00 is AAC ADTS)
        && b2 >> 4 != 0x0F // bitrate
        && (b2 >> 2) & 0x03 != 0x03 // sample rate
}

/// A Windows program: infer's "MZ", and the "PE" header it points to (a text may start "MZ").
fn is_windows_program(h: &[u8]) -> bool {
    infer::app::is_exe(h)
        && h.get(0x3C..0x40)
            .and_then(|p| usize::try_from(u32::from_le_bytes(p.try_into().ok()?)).ok())
            .and_then(|p| h.get(p..p.checked_add(4)?))
            == Some(b"PE\0\0")
}

/// A BMP: infer's "BM", and a known size of the header that follows (a text may start "BM").
fn is_bmp(h: &[u8]) -> bool {
    infer::image::is_bmp(h)
        && matches!(
            h.get(14..18)
                .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]])),
            Some(12 | 40 | 52 | 56 | 64 | 108 | 124)
        )
}

/// SQLite: infer's "SQLi", and the rest of its 16-byte header (a text may start "SQLite").
fn is_sqlite(h: &[u8]) -> bool {
    infer::archive::is_sqlite(h) && h.starts_with(b"SQLite format 3\0")
}

/// A test of a file's head.
type Matcher = fn(&[u8]) -> bool;

/// Formats that are not evidence kinds, named so that the message can say
/// what the file really is.
const NAMED: &[(Matcher, &str)] = &[
    (infer::archive::is_rar, "tệp nén RAR"),
    (infer::archive::is_7z, "tệp nén 7-Zip"),
    (infer::archive::is_gz, "tệp nén GZIP"),
    (infer::audio::is_flac, "âm thanh FLAC"),
    (infer::audio::is_ogg, "âm thanh/video OGG"),
    (infer::audio::is_amr, "âm thanh AMR"),
    (infer::audio::is_aac, "âm thanh AAC"),
    (infer::video::is_webm, "video MKV/WebM"),
    (
        infer::video::is_wmv,
        "video/âm thanh Windows Media (WMV/WMA)",
    ),
    (infer::video::is_flv, "video FLV"),
    (infer::video::is_mpeg, "video MPEG"),
    (infer::image::is_tiff, "ảnh TIFF"),
    (infer::image::is_cr2, "ảnh TIFF"),
    (is_bmp, "ảnh BMP"),
    (infer::image::is_psd, "ảnh Photoshop PSD"),
    (is_windows_program, "chương trình Windows (.exe)"),
    (infer::app::is_elf, "chương trình (ELF)"),
    (is_sqlite, "cơ sở dữ liệu SQLite"),
];

fn other_binary(h: &[u8]) -> Option<Sniff> {
    NAMED
        .iter()
        .find(|(is, _)| is(h))
        .map(|&(_, what)| other(what))
}

fn starts_with_ci(hay: &[u8], prefix: &[u8]) -> bool {
    hay.len() >= prefix.len() && hay[..prefix.len()].eq_ignore_ascii_case(prefix)
}

fn contains_ci(hay: &[u8], needle: &[u8]) -> bool {
    !needle.is_empty()
        && hay
            .windows(needle.len())
            .any(|w| w.eq_ignore_ascii_case(needle))
}

/// Text, HTML, RTF, XML … or unknown binary.
fn text_kind(h: &[u8]) -> Sniff {
    let body = h.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(h);
    let lead = body
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(body.len());
    let t = &body[lead..];
    if let Some(s) = markup(t) {
        return s;
    }
    if h.contains(&0) {
        return other(UNKNOWN_FORMAT);
    }
    let utf8 = match std::str::from_utf8(h) {
        Ok(_) => true,
        // A multi-byte character cut at the end of the head.
        Err(e) => e.error_len().is_none() && h.len() - e.valid_up_to() < 4,
    };
    let controls = h
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | b'\x0c' | b'\x1b'))
        .count();
    if controls * 100 > h.len() {
        return other(UNKNOWN_FORMAT);
    }
    if utf8 {
        return text(Kind::Text.label());
    }
    // Mostly ASCII with some high bytes: text in a legacy 8-bit encoding.
    let high = h.iter().filter(|&&b| b >= 0x80).count();
    if high * 3 < h.len() {
        return text("văn bản bảng mã cũ (không phải UTF-8)");
    }
    other(UNKNOWN_FORMAT)
}

/// RTF, a web page saved as MHT, HTML and the XML of old Office: texts, but not plain ones.
fn markup(t: &[u8]) -> Option<Sniff> {
    let early = &t[..t.len().min(2048)];
    if starts_with_ci(t, b"{\\rtf") {
        return Some(text("văn bản RTF"));
    }
    if starts_with_ci(t, b"MIME-Version:") || contains_ci(early, b"Content-Type: multipart/related")
    {
        return Some(text("trang web lưu dạng MHT"));
    }
    if t.first() != Some(&b'<') {
        return None;
    }
    if contains_ci(early, b"urn:schemas-microsoft-com:office:spreadsheet") {
        return Some(text("bảng tính XML (Excel 2003)"));
    }
    if contains_ci(early, b"schemas.microsoft.com/office/word/2003/wordml") {
        return Some(text("tài liệu Word XML (2003)"));
    }
    if starts_with_ci(t, b"<!doctype html") || contains_ci(early, b"<html") {
        return Some(text("trang web HTML"));
    }
    if starts_with_ci(t, b"<?xml") || starts_with_ci(t, b"<svg") {
        return Some(text("tệp XML"));
    }
    None
}
