//! A higher level's own files (tham-dinh/<xã>.csv, tham-tra/…, noi-dung/<xã>.md), matched to the
//! communes received by name. `file` is relative to the dossier ("tham-dinh/Tân Phúc.csv").

use crate::problem::Problem;

/// `communes` the communes received; `example` one of their names.
pub fn figures_no_commune(file: &str, communes: &[String], example: &str) -> Problem {
    Problem::error(format!(
        "không khớp với xã nào trong các gói nhận được ({})",
        communes.join(", ")
    ))
    .fix(format!("đặt tên tệp theo tên xã, ví dụ \"{example}.csv\""))
    .file(file)
}

/// Two files of `folder` for one commune (`commune` its label).
pub fn figures_two_files(folder: &str, commune: &str, first: &str, second: &str) -> Problem {
    Problem::error(format!("hai tệp cho cùng {commune}: {first} và {second}")).file(folder)
}

/// A file whose name fits several communes: `example` the name to give it (district-commune).
pub fn figures_many_communes(file: &str, communes: &[String], example: &str) -> Problem {
    Problem::error(format!("khớp với nhiều xã ({})", communes.join(", ")))
        .fix(format!(
            "thêm tên huyện vào tên tệp, ví dụ \"{example}.csv\""
        ))
        .file(file)
}

pub fn figures_code_twice(file: &str, row: usize, code: &str) -> Problem {
    Problem::error(format!("mã {code} ghi hai lần"))
        .indicator(code)
        .file(file)
        .row(row)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_problems_read_as_before() {
        let names = vec!["Tân Phúc".to_string(), "Hoằng Lộc".to_string()];
        assert_eq!(
            figures_no_commune("tham-dinh/x.csv", &names, "Tân Phúc").text(),
            "tham-dinh/x.csv: không khớp với xã nào trong các gói nhận được (Tân Phúc, Hoằng Lộc) — đặt tên tệp theo tên xã, ví dụ \"Tân Phúc.csv\""
        );
        assert_eq!(
            figures_code_twice("tham-dinh/x.csv", 3, "1.1").text(),
            "tham-dinh/x.csv, dòng 3: mã 1.1 ghi hai lần"
        );
    }
}
