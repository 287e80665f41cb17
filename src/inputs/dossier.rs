//! `hoso.toml`: the dossier's facts (set, year, level, unit, document number and date, signer,
//! recipients), parsed once into [`DossierInfo`]. Unknown keys are warnings, not errors: officers
//! add their own notes.

use crate::problem::Problem;
use std::path::Path;

pub use crate::criteria::chains::Level;

/// A calendar date (the report date: also every timestamp in the output).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
pub struct Date {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

impl Date {
    pub fn new(year: i32, month: u32, day: u32) -> Option<Date> {
        let dim = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
            2 => 28,
            _ => return None,
        };
        ((1980..=2107).contains(&year) && (1..=dim).contains(&day)).then_some(Date {
            year,
            month,
            day,
        })
    }

    /// Accepts `2024-11-10`, `10/11/2024`, `10-11-2024`, `10.11.2024`.
    pub fn parse(s: &str) -> Option<Date> {
        let s = s.trim();
        let parts: Vec<&str> = s.split(['-', '/', '.']).collect();
        if parts.len() != 3 {
            return None;
        }
        let n: Vec<i64> = parts
            .iter()
            .map(|p| p.trim().parse::<i64>().ok())
            .collect::<Option<_>>()?;
        if parts[0].len() == 4 {
            Date::new(
                n[0] as i32,
                u32::try_from(n[1]).ok()?,
                u32::try_from(n[2]).ok()?,
            )
        } else {
            Date::new(
                n[2] as i32,
                u32::try_from(n[1]).ok()?,
                u32::try_from(n[0]).ok()?,
            )
        }
    }

    /// `ngày 10 tháng 11 năm 2024` with ND30's leading zeros (day < 10, month < 3).
    pub fn words(&self) -> String {
        let day = if self.day < 10 {
            format!("0{}", self.day)
        } else {
            self.day.to_string()
        };
        let month = if self.month < 3 {
            format!("0{}", self.month)
        } else {
            self.month.to_string()
        };
        format!("ngày {day} tháng {month} năm {}", self.year)
    }

    /// `10/11/2024`.
    pub fn short(&self) -> String {
        format!("{:02}/{:02}/{}", self.day, self.month, self.year)
    }

    /// (year, month, day): the documents' and the package's only clock.
    pub fn ymd(&self) -> (i32, u32, u32) {
        (self.year, self.month, self.day)
    }

    pub fn iso(&self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

#[derive(Clone, Debug, Default, serde::Serialize)]
pub struct Unit {
    pub tinh: String,
    pub huyen: String,
    pub xa: String,
    /// xã | phường | thị trấn
    pub loai: String,
    /// Optional: the issuing body of a bcd/so dossier (e.g. "SỞ THÔNG TIN VÀ TRUYỀN THÔNG").
    pub co_quan: String,
    /// Optional: how many thôn (villages) the commune has — the whole of a `2/3 số thôn` target.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub so_thon: Option<u32>,
    /// Optional: the organisation's 13-character code (mã định danh, ND30 Phụ lục VI OrganId).
    #[serde(skip_serializing_if = "String::is_empty")]
    pub ma_dinh_danh: String,
}

#[derive(Clone, Debug, serde::Serialize)]
pub struct DocInfo {
    pub so: String,
    pub ngay: Date,
    pub dia_danh: String,
    pub noi_nhan: Vec<String>,
    pub kinh_gui: Vec<String>,
}

#[derive(Clone, Debug, Default, serde::Serialize)]
pub struct Signer {
    pub tham_quyen: String,
    pub chuc_vu: String,
    pub ho_ten: String,
}

/// `[co_quan]`: the agency lines of a higher-level document, replacing the chain's defaults.
#[derive(Clone, Debug, Default, serde::Serialize)]
pub struct Agency {
    /// The line above the agency ("UBND TỈNH HÀ TĨNH").
    pub chu_quan: String,
    /// The agency's name as written in sentences ("Sở Khoa học và Công nghệ").
    pub ten: String,
}

#[derive(Clone, Debug, serde::Serialize)]
pub struct DossierInfo {
    pub bo_tieu_chi: String,
    pub nam: i32,
    pub cap: Level,
    pub don_vi: Unit,
    pub van_ban: DocInfo,
    pub nguoi_ky: Signer,
    /// The chain of levels (`quy_trinh`): empty in the file means the set's default, filled in
    /// by `levels::procedure::resolve`.
    pub quy_trinh: String,
    pub co_quan: Agency,
    /// The commune group (`nhom_xa`) for thresholds given per group.
    pub nhom_xa: String,
    /// The village set (`bo_tieu_chi_thon`) the `thon/<tên thôn>/` folders are assessed against.
    pub bo_tieu_chi_thon: String,
    /// Keys the program does not know (warned).
    pub unknown_keys: Vec<String>,
}

const KNOWN: &[(&str, &[&str])] = &[
    (
        "",
        &[
            "bo_tieu_chi",
            "nam",
            "cap",
            "quy_trinh",
            "nhom_xa",
            "bo_tieu_chi_thon",
            "don_vi",
            "van_ban",
            "nguoi_ky",
            "co_quan",
        ],
    ),
    ("co_quan", &["chu_quan", "ten"]),
    (
        "don_vi",
        &[
            "tinh",
            "huyen",
            "xa",
            "loai",
            "co_quan",
            "so_thon",
            "ma_dinh_danh",
        ],
    ),
    (
        "van_ban",
        &["so", "ngay", "dia_danh", "noi_nhan", "kinh_gui"],
    ),
    ("nguoi_ky", &["tham_quyen", "chuc_vu", "ho_ten"]),
];

fn get_str(t: &toml::Table, key: &str) -> Result<String, String> {
    match t.get(key) {
        None => Ok(String::new()),
        Some(toml::Value::String(s)) => Ok(s.trim().to_string()),
        Some(toml::Value::Integer(i)) => Ok(i.to_string()),
        Some(_) => Err(format!(
            "khóa {key} phải là chuỗi ký tự (đặt trong dấu ngoặc kép)"
        )),
    }
}

/// An optional whole number ≥ 1 (`so_thon = 12`, also `"12"`).
fn get_count(t: &toml::Table, key: &str) -> Result<Option<u32>, String> {
    let bad = || {
        format!(
            "[don_vi] {key} phải là số thôn của xã (số nguyên từ 1 đến 10000), ví dụ {key} = 12"
        )
    };
    match t.get(key) {
        None => Ok(None),
        Some(toml::Value::Integer(n)) if (1..=10_000).contains(n) => Ok(Some(*n as u32)),
        Some(toml::Value::String(v)) => match v.trim().parse::<u32>() {
            Ok(n) if (1..=10_000).contains(&n) => Ok(Some(n)),
            _ => Err(bad()),
        },
        Some(_) => Err(bad()),
    }
}

fn get_list(t: &toml::Table, key: &str) -> Result<Vec<String>, String> {
    match t.get(key) {
        None => Ok(Vec::new()),
        Some(toml::Value::Array(a)) => a
            .iter()
            .map(|v| {
                v.as_str()
                    .map(|s| s.trim().to_string())
                    .ok_or_else(|| format!("{key} phải là danh sách chuỗi"))
            })
            .collect(),
        Some(toml::Value::String(s)) => Ok(vec![s.trim().to_string()]),
        Some(_) => Err(format!(
            "{key} phải là danh sách chuỗi, ví dụ [\"UBND huyện (để b/c);\", \"Lưu: VT.\"]"
        )),
    }
}

fn table<'a>(root: &'a toml::Table, key: &str) -> Result<Option<&'a toml::Table>, String> {
    match root.get(key) {
        None => Ok(None),
        Some(toml::Value::Table(t)) => Ok(Some(t)),
        Some(_) => Err(format!(
            "[{key}] phải là một bảng (dòng [{key}] rồi các khóa bên dưới)"
        )),
    }
}

impl DossierInfo {
    /// A district assessing itself (a district-level set at cap = "huyen") is the unit of its own
    /// report: "UBND huyện Kim Bảng", "huyện Kim Bảng, tỉnh Hà Nam" — the commune forms' `{loai}
    /// {xa}` become the district's unit word and name, and there is no unit between it and the
    /// province.
    pub fn district_as_unit(mut self) -> DossierInfo {
        let h = self.don_vi.huyen.trim().to_string();
        let lower = crate::text::fold(&h);
        let (loai, words) = [("thị xã", 2), ("thành phố", 2), ("quận", 1), ("huyện", 1)]
            .into_iter()
            .find(|(w, _)| lower.starts_with(&format!("{} ", crate::text::fold(w))))
            .unwrap_or(("huyện", 0));
        self.don_vi.loai = loai.to_string();
        self.don_vi.xa = h
            .split_whitespace()
            .skip(words)
            .collect::<Vec<_>>()
            .join(" ");
        self.don_vi.huyen = String::new();
        self
    }
}

/// Reads and validates `hoso.toml`. Errors name the key and the fix.
pub fn read(path: &Path) -> Result<DossierInfo, Vec<Problem>> {
    let name = "hoso.toml";
    let problem = |m: String| Problem::error(m).file(name);
    // A real hoso.toml is a few hundred bytes; never read a huge one whole.
    if std::fs::metadata(path).is_ok_and(|m| m.len() > 1 << 20) {
        return Err(vec![problem(
            "tệp lớn hơn 1 MiB — không phải tệp hoso.toml thật; chạy `hoso init` để tạo lại tệp mẫu"
                .into(),
        )]);
    }
    let text = std::fs::read(path).map_err(|e| {
        vec![problem(format!(
            "không đọc được tệp ({}). Chạy `hoso init` để tạo tệp mẫu.",
            crate::problem::oserr::reason(&e)
        ))]
    })?;
    let text = String::from_utf8_lossy(&text);
    let text = text.trim_start_matches('\u{feff}');
    parse(text).map_err(|errs| errs.into_iter().map(problem).collect())
}

pub fn parse(text: &str) -> Result<DossierInfo, Vec<String>> {
    let root: toml::Table = toml::from_str(text).map_err(|e| {
        vec![format!(
            "không đọc được cú pháp TOML: {}",
            e.message().trim()
        )]
    })?;
    let mut errors = Vec::new();
    let mut unknown = Vec::new();
    for (section, keys) in KNOWN {
        let t = if section.is_empty() {
            Some(&root)
        } else {
            table(&root, section).unwrap_or(None)
        };
        if let Some(t) = t {
            for k in t.keys() {
                if !keys.contains(&k.as_str()) {
                    unknown.push(if section.is_empty() {
                        k.clone()
                    } else {
                        format!("{section}.{k}")
                    });
                }
            }
        }
    }
    let mut s = |r: Result<String, String>| {
        r.unwrap_or_else(|e| {
            errors.push(e);
            String::new()
        })
    };
    let bo = s(get_str(&root, "bo_tieu_chi"));
    let nam = match root.get("nam") {
        Some(toml::Value::Integer(n)) if (2000..=2100).contains(n) => *n as i32,
        Some(toml::Value::String(v))
            if v.trim()
                .parse::<i32>()
                .is_ok_and(|n| (2000..=2100).contains(&n)) =>
        {
            v.trim().parse().unwrap_or(0)
        }
        Some(_) => {
            errors.push("nam phải là năm đánh giá, ví dụ nam = 2024".into());
            0
        }
        None => {
            errors.push("thiếu khóa nam (năm đánh giá), ví dụ nam = 2024".into());
            0
        }
    };
    let cap = match root.get("cap") {
        None => Level::Xa,
        Some(toml::Value::String(c)) => Level::parse(c).unwrap_or_else(|| {
            errors.push(format!(
                "cap = \"{c}\" không hợp lệ: dùng \"xa\", \"huyen\", \"bcd\", \"so\" hoặc \"tinh\""
            ));
            Level::Xa
        }),
        Some(_) => {
            errors.push("cap phải là \"xa\", \"huyen\", \"bcd\", \"so\" hoặc \"tinh\"".into());
            Level::Xa
        }
    };
    let empty = toml::Table::new();
    let dv = table(&root, "don_vi")
        .unwrap_or_else(|e| {
            errors.push(e);
            None
        })
        .unwrap_or(&empty);
    let vb = table(&root, "van_ban")
        .unwrap_or_else(|e| {
            errors.push(e);
            None
        })
        .unwrap_or(&empty);
    let cq = table(&root, "co_quan")
        .unwrap_or_else(|e| {
            errors.push(e);
            None
        })
        .unwrap_or(&empty);
    let nk = table(&root, "nguoi_ky")
        .unwrap_or_else(|e| {
            errors.push(e);
            None
        })
        .unwrap_or(&empty);
    let mut s = |r: Result<String, String>| {
        r.unwrap_or_else(|e| {
            errors.push(e);
            String::new()
        })
    };
    let don_vi = Unit {
        tinh: s(get_str(dv, "tinh")),
        huyen: s(get_str(dv, "huyen")),
        xa: s(get_str(dv, "xa")),
        loai: s(get_str(dv, "loai")),
        co_quan: s(get_str(dv, "co_quan")),
        so_thon: None,
        ma_dinh_danh: s(get_str(dv, "ma_dinh_danh")),
    };
    let co_quan = Agency {
        chu_quan: s(get_str(cq, "chu_quan")),
        ten: s(get_str(cq, "ten")),
    };
    let quy_trinh = s(get_str(&root, "quy_trinh"));
    let nhom_xa = s(get_str(&root, "nhom_xa"));
    let bo_tieu_chi_thon = s(get_str(&root, "bo_tieu_chi_thon"));
    let so = s(get_str(vb, "so"));
    let dia_danh = s(get_str(vb, "dia_danh"));
    let nguoi_ky = Signer {
        tham_quyen: s(get_str(nk, "tham_quyen")),
        chuc_vu: s(get_str(nk, "chuc_vu")),
        ho_ten: s(get_str(nk, "ho_ten")),
    };
    let ngay = match vb.get("ngay") {
        Some(toml::Value::Datetime(dt)) => dt
            .date
            .and_then(|d| Date::new(d.year as i32, d.month as u32, d.day as u32)),
        Some(toml::Value::String(v)) => Date::parse(v),
        _ => None,
    };
    let ngay = ngay.unwrap_or_else(|| {
        errors.push(
            "[van_ban] ngay (ngày ban hành báo cáo) thiếu hoặc sai, ví dụ ngay = 2024-11-10".into(),
        );
        Date {
            year: 2000,
            month: 1,
            day: 1,
        }
    });
    let noi_nhan = get_list(vb, "noi_nhan").unwrap_or_else(|e| {
        errors.push(e);
        Vec::new()
    });
    let kinh_gui = get_list(vb, "kinh_gui").unwrap_or_else(|e| {
        errors.push(e);
        Vec::new()
    });
    let mut don_vi = don_vi;
    don_vi.so_thon = get_count(dv, "so_thon").unwrap_or_else(|e| {
        errors.push(e);
        None
    });
    if bo.is_empty() {
        errors.push("thiếu khóa bo_tieu_chi (mã bộ tiêu chí, xem `hoso sets`)".into());
    }
    let need_xa = cap == Level::Xa;
    for (v, key, what) in [
        (&don_vi.tinh, "[don_vi] tinh", "tên tỉnh"),
        (&don_vi.huyen, "[don_vi] huyen", "tên huyện"),
        (&nguoi_ky.ho_ten, "[nguoi_ky] ho_ten", "họ tên người ký"),
        (&nguoi_ky.chuc_vu, "[nguoi_ky] chuc_vu", "chức vụ người ký"),
    ] {
        // A commune names its district only in a chain that has one (checked with the chain).
        let optional = key == "[don_vi] huyen" && cap != Level::Huyen;
        if v.is_empty() && !optional {
            errors.push(format!("thiếu {key} ({what})"));
        }
    }
    if need_xa && don_vi.xa.is_empty() {
        errors.push("thiếu [don_vi] xa (tên xã, phường, thị trấn)".into());
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    if don_vi.loai.is_empty() {
        don_vi.loai = "xã".into();
    }
    let dia_danh = if dia_danh.is_empty() {
        match cap {
            Level::Xa => don_vi.xa.clone(),
            Level::Huyen => don_vi.huyen.clone(),
            _ => don_vi.tinh.clone(),
        }
    } else {
        dia_danh
    };
    Ok(DossierInfo {
        bo_tieu_chi: bo,
        nam,
        cap,
        don_vi,
        van_ban: DocInfo {
            so,
            ngay,
            dia_danh,
            noi_nhan,
            kinh_gui,
        },
        nguoi_ky,
        quy_trinh,
        co_quan,
        nhom_xa,
        bo_tieu_chi_thon,
        unknown_keys: unknown,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const OK: &str = r#"
bo_tieu_chi = "thanh-hoa-cds-xa"
nam = 2024
[don_vi]
tinh = "Thanh Hóa"
huyen = "Hoằng Hóa"
xa = "Tân Phúc"
[van_ban]
so = "125/BC-UBND"
ngay = 2024-11-10
noi_nhan = ["UBND huyện Hoằng Hóa (để b/c);", "Lưu: VT, VP."]
[nguoi_ky]
tham_quyen = "TM. ỦY BAN NHÂN DÂN"
chuc_vu = "CHỦ TỊCH"
ho_ten = "Lê Văn Hùng"
ghi_chu_rieng = "x"
"#;

    #[test]
    fn reads_every_key_and_warns_unknown_ones() {
        let d = parse(OK).unwrap();
        assert_eq!(d.nam, 2024);
        assert_eq!(d.cap, Level::Xa);
        assert_eq!(
            d.van_ban.ngay,
            Date {
                year: 2024,
                month: 11,
                day: 10
            }
        );
        assert_eq!(d.van_ban.dia_danh, "Tân Phúc");
        assert_eq!(d.don_vi.loai, "xã");
        assert_eq!(d.unknown_keys, vec!["nguoi_ky.ghi_chu_rieng".to_string()]);
    }

    #[test]
    fn names_missing_keys() {
        let e = parse("nam = 2024").unwrap_err().join("\n");
        assert!(
            e.contains("bo_tieu_chi") && e.contains("ngay") && e.contains("ho_ten"),
            "{e}"
        );
        assert!(parse("nam = [").is_err());
    }

    #[test]
    fn so_thon_is_an_optional_whole_number() {
        assert_eq!(parse(OK).unwrap().don_vi.so_thon, None);
        let with = OK.replace("xa = \"Tân Phúc\"", "xa = \"Tân Phúc\"\nso_thon = 12");
        assert_eq!(parse(&with).unwrap().don_vi.so_thon, Some(12));
        for bad in ["0", "-3", "\"mười hai\"", "1.5", "100000"] {
            let t = OK.replace(
                "xa = \"Tân Phúc\"",
                &format!("xa = \"Tân Phúc\"\nso_thon = {bad}"),
            );
            let e = parse(&t).unwrap_err().join("\n");
            assert!(e.contains("so_thon"), "{bad}: {e}");
        }
    }

    #[test]
    fn a_commune_may_have_no_district_but_a_district_dossier_must_name_it() {
        let two = OK.replace("huyen = \"Hoằng Hóa\"\n", "");
        let d = parse(&format!("quy_trinh = \"hai-cap\"\nnhom_xa = \"2\"\n{two}")).unwrap();
        assert_eq!(d.don_vi.huyen, "");
        assert_eq!(d.quy_trinh, "hai-cap");
        assert_eq!(d.nhom_xa, "2");
        let h = OK
            .replace("bo_tieu_chi", "cap = \"huyen\"\nbo_tieu_chi")
            .replace("huyen = \"Hoằng Hóa\"\n", "");
        assert!(parse(&h).unwrap_err().join(" ").contains("[don_vi] huyen"));
        let t = OK.replace("bo_tieu_chi", "cap = \"tinh\"\nbo_tieu_chi")
            + "[co_quan]\nchu_quan = \"UBND TỈNH THANH HÓA\"\nten = \"Sở Khoa học và Công nghệ\"\n";
        let d = parse(&t).unwrap();
        assert_eq!(d.cap, Level::Tinh);
        assert_eq!(d.co_quan.ten, "Sở Khoa học và Công nghệ");
        assert!(d.unknown_keys.len() == 1, "{:?}", d.unknown_keys);
    }

    #[test]
    fn a_district_assessing_itself_is_the_unit() {
        let mut d = parse(OK).unwrap();
        d.don_vi.huyen = "Kim Bảng".into();
        let u = d.clone().district_as_unit();
        assert_eq!(
            (u.don_vi.loai.as_str(), u.don_vi.xa.as_str()),
            ("huyện", "Kim Bảng")
        );
        assert_eq!(u.don_vi.huyen, "");
        d.don_vi.huyen = "thị xã Bỉm Sơn".into();
        let u = d.district_as_unit();
        assert_eq!(
            (u.don_vi.loai.as_str(), u.don_vi.xa.as_str()),
            ("thị xã", "Bỉm Sơn")
        );
    }

    #[test]
    fn dates_follow_nd30() {
        assert_eq!(
            Date::new(2024, 2, 5).unwrap().words(),
            "ngày 05 tháng 02 năm 2024"
        );
        assert_eq!(
            Date::new(2024, 11, 10).unwrap().words(),
            "ngày 10 tháng 11 năm 2024"
        );
        assert_eq!(Date::parse("10/11/2024"), Date::new(2024, 11, 10));
        assert_eq!(Date::parse("2024-02-30"), None);
    }
}
