//! Higher levels end to end with the real binary: commune packages built by `hoso build`, then a
//! district (huyện) appraisal, a steering-committee letter (bcd) and the Sở's verification (so)
//! with the province summary; tampered and foreign packages refused; a batch of 50+ communes.
//! Documents are read back with poppler (pdftotext), calamine (XLSX) and nd30_check.py.

mod common;
use common::*;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

fn one_zip(dir: &Path) -> PathBuf {
    let z = files_with(dir, "zip");
    assert_eq!(z.len(), 1, "one package in {}", dir.display());
    z[0].clone()
}

/// Builds a complete Thanh Hóa commune dossier for `xa` in `huyen` and returns its package.
fn commune_zip(xa: &str, huyen: &str, nam: i32, out: &Path) -> PathBuf {
    let d = thanh_hoa_complete();
    let toml = HOSO_TOML
        .replace("{SET}", "thanh-hoa-cds-xa")
        .replace("Tân Phúc", xa)
        .replace("Hoằng Hóa", huyen)
        .replace("nam = 2024", &format!("nam = {nam}"));
    write(d.path(), "hoso.toml", toml);
    let r = run(&["build", &d.p(), "--out", out.to_str().unwrap()]);
    assert_eq!(r.code, 0, "commune build: {}", r.all());
    one_zip(out)
}

/// Builds many communes, a few `hoso build` processes at a time.
fn commune_zips(list: &[(String, String)], root: &Path) -> Vec<PathBuf> {
    let next = std::sync::atomic::AtomicUsize::new(0);
    let mut out: Vec<Option<PathBuf>> = vec![None; list.len()];
    let slots: Vec<std::sync::Mutex<&mut Option<PathBuf>>> =
        out.iter_mut().map(std::sync::Mutex::new).collect();
    std::thread::scope(|s| {
        for _ in 0..3 {
            s.spawn(|| loop {
                let i = next.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                if i >= list.len() {
                    break;
                }
                let (xa, huyen) = &list[i];
                let z = commune_zip(xa, huyen, 2024, &root.join(format!("xa-{i:03}")));
                **slots[i].lock().unwrap() = Some(z);
            });
        }
    });
    drop(slots);
    out.into_iter().map(Option::unwrap).collect()
}

const LEVEL_TOML: &str = r#"bo_tieu_chi = "thanh-hoa-cds-xa"
nam = 2024
cap = "{CAP}"

[don_vi]
tinh = "Thanh Hóa"
huyen = "{HUYEN}"
co_quan = "{CO_QUAN}"

[van_ban]
so = "{SO}"
ngay = 2024-11-25

[nguoi_ky]
tham_quyen = "KT. CHỦ TỊCH"
chuc_vu = "PHÓ CHỦ TỊCH"
ho_ten = "Nguyễn Văn An"
"#;

/// A higher-level dossier: hoso.toml and the received packages copied unchanged.
fn level_dossier(root: &Path, cap: &str, huyen: &str, received: &[PathBuf]) -> PathBuf {
    let dir = root.join(format!("hs-{cap}-{}", received.len()));
    let (so, co_quan) = match cap {
        "huyen" => ("45/BC-UBND", ""),
        "bcd" => ("88/SNV-CCHC", "Sở Nội vụ"),
        _ => ("210/BC-STTTT", ""),
    };
    write(
        &dir,
        "hoso.toml",
        LEVEL_TOML
            .replace("{CAP}", cap)
            .replace("{HUYEN}", huyen)
            .replace("{SO}", so)
            .replace("{CO_QUAN}", co_quan),
    );
    let inbox = if cap == "huyen" {
        "ho-so-xa"
    } else {
        "ho-so-huyen"
    };
    for z in received {
        let name = z.file_name().unwrap().to_str().unwrap();
        write(&dir, &format!("{inbox}/{name}"), std::fs::read(z).unwrap());
    }
    dir
}

/// Two communes of Hoằng Hóa built once and shared by the tests: Tân Phúc and Hoằng Lộc.
struct Communes {
    _tmp: tempfile::TempDir,
    tan_phuc: PathBuf,
    hoang_loc: PathBuf,
}

fn communes() -> &'static Communes {
    static C: OnceLock<Communes> = OnceLock::new();
    C.get_or_init(|| {
        let tmp = tempfile::tempdir().unwrap();
        let zips = commune_zips(
            &[
                ("Tân Phúc".into(), "Hoằng Hóa".into()),
                ("Hoằng Lộc".into(), "Hoằng Hóa".into()),
            ],
            tmp.path(),
        );
        Communes {
            tan_phuc: zips[0].clone(),
            hoang_loc: zips[1].clone(),
            _tmp: tmp,
        }
    })
}

/// The line of a layout-preserving pdftotext that starts with `code` (where the values sit).
fn row_line<'a>(text: &'a str, code: &str) -> &'a str {
    text.lines()
        .find(|l| l.trim_start().starts_with(&format!("{code} ")))
        .unwrap_or_else(|| panic!("row {code} in\n{text}"))
}

fn xlsx_rows(path: &Path) -> Vec<Vec<String>> {
    use calamine::Reader;
    let mut wb = calamine::open_workbook_auto(path).expect("calamine opens the summary");
    let range = wb.worksheet_range_at(0).unwrap().unwrap();
    range
        .rows()
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .collect()
}

#[test]
fn a_district_figure_flips_the_evaluation_through_the_chain() {
    let c = communes();
    let tmp = tempfile::tempdir().unwrap();
    // District: Hoằng Hóa appraises both communes; its figure for 3.2 in Tân Phúc is 65% (< 70%).
    let hd = level_dossier(
        tmp.path(),
        "huyen",
        "Hoằng Hóa",
        &[c.tan_phuc.clone(), c.hoang_loc.clone()],
    );
    write(
        &hd,
        "tham-dinh/TAN_PHUC.csv",
        "\u{feff}Mã,Kết quả thẩm định,Ghi chú\n3.2,65%,Theo số liệu ngân hàng\n1.1,,\n",
    );
    write(
        &hd,
        "noi-dung.md",
        "## Mô hình nổi trội về chuyển đổi số\nMô hình chợ 4.0 tại thôn Đông.\n",
    );
    let check = run(&["check", hd.to_str().unwrap()]);
    assert_eq!(check.code, 0, "{}", check.all());
    assert!(
        check.stdout.contains("Tân Phúc") && check.stdout.contains("36/37"),
        "{}",
        check.stdout
    );
    let hout = tmp.path().join("huyen-out");
    let r = build(&hd, &hout, &[]);
    assert_eq!(r.code, 0, "{}", r.all());
    let pl02 = pdftotext_raw(&hout.join("PhuLuc02-Tan-Phuc-2024.pdf"), true);
    let line = row_line(&pl02, "3.2");
    assert!(
        line.contains("78%") && line.contains("65%") && line.contains("Không đạt"),
        "{line}"
    );
    let pl02f = flat(&pl02);
    for w in [
        "PHỤ LỤC 02",
        "KẾT QUẢ THẨM ĐỊNH CHI TIẾT THỰC HIỆN TIÊU CHÍ CHUYỂN ĐỔI SỐ CHO XÃ TÂN PHÚC",
        "Khác kết quả tự đánh giá của xã",
        "Theo số liệu ngân hàng",
        "Chỉ tiêu",
    ] {
        assert!(pl02f.contains(w), "{w} in Phụ lục 02: {pl02f}");
    }
    assert!(!pl02f.contains("Chi tiêu"), "the seed's typo is corrected");
    let m02 = flat(&pdftotext_raw(
        &hout.join("Mau02-ThamDinh-Tan-Phuc-2024.pdf"),
        false,
    ));
    for w in [
        "UBND HUYỆN HOẰNG HÓA",
        "BÁO CÁO",
        "Về việc thẩm định hồ sơ đề nghị xét, công nhận xã hoàn thành các tiêu chí chuyển đổi số cho năm 2024",
        "I. VỀ HỒ SƠ, TÀI LIỆU MINH CHỨNG",
        "V. ĐỀ XUẤT, KIẾN NGHỊ",
        "(Kết quả thẩm định chi tiết theo Phụ lục số 02)",
        "Căn cứ kết quả thẩm định: xã Tân Phúc, huyện Hoằng Hóa đã hoàn thành 36/37 Tiêu chí chuyển đổi số cấp xã năm 2024, tỷ lệ đạt 97,3%.",
        "Kết quả: KHÔNG ĐẠT",
        "Mô hình chợ 4.0 tại thôn Đông.",
        "Nơi nhận:",
        "Nguyễn Văn An",
    ] {
        assert!(m02.contains(w), "{w} in Mẫu 02: {m02}");
    }
    let m02b = flat(&pdftotext_raw(
        &hout.join("Mau02-ThamDinh-Hoang-Loc-2024.pdf"),
        false,
    ));
    assert!(
        m02b.contains("37/37") && m02b.contains("Kết quả: ĐẠT"),
        "{m02b}"
    );
    let hj: serde_json::Value =
        serde_json::from_slice(&std::fs::read(hout.join("ket-qua.json")).unwrap()).unwrap();
    let tp = hj["ket_qua_xa"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["xa"] == "Tân Phúc")
        .unwrap();
    assert_eq!(tp["summary"]["dat"], 36);
    let i32_ = indicator(tp, "3.2");
    assert_eq!(i32_["evaluation"], "khong_dat");
    assert_eq!(i32_["khac"], true);
    assert_eq!(i32_["xa"]["value"], "78%");
    // The district's package holds the commune packages unchanged and verifies end to end.
    let hzip = one_zip(&hout);
    let v = run(&["verify", hzip.to_str().unwrap()]);
    assert_eq!(v.code, 0, "{}", v.all());
    assert!(v.stdout.contains("Kèm 2 gói"), "{}", v.stdout);
    let inner = common::py(
        "import zipfile,sys\nz=zipfile.ZipFile(sys.argv[1])\nn=[i for i in z.namelist() if i.endswith(sys.argv[2])][0]\nopen(sys.argv[3],'wb').write(z.read(n))",
        &[
            hzip.to_str().unwrap(),
            &format!("data/ho-so-xa/{}", c.tan_phuc.file_name().unwrap().to_str().unwrap()),
            tmp.path().join("inner.zip").to_str().unwrap(),
        ],
    );
    assert_eq!(inner.code, 0, "{}", inner.stderr);
    assert_eq!(
        std::fs::read(tmp.path().join("inner.zip")).unwrap(),
        std::fs::read(&c.tan_phuc).unwrap(),
        "the commune package is inside unchanged"
    );

    // Province: the Sở agrees with the district except for 1.6 of Hoằng Lộc.
    let sd = level_dossier(tmp.path(), "so", "", std::slice::from_ref(&hzip));
    write(
        &sd,
        "tham-tra/hoang-loc.csv",
        "Mã;Kết quả thẩm tra;Ghi chú\n1.6;29%;Cổng DVC\n",
    );
    let sout = tmp.path().join("so-out");
    let r = build(&sd, &sout, &[]);
    assert_eq!(r.code, 0, "{}", r.all());
    let pl03 = pdftotext_raw(&sout.join("PhuLuc03-Hoang-Hoa-Tan-Phuc-2024.pdf"), true);
    let line = row_line(&pl03, "3.2");
    assert!(
        line.matches("65%").count() == 2 && line.contains("Không đạt"),
        "{line}"
    );
    let pl03f = flat(&pdftotext_raw(
        &sout.join("PhuLuc03-Hoang-Hoa-Tan-Phuc-2024.pdf"),
        false,
    ));
    for w in [
        "PHỤ LỤC 03",
        "KẾT QUẢ THẨM TRA CÁC TIÊU CHÍ CHUYỂN ĐỔI SỐ CHO XÃ TÂN PHÚC",
        "Kết quả thẩm định của UBND cấp huyện",
        "Kết quả thẩm tra của Sở TTTT",
    ] {
        assert!(pl03f.contains(w), "{w} in Phụ lục 03: {pl03f}");
    }
    let pl03b = pdftotext_raw(&sout.join("PhuLuc03-Hoang-Hoa-Hoang-Loc-2024.pdf"), true);
    let line = row_line(&pl03b, "1.6");
    assert!(
        line.contains("45%") && line.contains("29%") && line.contains("Không đạt"),
        "{line}"
    );
    let m04 = flat(&pdftotext_raw(
        &sout.join("Mau04-ThamTra-Hoang-Hoa-Tan-Phuc-2024.pdf"),
        false,
    ));
    for w in [
        "UBND TỈNH THANH HÓA",
        "SỞ THÔNG TIN VÀ TRUYỀN THÔNG",
        "Số: 210/BC-STTTT",
        "Về việc thẩm tra hồ sơ đề nghị xét, công nhận xã hoàn thành các tiêu chí chuyển đổi số cho năm 2024",
        "(Kết quả thẩm định chi tiết theo Phụ lục số 03)",
        "Căn cứ kết quả thẩm tra: xã Tân Phúc, huyện Hoằng Hóa đã hoàn thành 36/37",
        "Kết quả: KHÔNG ĐẠT",
    ] {
        assert!(m04.contains(w), "{w} in Mẫu 04: {m04}");
    }
    // The summary: PDF and XLSX, both communes, district figure for Tân Phúc, Sở's for Hoằng Lộc.
    let rows = xlsx_rows(&sout.join("TongHop-Thanh-Hoa-2024.xlsx"));
    let data: Vec<&Vec<String>> = rows.iter().skip(4).collect();
    assert_eq!(data.len(), 2, "{rows:?}");
    assert_eq!(data[0][1], "Hoằng Hóa");
    assert_eq!(data[0][2], "Hoằng Lộc");
    assert_eq!(&data[0][3..4], ["36/37"]);
    assert_eq!(data[0][6], "1.6");
    assert_eq!(data[1][2], "Tân Phúc");
    assert_eq!(data[1][5], "KHÔNG ĐẠT");
    assert_eq!(data[1][6], "3.2");
    let th = flat(&pdftotext_raw(
        &sout.join("TongHop-Thanh-Hoa-2024.pdf"),
        false,
    ));
    for w in [
        "BẢNG TỔNG HỢP",
        "Tân Phúc",
        "Hoằng Lộc",
        "36/37",
        "97,3%",
        "KHÔNG ĐẠT",
        "3.2",
        "1.6",
    ] {
        assert!(th.contains(w), "{w} in the summary: {th}");
    }
    let sj: serde_json::Value =
        serde_json::from_slice(&std::fs::read(sout.join("ket-qua.json")).unwrap()).unwrap();
    let tp = sj["ket_qua_xa"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["xa"] == "Tân Phúc")
        .unwrap();
    assert_eq!(indicator(tp, "3.2")["xa"]["value"], "78%");
    assert_eq!(indicator(tp, "3.2")["huyen"]["value"], "65%");
    let szip = one_zip(&sout);
    let v = run(&["verify", szip.to_str().unwrap()]);
    assert_eq!(v.code, 0, "{}", v.all());
    assert!(
        v.stdout.contains("Kèm 3 gói"),
        "district + 2 communes: {}",
        v.stdout
    );
    let mut pdfs = files_with(&hout, "pdf");
    pdfs.extend(files_with(&sout, "pdf"));
    nd30(&pdfs);
}

/// Rewrites one entry of a zip with other bytes (python's zipfile, an outside writer).
fn tamper(zip: &Path, entry_suffix: &str, to: &Path) {
    let r = common::py(
        "import zipfile,sys\nsrc=zipfile.ZipFile(sys.argv[1])\ndst=zipfile.ZipFile(sys.argv[3],'w')\nfor i in src.infolist():\n  b=src.read(i.filename)\n  if i.filename.endswith(sys.argv[2]): b=b+b' '\n  dst.writestr(i,b)\ndst.close()",
        &[zip.to_str().unwrap(), entry_suffix, to.to_str().unwrap()],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
}

#[test]
fn a_tampered_commune_package_is_refused_naming_the_file_and_the_others_go_on() {
    let c = communes();
    let tmp = tempfile::tempdir().unwrap();
    let bad = tmp.path().join(c.tan_phuc.file_name().unwrap());
    tamper(&c.tan_phuc, "3.2 Minh chứng/tai-lieu.pdf", &bad);
    let hd = level_dossier(
        tmp.path(),
        "huyen",
        "Hoằng Hóa",
        &[bad, c.hoang_loc.clone()],
    );
    let check = run(&["check", hd.to_str().unwrap()]);
    assert_eq!(check.code, 1, "{}", check.all());
    let out = tmp.path().join("out");
    let r = build(&hd, &out, &[]);
    assert_eq!(r.code, 1, "{}", r.all());
    let all = r.all();
    assert!(
        all.contains("HoSo-Tan-Phuc-thanh-hoa-cds-xa-2024-chua-ky.zip")
            && all.contains("data/minh-chung/3.2 Minh chứng/tai-lieu.pdf")
            && all.contains("Tệp đã bị thay đổi"),
        "{all}"
    );
    // The other commune is appraised and packaged; the broken one is not.
    assert!(out.join("Mau02-ThamDinh-Hoang-Loc-2024.pdf").exists());
    assert!(!out.join("Mau02-ThamDinh-Tan-Phuc-2024.pdf").exists());
    let j: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("ket-qua.json")).unwrap()).unwrap();
    assert_eq!(j["ket_qua_xa"].as_array().unwrap().len(), 1);
    assert_eq!(j["loi"].as_array().unwrap().len(), 1);
}

#[test]
fn a_package_of_another_year_or_set_is_refused_naming_both_values() {
    let tmp = tempfile::tempdir().unwrap();
    let old = commune_zip("Tân Phúc", "Hoằng Hóa", 2023, &tmp.path().join("x"));
    let hd = level_dossier(tmp.path(), "huyen", "Hoằng Hóa", &[old]);
    let r = build(&hd, &tmp.path().join("out"), &[]);
    assert_eq!(r.code, 1, "{}", r.all());
    assert!(
        r.all().contains("năm 2023") && r.all().contains("năm 2024"),
        "{}",
        r.all()
    );
    assert!(!tmp.path().join("out").join("ket-qua.json").exists());
    // The folder hoso made for the refused build is gone again.
    assert!(!tmp.path().join("out").exists());
    // Another set: the dossier says hai-duong-ntm-xa, the package is thanh-hoa-cds-xa.
    let c = communes();
    let hd2 = level_dossier(
        &tmp.path().join("b"),
        "huyen",
        "Hoằng Hóa",
        std::slice::from_ref(&c.tan_phuc),
    );
    let t = std::fs::read_to_string(hd2.join("hoso.toml"))
        .unwrap()
        .replace("thanh-hoa-cds-xa", "hai-duong-ntm-xa");
    write(&hd2, "hoso.toml", t);
    let r = run(&["check", hd2.to_str().unwrap()]);
    assert_eq!(r.code, 1, "{}", r.all());
    assert!(
        r.all().contains("\"thanh-hoa-cds-xa\"") && r.all().contains("\"hai-duong-ntm-xa\""),
        "{}",
        r.all()
    );
}

#[test]
fn a_steering_committee_member_writes_one_letter_per_commune() {
    let c = communes();
    let tmp = tempfile::tempdir().unwrap();
    let hd = level_dossier(
        tmp.path(),
        "huyen",
        "Hoằng Hóa",
        std::slice::from_ref(&c.tan_phuc),
    );
    write(
        &hd,
        "tham-dinh/Tân Phúc.csv",
        "Mã,Kết quả thẩm định\n3.2,65\n",
    );
    let hout = tmp.path().join("h");
    assert_eq!(build(&hd, &hout, &[]).code, 0);
    let bd = level_dossier(tmp.path(), "bcd", "", &[one_zip(&hout)]);
    let out = tmp.path().join("b");
    let r = build(&bd, &out, &[]);
    assert_eq!(r.code, 0, "{}", r.all());
    let pdf = out.join("Mau03-YKien-Hoang-Hoa-Tan-Phuc-2024.pdf");
    let t = flat(&pdftotext_raw(&pdf, false));
    for w in [
        "UBND TỈNH THANH HÓA",
        "SỞ NỘI VỤ",
        "Số: 88/SNV-CCHC",
        "V/v ý kiến về hồ sơ và kết quả thực hiện các tiêu chí chuyển đổi số của đơn vị xã Tân Phúc",
        "Kính gửi: UBND huyện Hoằng Hóa",
        "Thành viên Ban chỉ đạo chuyển đổi số tỉnh ý kiến về hồ sơ",
        "Căn cứ kết quả kiểm tra: đơn vị xã Tân Phúc, huyện Hoằng Hóa đã hoàn thành 36/37",
        "Kết quả: KHÔNG ĐẠT YÊU CẦU",
        "THÀNH VIÊN",
        "BAN CHỈ ĐẠO CHUYỂN ĐỔI SỐ TỈNH",
        "(Ký tên, đóng dấu)",
        "Sở TTTT (để tổng hợp);",
    ] {
        assert!(t.contains(w), "{w} in Mẫu 03: {t}");
    }
    assert!(!t.contains("BÁO CÁO"), "a letter, not a report");
    nd30(&[pdf]);
    let v = run(&["verify", one_zip(&out).to_str().unwrap()]);
    assert_eq!(v.code, 0, "{}", v.all());
    // Without the member's agency the letter cannot be headed: said, nothing built.
    let t = std::fs::read_to_string(bd.join("hoso.toml"))
        .unwrap()
        .replace("co_quan = \"Sở Nội vụ\"", "");
    write(&bd, "hoso.toml", t);
    let r = build(&bd, &tmp.path().join("b2"), &[]);
    assert_eq!(r.code, 1);
    assert!(r.all().contains("co_quan"), "{}", r.all());
}

#[test]
fn a_province_batch_of_fifty_communes_gives_a_sorted_summary() {
    let tmp = tempfile::tempdir().unwrap();
    let districts = ["Quảng Xương", "Hoằng Hóa", "Nga Sơn"];
    let list: Vec<(String, String)> = (0..51)
        .map(|i| {
            (
                format!("Tân Thử {:02}", 50 - i),
                districts[i % 3].to_string(),
            )
        })
        .collect();
    let zips = commune_zips(&list, tmp.path());
    let mut dzips = Vec::new();
    for d in districts {
        let mine: Vec<PathBuf> = zips
            .iter()
            .zip(&list)
            .filter(|(_, (_, h))| h == d)
            .map(|(z, _)| z.clone())
            .collect();
        let hd = level_dossier(&tmp.path().join(d), "huyen", d, &mine);
        let out = tmp.path().join(format!("out-{d}"));
        let r = build(&hd, &out, &[]);
        assert_eq!(r.code, 0, "{}", r.all());
        dzips.push(one_zip(&out));
    }
    // A fourth, broken district package: reported, the others still summed up.
    let broken = tmp.path().join("ThamDinh-Hong.zip");
    tamper(&dzips[0], "ho-so/ket-qua.json", &broken);
    let mut received = dzips.clone();
    received.push(broken);
    let sd = level_dossier(tmp.path(), "so", "", &received);
    let out = tmp.path().join("so-out");
    let r = build(&sd, &out, &[]);
    assert_eq!(
        r.code,
        1,
        "the broken package fails the run at the end: {}",
        r.all()
    );
    assert!(
        r.all().contains("ThamDinh-Hong.zip") && r.all().contains("data/ho-so/ket-qua.json"),
        "{}",
        r.all()
    );
    let rows = xlsx_rows(&out.join("TongHop-Thanh-Hoa-2024.xlsx"));
    let data: Vec<&Vec<String>> = rows.iter().skip(4).collect();
    assert_eq!(data.len(), 51, "{rows:?}");
    let order: Vec<(String, String)> = data.iter().map(|r| (r[1].clone(), r[2].clone())).collect();
    let mut sorted = order.clone();
    let key = |h: &str| {
        ["Hoằng Hóa", "Nga Sơn", "Quảng Xương"]
            .iter()
            .position(|x| *x == h)
    };
    sorted.sort_by_key(|(h, x)| (key(h), x.clone()));
    assert_eq!(order, sorted, "sorted by district then commune");
    assert!(
        data.iter().all(|r| r[3] == "37/37" && r[5] == "ĐẠT"),
        "{data:?}"
    );
    assert_eq!(files_with(&out, "pdf").len(), 51 * 2 + 1);
    let summary = out.join("TongHop-Thanh-Hoa-2024.pdf");
    let t = flat(&pdftotext_raw(&summary, false));
    assert!(
        t.contains("Tổng số: 51 đơn vị cấp xã; đạt: 51 đơn vị"),
        "{t}"
    );
    assert!(
        t.contains("ThamDinh-Hong.zip"),
        "refused packages are listed: {t}"
    );
    let mut sample: Vec<PathBuf> = files_with(&out, "pdf").into_iter().take(2).collect();
    sample.push(summary);
    nd30(&sample);
    // The summary alone.
    let only = tmp.path().join("only");
    let sd2 = level_dossier(&tmp.path().join("s2"), "so", "", &dzips);
    let r = build(&sd2, &only, &["--chi-tong-hop"]);
    assert_eq!(r.code, 0, "{}", r.all());
    let mut names: Vec<String> = std::fs::read_dir(&only)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "TongHop-Thanh-Hoa-2024.docx",
            "TongHop-Thanh-Hoa-2024.pdf",
            "TongHop-Thanh-Hoa-2024.xlsx"
        ]
    );
    assert_eq!(
        xlsx_rows(&only.join("TongHop-Thanh-Hoa-2024.xlsx")).len(),
        4 + 51
    );
}

/// Only the commune packages the district appraised go up in its package: one received twice
/// (renamed) is set aside with an error and left out, so the province does not refuse the
/// district's package for a commune it never appraised.
#[test]
fn a_commune_package_set_aside_does_not_go_up() {
    let c = communes();
    let tmp = tempfile::tempdir().unwrap();
    let again = tmp.path().join("Tan Phuc (1).zip");
    std::fs::copy(&c.tan_phuc, &again).unwrap();
    let hd = level_dossier(
        tmp.path(),
        "huyen",
        "Hoằng Hóa",
        &[c.tan_phuc.clone(), c.hoang_loc.clone(), again],
    );
    let out = tmp.path().join("out");
    let r = build(&hd, &out, &[]);
    assert_eq!(r.code, 1, "{}", r.all());
    assert!(r.all().contains("Tan Phuc (1).zip"), "{}", r.all());
    let pkg = one_zip(&out);
    let z = zip::ZipArchive::new(std::fs::File::open(&pkg).unwrap()).unwrap();
    let inside: Vec<String> = z
        .file_names()
        .filter_map(Result::ok)
        .filter(|n| n.contains("/data/ho-so-xa/"))
        .map(|n| n.into_owned())
        .collect();
    assert_eq!(inside.len(), 2, "{inside:?}");
    assert!(
        !inside.iter().any(|n| n.ends_with("Tan Phuc (1).zip")),
        "{inside:?}"
    );
    let v = run(&["verify", pkg.to_str().unwrap()]);
    assert_eq!(v.code, 0, "{}", v.all());
}
