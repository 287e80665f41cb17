//! Command-line definitions only (clap). Subcommand words are ASCII; help texts are Vietnamese.

use clap::{Parser, Subcommand};
use std::path::PathBuf;

#[derive(Parser, Debug)]
#[command(
    name = "hoso",
    version,
    about = "Hồ sơ đánh giá tiêu chí chuyển đổi số / nông thôn mới: kiểm tra thư mục minh chứng, tính chỉ tiêu, in Mẫu 01–04 (PDF, DOCX), bảng kê SHA-256 và gói zip sẵn sàng ký số.",
    long_about = None
)]
pub struct Cli {
    /// Thư mục chứa bộ tiêu chí bổ sung hoặc thay thế (*.toml); cũng đọc từ biến môi trường HOSO_FORMS
    #[arg(long, global = true, env = "HOSO_FORMS", value_name = "THƯ_MỤC")]
    pub forms: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Liệt kê các bộ tiêu chí; `hoso sets <id>` in từng chỉ tiêu với đơn vị tính và chỉ tiêu
    Sets {
        /// Mã bộ tiêu chí
        id: Option<String>,
    },
    /// Tạo thư mục hồ sơ mẫu: hoso.toml, so-lieu.csv/xlsx, noi-dung.md, thư mục từng chỉ tiêu, mẫu biểu
    Init {
        /// Thư mục hồ sơ sẽ tạo
        dir: PathBuf,
        /// Mã bộ tiêu chí (xem `hoso sets`)
        #[arg(long = "bo", value_name = "BỘ_TIÊU_CHÍ")]
        bo: String,
        /// Năm đánh giá (mặc định: năm hiện tại)
        #[arg(long)]
        nam: Option<i32>,
        /// Cấp lập hồ sơ: xa | huyen | bcd | so | tinh
        #[arg(long, default_value = "xa")]
        cap: String,
        /// Quy trình các cấp: thanh-hoa-2023 (xã → huyện → BCĐ → Sở) | hai-cap (xã → tỉnh, từ 01/7/2025); mặc định: quy trình của bộ tiêu chí
        #[arg(long = "quy-trinh", value_name = "QUY_TRÌNH")]
        quy_trinh: Option<String>,
    },
    /// Kiểm tra hồ sơ: tính mọi chỉ tiêu và liệt kê mọi thiếu sót (không ghi gì)
    Check {
        /// Thư mục hồ sơ
        dir: PathBuf,
        /// Coi mọi cảnh báo là lỗi (dùng khi huyện thẩm định)
        #[arg(long = "nghiem-ngat")]
        strict: bool,
        /// In kết quả dạng JSON
        #[arg(long)]
        json: bool,
    },
    /// Lập hồ sơ: ket-qua.json, báo cáo và phụ lục (PDF, DOCX), mẫu biểu, bảng kê, gói zip
    Build {
        /// Thư mục hồ sơ
        dir: PathBuf,
        /// Thư mục ghi kết quả (không được nằm trong thư mục hồ sơ)
        #[arg(long, value_name = "THƯ_MỤC")]
        out: PathBuf,
        /// Vẫn lập khi hồ sơ còn thiếu sót (các thiếu sót được ghi trong kết quả)
        #[arg(long = "cho-phep-thieu")]
        allow_incomplete: bool,
        /// Coi mọi cảnh báo là lỗi
        #[arg(long = "nghiem-ngat")]
        strict: bool,
        /// Ghi đè thư mục kết quả đã có
        #[arg(long = "ghi-de")]
        overwrite: bool,
        /// Ghi thêm mã nguồn typst của từng tài liệu (để kiểm tra)
        #[arg(long)]
        typ: bool,
        /// Hồ sơ cấp sở: chỉ lập bảng tổng hợp (PDF, DOCX, XLSX) của mọi xã nhận được
        #[arg(long = "chi-tong-hop")]
        summary_only: bool,
    },
    /// Lập gói nộp sau khi ký số: tìm bản đã ký của từng văn bản `build` lập, kiểm tra chữ ký, ghi gói
    Package {
        /// Thư mục kết quả của `hoso build`
        dir: PathBuf,
        /// Văn bản chưa ký là lỗi (không lập gói)
        #[arg(long = "nghiem-ngat")]
        strict: bool,
    },
    /// Kiểm tra gói hồ sơ (zip hoặc thư mục bag): mọi tệp còn nguyên vẹn, chữ ký số còn khớp
    Verify {
        /// Tệp .zip hoặc thư mục bag
        path: PathBuf,
    },
    /// Mở trang làm việc trên trình duyệt (chỉ máy này truy cập được): xem, lập, ký số, đóng gói hồ sơ
    Serve {
        /// Thư mục hồ sơ mở sẵn (có thể chọn trên trang)
        dir: Option<PathBuf>,
        /// Cổng trên 127.0.0.1 (mặc định: một cổng còn trống)
        #[arg(long, default_value_t = 0)]
        port: u16,
        /// Không tự mở trình duyệt (chỉ in địa chỉ)
        #[arg(long = "no-open")]
        no_open: bool,
    },
}
