//! Spreadsheets: reading one (no file named: the caller places the problem), so-lieu's rows, and
//! the list forms (mẫu biểu), whose sentences name the form, its file and the row themselves.

use crate::problem::Problem;

const SAVE_AS_UTF8: &str = "trong Excel chọn Lưu thành \"CSV UTF-8 (Comma delimited)\"";

// Reading a sheet ------------------------------------------------------------------------------

pub fn sheet_unreadable(reason: &str) -> Problem {
    Problem::error(format!("không đọc được tệp ({reason})"))
}

pub fn sheet_empty() -> Problem {
    Problem::error("tệp rỗng (0 byte)")
}

pub fn sheet_too_big() -> Problem {
    Problem::error("bảng tính lớn hơn 64 MB: tách thành nhiều tệp")
}

pub fn csv_utf16() -> Problem {
    Problem::error(format!("tệp CSV mã hóa UTF-16: {SAVE_AS_UTF8}"))
}

pub fn csv_not_utf8() -> Problem {
    Problem::error(format!(
        "tệp CSV không phải mã UTF-8 (chữ tiếng Việt sẽ bị lỗi): {SAVE_AS_UTF8}"
    ))
}

/// Bytes that are neither UTF-8 nor Vietnamese Windows-1258.
pub fn csv_not_utf8_save_as() -> Problem {
    Problem::error("tệp CSV không phải mã UTF-8 (chữ tiếng Việt sẽ bị lỗi): trong Excel chọn Lưu thành (Save As) \"CSV UTF-8 (Comma delimited)\"")
}

/// A CSV typed in a legacy encoding (`advice` from [`legacy_advice`]).
pub fn csv_legacy(advice: &str) -> Problem {
    Problem::error(format!(
        "tệp CSV {}",
        advice.replacen("chữ tiếng Việt", "có chữ tiếng Việt", 1)
    ))
}

pub fn csv_read_as_windows_1258() -> Problem {
    Problem::warning("tệp CSV không phải UTF-8: hoso đã đọc theo bảng mã Windows-1258 (CSV của Excel tiếng Việt)")
        .fix("kiểm tra lại chữ trong kết quả, và nên lưu lại dạng \"CSV UTF-8 (Comma delimited)\"")
}

/// Where only UTF-8 is read (a higher level's figures), what the reader would have assumed.
pub fn csv_utf8_only(assumed: &Problem) -> Problem {
    Problem::error(assumed.text()).fix(format!("ở đây hoso chỉ đọc CSV UTF-8: {SAVE_AS_UTF8}"))
}

pub fn csv_bad_line(why: &str) -> Problem {
    Problem::error(format!("dòng CSV không hợp lệ ({why})"))
}

pub fn workbook_unopenable(why: &str) -> Problem {
    Problem::error(format!(
        "không mở được bảng tính ({why}); hãy mở bằng Excel và lưu lại dạng .xlsx"
    ))
}

/// An .ods whose archive cannot be opened to be measured.
pub fn ods_unopenable(why: &str) -> Problem {
    Problem::error(format!("không mở được bảng tính ({why})"))
}

pub fn first_sheet_unreadable(why: &str) -> Problem {
    Problem::error(format!("không đọc được trang tính đầu tiên ({why})"))
}

pub fn no_sheet() -> Problem {
    Problem::error("bảng tính không có trang tính nào")
}

pub fn too_many_columns(cols: u64, max: u64) -> Problem {
    Problem::error(format!(
        "bảng tính có {cols} cột, vượt giới hạn {max} cột của hoso (một danh sách thật chỉ có vài chục cột)"
    ))
    .fix("xóa các cột thừa hoặc chép dữ liệu sang bảng tính mới")
}

pub fn too_many_rows(rows: u64, max: u64) -> Problem {
    Problem::error(format!(
        "bảng tính có {rows} dòng, vượt giới hạn {max} dòng của hoso"
    ))
    .fix("xóa các dòng thừa hoặc tách thành nhiều tệp")
}

pub fn too_many_cells(max: u64) -> Problem {
    Problem::error(format!("bảng tính trải ra hơn {max} ô (dữ liệu nằm rải rác ở các dòng, cột rất xa nhau), vượt giới hạn của hoso"))
        .fix("chép phần danh sách sang một bảng tính mới")
}

/// `cell` as Excel names it ("C5").
pub fn cell_too_long(cell: &str, chars: usize, max: usize) -> Problem {
    Problem::error(format!(
        "ô {cell} có {chars} ký tự, vượt giới hạn {max} ký tự một ô của Excel"
    ))
    .fix("tệp bị hỏng hoặc không phải danh sách; sửa ô đó")
}

/// A cell typed in a legacy encoding: `sample` its first characters.
pub fn cell_legacy(cell: &str, sample: &str, advice: &str) -> Problem {
    Problem::error(format!("ô {cell} (\"{sample}\"): {advice}"))
}

/// What to do about text typed in a legacy encoding (`encoding` as people know it, `unikey` as
/// Unikey's converter names its table).
pub fn legacy_advice(encoding: &str, unikey: &str) -> String {
    format!(
        "chữ tiếng Việt gõ bằng bảng mã cũ {encoding} chứ không phải Unicode. Chuyển mã trước khi dùng: mở tệp, chọn toàn bộ (Ctrl+A), sao chép (Ctrl+C), mở Unikey → Công cụ (Ctrl+Shift+F6), bảng mã nguồn \"{unikey}\", bảng mã đích \"Unicode\", bấm \"Chuyển mã\" rồi dán (Ctrl+V) và lưu lại (bảng tính: lưu .xlsx, hoặc \"CSV UTF-8 (Comma delimited)\")"
    )
}

// so-lieu --------------------------------------------------------------------------------------

pub fn solieu_no_code_column(file: &str) -> Problem {
    Problem::error("không tìm thấy cột \"Mã\". Dòng tiêu đề cần có các cột: Mã, Kết quả, Chỉ tiêu, Trạng thái, Mô tả kết quả, Ghi chú (chạy `hoso init` để có tệp mẫu)").file(file)
}

pub fn solieu_unknown_status(file: &str, row: usize, typed: &str) -> Problem {
    Problem::warning(format!(
        "Trạng thái \"{typed}\" không hiểu (để trống, ghi \"Đang triển khai\" hoặc \"Không áp dụng\"); bỏ qua"
    ))
    .file(file)
    .row(row)
}

/// Several so-lieu files: `names` all of them, `chosen` the one read.
pub fn solieu_several(names: &[String], chosen: &str) -> Problem {
    Problem::warning(format!(
        "Có {} tệp số liệu ({}); hoso dùng tệp sửa gần nhất: {chosen}",
        names.len(),
        names.join(", ")
    ))
    .fix("xóa tệp không dùng để tránh nhầm")
    .file(chosen)
    .place_unsaid()
}

pub fn solieu_missing() -> Problem {
    Problem::error("Thiếu tệp so-lieu.xlsx (hoặc so-lieu.csv) ở thư mục gốc của hồ sơ")
        .fix("chạy `hoso init` để có tệp mẫu có sẵn mọi mã chỉ tiêu")
        .place_unsaid()
}

pub fn solieu_unknown_code(file: &str, row: usize, code: &str, set: &str) -> Problem {
    Problem::error(format!("mã \"{code}\" không có trong bộ tiêu chí {set}"))
        .fix(format!("sửa lại mã (xem `hoso sets {set}`)"))
        .file(file)
        .row(row)
}

/// `1.1` typed twice where the set has `1.10`: Excel turned "1.10" into a number.
pub fn solieu_code_read_as(file: &str, row: usize, typed: &str, read_as: &str) -> Problem {
    Problem::warning(format!("mã \"{typed}\" xuất hiện hai lần"))
        .fix(format!("hiểu là {read_as} (Excel đổi \"{read_as}\" thành số {typed}); định dạng cột Mã là Văn bản (Text)"))
        .file(file)
        .row(row)
}

pub fn solieu_code_repeated(file: &str, row: usize, code: &str) -> Problem {
    Problem::error(format!("mã {code} bị lặp"))
        .fix("mỗi chỉ tiêu một dòng")
        .indicator(code)
        .file(file)
        .row(row)
}

// List forms -----------------------------------------------------------------------------------
// Their sentences start "Mẫu 1.4 (mau-1.4.xlsx), dòng 5:", so the place stays in the text.

fn form(form: &str, file: &str) -> String {
    format!("Mẫu {form} ({file})")
}

fn form_row(code: &str, file: &str, row: usize) -> String {
    format!("{}, dòng {row}", form(code, file))
}

fn said(p: Problem, file: &str) -> Problem {
    p.file(file).place_unsaid()
}

pub fn form_two_files(code: &str, first: &str, second: &str) -> Problem {
    said(
        Problem::error(format!("Có hai danh sách Mẫu {code}: {first} và {second}"))
            .fix("chỉ giữ một tệp"),
        second,
    )
}

/// A table of a several-table form (Mẫu 4.1) not found: `columns` its headers.
pub fn form_table_missing(code: &str, file: &str, title: &str, columns: &str) -> Problem {
    let p = Problem::warning(format!(
        "{}: không tìm thấy bảng \"{title}\"",
        form(code, file)
    ));
    said(
        p.fix(format!("thêm dòng tên bảng và dòng tiêu đề cột: {columns}")),
        file,
    )
}

pub fn form_no_header(code: &str, file: &str, columns: &str) -> Problem {
    let p = Problem::error(format!(
        "{}: không tìm thấy dòng tiêu đề cột. Dùng đúng các cột của mẫu: {columns}",
        form(code, file)
    ));
    said(p, file)
}

/// The column an indicator is computed from is missing.
pub fn form_column_missing(code: &str, file: &str, column: &str) -> Problem {
    let p = Problem::error(format!("{}: thiếu cột \"{column}\"", form(code, file)));
    said(p.fix("thêm cột này để tính chỉ tiêu").cell(column), file)
}

/// The column a rate is counted among (Mẫu 3.3: smartphones) is missing.
pub fn form_base_column_missing(code: &str, file: &str, column: &str) -> Problem {
    let p = Problem::error(format!("{}: thiếu cột \"{column}\"", form(code, file)));
    said(p.cell(column), file)
}

/// A count form (Mẫu 4.5) whose total line disagrees with its list.
pub fn form_count_differs(code: &str, file: &str, total: &str, listed: usize) -> Problem {
    let p = Problem::warning(format!(
        "{}: dòng tổng ghi {total} nhưng danh sách có {listed} điểm; hoso dùng số điểm liệt kê ({listed})",
        form(code, file)
    ));
    said(p, file)
}

pub fn form_cell_unclear(code: &str, file: &str, row: usize, typed: &str, column: &str) -> Problem {
    let p = Problem::warning(format!(
        "{}: ô \"{typed}\" ở cột \"{column}\" không rõ có hay không (ghi x/Có hoặc để trống); không được tính",
        form_row(code, file, row)
    ));
    said(p.row(row).cell(column), file)
}

/// A row that has `column` but not `base` (a security app without a smartphone).
pub fn form_row_inconsistent(
    code: &str,
    file: &str,
    row: usize,
    column: &str,
    base: &str,
) -> Problem {
    let p = Problem::warning(format!(
        "{}: có \"{column}\" nhưng không có \"{base}\" — dòng không nhất quán, không được tính",
        form_row(code, file, row)
    ));
    said(p.row(row).cell(column), file)
}

pub fn form_total_below_count(
    code: &str,
    file: &str,
    total: &str,
    count: usize,
    column: &str,
) -> Problem {
    let p = Problem::error(format!(
        "{}: tổng số ghi ở cuối bảng là {total} nhưng có {count} dòng \"{column}\"",
        form(code, file)
    ));
    said(p.fix("sửa lại tổng số").cell(column), file)
}

pub fn form_no_rows(code: &str, file: &str) -> Problem {
    let p = Problem::error(format!(
        "{}: danh sách không có dòng dữ liệu nào để tính tỷ lệ",
        form(code, file)
    ));
    said(p, file)
}

/// A `Tỷ lệ …` line whose rate differs from the list's: `num / den` the list's count.
pub fn form_rate_differs(
    code: &str,
    file: &str,
    row: usize,
    typed: &str,
    computed: &str,
    (num, den): (usize, &str),
) -> Problem {
    let p = Problem::warning(format!(
        "{}: tỷ lệ ghi trong mẫu là {typed}% nhưng tính từ danh sách được {computed}% ({num} / {den})",
        form_row(code, file, row)
    ));
    said(p.row(row), file)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn places_are_fields() {
        let p = solieu_unknown_code("so-lieu.csv", 4, "9.9", "x");
        assert_eq!(
            p.text(),
            "so-lieu.csv, dòng 4: mã \"9.9\" không có trong bộ tiêu chí x — sửa lại mã (xem `hoso sets x`)"
        );
        assert!(!p.message.contains("so-lieu.csv"));
        let q = form_cell_unclear("1.4", "mau-1.4.csv", 5, "?", "Có máy tính");
        assert_eq!(
            (q.file.as_deref(), q.row, q.cell.as_deref()),
            (Some("mau-1.4.csv"), Some(5), Some("Có máy tính"))
        );
        assert!(q
            .text()
            .starts_with("Mẫu 1.4 (mau-1.4.csv), dòng 5: ô \"?\""));
        let w = csv_read_as_windows_1258();
        assert!(csv_utf8_only(&w).text().starts_with(&w.text()));
    }
}
