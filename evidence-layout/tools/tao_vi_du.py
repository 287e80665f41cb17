#!/usr/bin/env python3
"""Regenerates evidence-layout/vi-du, the example dossier of a fictional commune (xã Tân Phúc,
huyện Hoằng Hóa, tỉnh Thanh Hóa, năm 2024) on the thanh-hoa-cds-xa set.

Only maintainers run this (users and CI use the committed folder). Needs: reportlab, openpyxl,
Pillow, pyHanko, python-docx (pip). The evidence PDFs are signed with a throwaway self-signed key generated here,
so the example shows signed documents; the key is not kept.

Usage: python3 evidence-layout/tools/tao_vi_du.py evidence-layout/vi-du
"""
import datetime
import io
import os
import shutil
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import tao_noi_dung  # noqa: E402  (noi-dung.docx, the narrative typed in Word)

from openpyxl import Workbook
from PIL import Image, ImageDraw
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

HERE = os.path.dirname(os.path.abspath(__file__))
FONTS = os.path.join(HERE, "..", "..", "fonts")
pdfmetrics.registerFont(TTFont("Serif", os.path.join(FONTS, "LiberationSerif-Regular.ttf")))
pdfmetrics.registerFont(TTFont("SerifBold", os.path.join(FONTS, "LiberationSerif-Bold.ttf")))

FIXED = datetime.datetime(2024, 11, 1, 8, 0, 0, tzinfo=datetime.timezone.utc)


def pdf_bytes(title, lines):
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, invariant=1)
    c.setTitle(title)
    c.setFont("SerifBold", 13)
    c.drawCentredString(A4[0] / 2 + 40, 800, "ỦY BAN NHÂN DÂN XÃ TÂN PHÚC")
    c.setFont("SerifBold", 14)
    c.drawCentredString(A4[0] / 2 + 40, 760, title)
    c.setFont("Serif", 13)
    y = 730
    for line in lines:
        c.drawString(85, y, line)
        y -= 20
    c.showPage()
    c.save()
    return buf.getvalue()


def signer():
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID
    from pyhanko.sign import signers

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "UBND xã Tân Phúc (ví dụ, khóa thử)")])
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(1)
        .not_valid_before(datetime.datetime(2024, 1, 1))
        .not_valid_after(datetime.datetime(2030, 1, 1))
        .sign(key, hashes.SHA256())
    )
    from asn1crypto import keys as akeys, x509 as ax509

    k = akeys.PrivateKeyInfo.load(key.private_bytes(serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))
    c = ax509.Certificate.load(cert.public_bytes(serialization.Encoding.DER))
    return signers.SimpleSigner(signing_cert=c, signing_key=k, cert_registry=None)


SIGNER = None


def signed_pdf(title, lines):
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import signers

    global SIGNER
    if SIGNER is None:
        SIGNER = signer()
    w = IncrementalPdfFileWriter(io.BytesIO(pdf_bytes(title, lines)))
    meta = signers.PdfSignatureMetadata(field_name="ChuKySo")
    out = io.BytesIO()
    signers.PdfSigner(meta, signer=SIGNER).sign_pdf(w, output=out)
    return out.getvalue()


def photo(text):
    img = Image.new("RGB", (320, 200), (200, 220, 235))
    d = ImageDraw.Draw(img)
    d.text((20, 90), text, fill=(20, 40, 80))
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=70)
    return buf.getvalue()


def sheet(rows, merges=()):
    wb = Workbook()
    ws = wb.active
    for r in rows:
        ws.append(r)
    for m in merges:
        ws.merge_cells(m)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def put(root, rel, data):
    path = os.path.join(root, rel)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    mode = "w" if isinstance(data, str) else "wb"
    with open(path, mode, **({"encoding": "utf-8"} if mode == "w" else {})) as f:
        f.write(data)


# Indicator → (folder, [(file, title, lines)]) ; documents are signed PDFs.
G1, G2, G3, G4 = "1 Chính quyền số", "2 Kinh tế số", "3 Xã hội số", "4 Hạ tầng số"
DOCS = {
    "1.1": (f"{G1}/1.1 Kế hoạch chuyển đổi số", [
        ("Ke-hoach-CDS-giai-doan-2022-2025.pdf", "KẾ HOẠCH Chuyển đổi số giai đoạn 2022 - 2025", ["Kế hoạch giai đoạn của UBND xã Tân Phúc."]),
        ("Ke-hoach-CDS-nam-2024.pdf", "KẾ HOẠCH Chuyển đổi số năm 2024", ["Các chỉ tiêu, mục tiêu, nhiệm vụ năm 2024."]),
        ("Bao-cao-danh-gia-thuc-hien-ke-hoach-2024.pdf", "BÁO CÁO đánh giá tình hình thực hiện Kế hoạch", ["Số chỉ tiêu đạt, chưa đạt, thuận lợi, khó khăn."]),
    ]),
    "1.2": (f"{G1}/1.2 Điều hành trên môi trường điện tử", [("Bao-cao-thang-10-STTTT-CT15.pdf", "Báo cáo tháng 10/2024 của Sở TTTT (Chỉ thị 15)", ["100% văn bản được xử lý, ký số trên hệ thống."])]),
    "1.3": (f"{G1}/1.3 Văn bản ký số", [("Bao-cao-thang-10-STTTT-CT15.pdf", "Báo cáo tháng 10/2024 của Sở TTTT (Chỉ thị 15)", ["Văn bản đến, văn bản phát hành: 100% trên môi trường điện tử."])]),
    "1.4": (f"{G1}/1.4 Hộp thư công vụ", []),
    "1.5": (f"{G1}/1.5 Một cửa điện tử", [("Bao-cao-mot-cua-dien-tu-2024.pdf", "Báo cáo tình hình tiếp nhận hồ sơ TTHC", ["412/412 hồ sơ tiếp nhận, xử lý trên Hệ thống một cửa điện tử."])]),
    "1.6": (f"{G1}/1.6 Hồ sơ trực tuyến", [("Thong-ke-ho-so-truc-tuyen-2024.pdf", "Thống kê hồ sơ TTHC trực tuyến năm 2024", ["186/412 hồ sơ tiếp nhận, giải quyết trực tuyến (45,15%)."])]),
    "1.7": (f"{G1}/1.7 Kênh tương tác", [("Danh-sach-kenh-tuong-tac.pdf", "Danh sách kênh giao tiếp với người dân", ["Zalo OA: UBND xã Tân Phúc; Trang TTĐT: tanphuc.hoanghoa.thanhhoa.gov.vn"])]),
    "1.8": (f"{G1}/1.8 Cơ sở dữ liệu dùng chung", [("Bao-cao-su-dung-CSDL-dung-chung.pdf", "Báo cáo sử dụng CSDL, phần mềm dùng chung", ["Hộ tịch, đất đai, dân cư, một cửa, QLVB."])]),
    "1.9": (f"{G1}/1.9 Trang thông tin điện tử", [
        ("QD-thanh-lap-Ban-bien-tap.pdf", "QUYẾT ĐỊNH thành lập Ban biên tập Trang TTĐT", ["Ban biên tập gồm 05 thành viên."]),
        ("Thong-ke-tin-bai-2024.pdf", "Thống kê tin, bài đăng tải năm 2024", ["214 tin, bài; 96 hình ảnh; 12 video."]),
    ]),
    "1.10": (f"{G1}/1.10 Tập huấn kỹ năng số", [("Ke-hoach-tap-huan-ky-nang-so.pdf", "KẾ HOẠCH tập huấn kỹ năng số cho CBCC", ["23/23 CBCC tham gia."])]),
    "2.1": (f"{G2}/2.1 Tuyên truyền kinh tế số", [("Ke-hoach-tuyen-truyen-KTS.pdf", "KẾ HOẠCH tuyên truyền kinh tế số", ["Hội nghị cho doanh nghiệp, hộ kinh doanh."])]),
    "2.2": (f"{G2}/2.2 Quảng bá sản phẩm OCOP", [("Bao-cao-quang-ba-OCOP.pdf", "Báo cáo quảng bá sản phẩm OCOP", ["04/04 sản phẩm OCOP được giới thiệu trên mạng."])]),
    "2.3": (f"{G2}/2.3 Sàn thương mại điện tử", [("Bao-cao-san-TMDT.pdf", "Báo cáo đưa sản phẩm lên sàn TMĐT", ["04/04 sản phẩm trên postmart.vn, voso.vn."])]),
    "2.4": (f"{G2}/2.4 Thanh toán không dùng tiền mặt", [("Bao-cao-TTKDTM-doanh-nghiep.pdf", "Báo cáo thanh toán không dùng tiền mặt", ["10/16 doanh nghiệp, tổ chức (62,5%)."])]),
    "2.5": (f"{G2}/2.5 Hợp đồng điện tử", []),
    "2.6": (f"{G2}/2.6 Nền tảng số doanh nghiệp", []),
    "3.1": (f"{G3}/3.1 Kỹ năng số cho người dân", [("Ke-hoach-pho-cap-ky-nang-so.pdf", "KẾ HOẠCH phổ cập kỹ năng số cho người dân", ["3.542/4.100 người trong độ tuổi lao động (86,39%)."])]),
    "3.2": (f"{G3}/3.2 Tài khoản ngân hàng", [("Bao-cao-tai-khoan-thanh-toan.pdf", "Báo cáo tài khoản thanh toán", ["78,3% dân số từ 15 tuổi có tài khoản."])]),
    "3.3": (f"{G3}/3.3 Thuê bao và an toàn thông tin", []),
    "3.5": (f"{G3}/3.5 Hồ sơ sức khỏe điện tử", [("Bao-cao-HSSK-dien-tu.pdf", "Báo cáo hồ sơ sức khỏe điện tử", ["92% người dân có hồ sơ sức khỏe điện tử."])]),
    "3.6": (f"{G3}/3.6 Khám chữa bệnh từ xa", [("Bao-cao-tu-van-suc-khoe-truc-tuyen.pdf", "Báo cáo tư vấn sức khỏe trực tuyến", ["18,5% dân số trưởng thành; đang mở rộng."])]),
    "3.7": (f"{G3}/3.7 Trường học số", [("Bao-cao-truong-hoc-so.pdf", "Báo cáo mô hình quản trị số trường học", ["02/02 trường tiểu học, THCS."])]),
    "3.8": (f"{G3}/3.8 Học phí không tiền mặt", [("Bao-cao-hoc-phi-KDTM.pdf", "Báo cáo thu học phí không dùng tiền mặt", ["03/03 cơ sở giáo dục."])]),
    "3.9": (f"{G3}/3.9 Định danh điện tử", [("Bao-cao-VNeID.pdf", "Báo cáo tài khoản định danh điện tử", ["71,2% người dân có tài khoản."])]),
    "3.12": (f"{G3}/3.12 Tiền điện không tiền mặt", [("Bao-cao-tien-dien-KDTM.pdf", "Báo cáo thanh toán tiền điện không dùng tiền mặt", ["75,8% hộ gia đình."])]),
    "4.1": (f"{G4}/4.1 Hạ tầng băng rộng", []),
    "4.2": (f"{G4}/4.2 An toàn thông tin theo cấp độ", [
        ("QD-phe-duyet-cap-do-ATTT.pdf", "QUYẾT ĐỊNH phê duyệt cấp độ an toàn hệ thống thông tin", ["Hệ thống mạng nội bộ UBND xã: cấp độ 2."]),
    ]),
    "4.3": (f"{G4}/4.3 Máy tính cho CBCC", []),
    "4.4": (f"{G4}/4.4 Hội nghị truyền hình", [("Bao-cao-HNTH-2024.pdf", "Báo cáo quản lý, sử dụng hệ thống hội nghị truyền hình", ["Kết nối thông suốt xã - huyện - tỉnh - Trung ương."])]),
    "4.5": (f"{G4}/4.5 Wifi công cộng", []),
    "4.6": (f"{G4}/4.6 Camera an ninh", [("Bao-cao-camera-an-ninh.pdf", "Báo cáo hệ thống camera an ninh", ["24 camera kết nối về Công an xã."])]),
    "4.7": (f"{G4}/4.7 Đài truyền thanh thông minh", [("Ho-so-dai-truyen-thanh-IP.pdf", "Hồ sơ đài truyền thanh ứng dụng CNTT - VT", ["12/12 cụm loa IP."])]),
}

SOLIEU = [
    # Mã, Kết quả, Chỉ tiêu, Trạng thái, Mô tả kết quả, Ghi chú
    ("1.1", "Có", "", "", "Đã ban hành Kế hoạch giai đoạn 2022 - 2025 và Kế hoạch năm 2024", ""),
    ("1.2", "100%", "", "", "100% lãnh đạo, CBCC xử lý công việc trên hệ thống dùng chung", ""),
    ("1.3", "100%", "", "", "", ""),
    ("1.4", "", "100%", "", "Tính từ danh sách Mẫu 1.4", ""),
    ("1.5", "100%", "100%", "", "412/412 hồ sơ", ""),
    ("1.6", "45,15%", "≥ 30%", "", "186/412 hồ sơ trực tuyến", ""),
    ("1.7", "Có", "", "", "Zalo OA, Trang TTĐT", ""),
    ("1.8", "Có", "", "", "", ""),
    ("1.9", "Có", "", "", "tanphuc.hoanghoa.thanhhoa.gov.vn", ""),
    ("1.10", "100%", "100%", "", "23/23 CBCC được tập huấn", ""),
    ("1.11", "Có", "", "", "PC-Covid, Sổ sức khỏe điện tử", ""),
    ("2.1", "85%", "≥ 80%", "", "", ""),
    ("2.2", "100%", "100%", "", "04/04 sản phẩm", ""),
    ("2.3", "100%", "", "", "04/04 sản phẩm", ""),
    ("2.4", "62,5%", "≥ 50%", "", "10/16 doanh nghiệp, tổ chức", ""),
    ("2.5", "", "≥ 50%", "", "Tính từ danh sách Mẫu 2.5", ""),
    ("2.6", "", "≥ 60%", "", "Tính từ danh sách Mẫu 2.6", ""),
    ("3.1", "86,39%", "≥ 80%", "", "3.542/4.100 người", ""),
    ("3.2", "78,3%", "≥ 70%", "", "", ""),
    ("3.3", "", "≥ 80%", "", "Tính từ danh sách Mẫu 3.3", ""),
    ("3.4", "", "≥ 75%", "", "", ""),
    ("3.5", "92%", "≥ 90%", "", "", ""),
    ("3.6", "18,5%", "≥ 20%", "Đang triển khai", "Đang mở rộng tư vấn sức khỏe trực tuyến", "Dự kiến đạt quý I/2025"),
    ("3.7", "100%", "100%", "", "02/02 trường", ""),
    ("3.8", "100%", "≥ 80%", "", "03/03 cơ sở", ""),
    ("3.9", "71,2%", "≥ 60%", "", "", ""),
    ("3.10", "", "≥ 35%", "", "", ""),
    ("3.11", "", "≥ 55%", "", "", ""),
    ("3.12", "75,8%", "≥ 70%", "", "", ""),
    ("4.1", "100%", "100%", "", "100% thôn có cáp quang và sóng 4G", ""),
    ("4.2", "Có", "", "", "Cấp độ 2", ""),
    ("4.3", "", "", "", "Tính từ danh sách Mẫu 1.4", ""),
    ("4.4", "Có", "", "", "", ""),
    ("4.5", "", "", "", "Tính từ danh sách Mẫu 4.5", ""),
    ("4.6", "Có", "", "", "24 camera", ""),
    ("4.7", "Có", "", "", "12/12 cụm loa IP", ""),
    ("4.8", "", "", "Không áp dụng", "Trên địa bàn xã không có điểm cung cấp dịch vụ bưu chính, viễn thông", ""),
]


HOSO = """# Hồ sơ ví dụ của một xã giả định — dùng để thử hoso.
bo_tieu_chi = "thanh-hoa-cds-xa"
nam = 2024
cap = "xa"

[don_vi]
tinh = "Thanh Hóa"
huyen = "Hoằng Hóa"
xa = "Tân Phúc"
loai = "xã"

[van_ban]
so = "125/BC-UBND"
ngay = 2024-11-10
dia_danh = "Tân Phúc"
noi_nhan = ["UBND huyện Hoằng Hóa (để b/c);", "Thường trực Đảng ủy, HĐND xã;", "Lưu: VT, VP."]

[nguoi_ky]
tham_quyen = "TM. ỦY BAN NHÂN DÂN"
chuc_vu = "CHỦ TỊCH"
ho_ten = "Lê Văn Hùng"
"""


def main(root):
    if os.path.exists(root):
        shutil.rmtree(root)
    os.makedirs(root)
    put(root, "hoso.toml", HOSO)
    tao_noi_dung.build(os.path.join(root, "noi-dung.docx"))
    put(root, "so-lieu.xlsx", sheet([["Mã", "Kết quả", "Chỉ tiêu", "Trạng thái", "Mô tả kết quả", "Ghi chú"]] + [list(r) for r in SOLIEU]))
    for code, (folder, docs) in DOCS.items():
        os.makedirs(os.path.join(root, folder), exist_ok=True)
        for name, title, lines in docs:
            put(root, f"{folder}/{name}", signed_pdf(title, lines))
    put(root, f"{G1}/1.10 Tập huấn kỹ năng số/Anh-lop-tap-huan-01.jpg", photo("Lop tap huan ky nang so 2024"))
    put(root, f"{G1}/1.11 Phòng chống dịch/giai-trinh.txt",
        "Giải trình chỉ tiêu 1.11\n\nTrong năm 2024 không phát sinh dịch bệnh phải triển khai nền tảng phòng, chống dịch mới; "
        "xã tiếp tục duy trì Sổ sức khỏe điện tử và nền tảng hỗ trợ tiêm chủng theo hướng dẫn của Bộ Y tế. "
        "UBND xã chịu trách nhiệm về tính chính xác của thông tin giải trình.\n")
    names = ["Lê Văn Hùng", "Nguyễn Thị Lan", "Trần Văn Nam", "Phạm Thị Hoa", "Hoàng Văn Đức", "Vũ Thị Mai", "Đỗ Văn Long",
             "Bùi Thị Thu", "Ngô Văn Tuấn", "Đặng Thị Hằng", "Lý Văn Bình", "Trịnh Thị Nga", "Mai Văn Sơn", "Lương Thị Yến",
             "Cao Văn Thắng", "Tạ Thị Huệ", "Đinh Văn Hải", "Phan Thị Liên", "Võ Văn Khoa", "Hồ Thị Oanh", "Tô Văn Phúc",
             "Lê Thị Quyên", "Nguyễn Văn Tài"]
    roles = ["Chủ tịch UBND", "Phó Chủ tịch UBND"] + ["Công chức"] * 21
    m14 = [["Mẫu 1.4. Danh sách cán bộ, công chức có máy tính và được cấp hộp thư điện tử công vụ"], [],
           ["STT", "Họ tên", "Chức vụ", "Có máy tính làm việc", "Hộp thư điện tử công vụ (ghi địa chỉ hộp thư)", "Ghi chú"]]
    for i, (n, r) in enumerate(zip(names, roles), 1):
        m14.append([i, n, r, "x", f"cb{i:02d}.tanphuc@thanhhoa.gov.vn", ""])
    m14 += [["", "Tổng cộng", "", 23, 23, ""], [], ["- Tổng số CBCC của cơ quan: 23 người."],
            ["- Tỷ lệ CBCC có máy tính/tổng số CBCC: 100%"], ["- Tỷ lệ CBCC được cấp hộp thư điện tử công vụ/tổng số CBCC: 100%"]]
    put(root, f"{G1}/1.4 Hộp thư công vụ/mau-1.4.xlsx", sheet(m14))
    firms = [("Công ty TNHH Phúc Hưng", "Có", "VNPT"), ("Công ty CP Nông sản Tân Phúc", "Có", "Viettel"), ("HTX Dịch vụ nông nghiệp Tân Phúc", "Không", ""),
             ("Công ty TNHH May Hoằng Hóa", "Có", "MISA"), ("Công ty TNHH Xây dựng Minh Long", "Có", "VNPT"), ("Cơ sở mộc Đức Thịnh", "Không", ""),
             ("Công ty TNHH Thương mại Thu Hà", "Có", "FPT"), ("Công ty CP Gạch Tân Phúc", "Không", ""), ("Công ty TNHH Vận tải Hưng Thịnh", "Có", "Viettel"),
             ("Công ty TNHH Thực phẩm An Lành", "Không", "")]
    m25 = [["Mẫu 2.5. Tỷ lệ doanh nghiệp sử dụng hợp đồng điện tử"], [],
           ["TT", "Tên doanh nghiệp", "Số điện thoại liên hệ", "Sử dụng hợp đồng điện tử", "", "Ghi chú"],
           ["", "", "", "Có/Không", "Đơn vị cung cấp hợp đồng điện tử", ""]]
    for i, (n, u, p) in enumerate(firms, 1):
        m25.append([i, n, f"0912.345.{i:03d}", u, p, ""])
    m25 += [[], ["Tổng số DNVVN: 10"], ["Tỷ lệ DNVVN sử dụng hợp đồng điện tử: 60%"]]
    put(root, f"{G2}/2.5 Hợp đồng điện tử/mau-2.5.xlsx", sheet(m25, merges=["D3:E3", "A3:A4", "B3:B4", "C3:C4", "F3:F4"]))
    platforms = ["Hóa đơn điện tử, Kế toán MISA", "Chữ ký số, Hóa đơn điện tử", "Không", "Quản trị nhân sự, chấm công", "Hóa đơn điện tử",
                 "", "Thương mại điện tử (Shopee)", "Hóa đơn điện tử, Chữ ký số", "Kế toán", "Không"]
    m26 = [["Mẫu 2.6. Tỷ lệ doanh nghiệp nhỏ và vừa sử dụng nền tảng số"], [],
           ["TT", "Tên doanh nghiệp", "Số điện thoại liên hệ", "Sử dụng nền tảng số", "Ghi chú"]]
    for i, ((n, _, _), pl) in enumerate(zip(firms, platforms), 1):
        m26.append([i, n, f"0912.345.{i:03d}", pl, ""])
    m26 += [[], ["Tổng số DNVVN: 10"], ["Tỷ lệ DNVVN sử dụng nền tảng số: 70%"]]
    put(root, f"{G2}/2.6 Nền tảng số doanh nghiệp/Mẫu số 2.6.xlsx", sheet(m26))
    m33 = [["Mẫu 3.3. Tỷ lệ thuê bao điện thoại di động thông minh có sử dụng phần mềm an toàn thông tin mạng cơ bản"], [],
           ["TT", "Họ và tên", "Số điện thoại liên hệ", "Có điện thoại thông minh", "Có cài đặt PM ATTT", "Có chữ ký số", "Có sử dụng dịch vụ công trực tuyến", "Ghi chú"]]
    for i in range(1, 41):
        m33.append([i, f"Người dân số {i:02d}", f"0987.654.{i:03d}", "x", "x" if i <= 34 else "", "x" if i <= 20 else "", "x" if i <= 30 else "", ""])
    m33 += [["", "Tổng cộng", "", 40, 34, 20, 30, ""], [], ["Tổng dân số trưởng thành:", 50],
            ["Tỷ lệ dân số trưởng thành có điện thoại thông minh:", "80%"],
            ["Tỷ lệ thuê bao điện thoại thông minh được cài đặt phần mềm ATTT:", "85%"],
            ["Tỷ lệ dân số trưởng thành có chữ ký số:", "40%"],
            ["Tỷ lệ dân số trưởng thành có sử dụng dịch vụ công trực tuyến:", "60%"]]
    put(root, f"{G3}/3.3 Thuê bao và an toàn thông tin/mau-3.3.xlsx", sheet(m33))
    m41 = [["Mẫu số 4.1. Hạ tầng mạng băng rộng cáp quang, mạng thông tin di động 4G/5G sẵn sàng cung cấp dịch vụ đến các hộ gia đình."],
           ["1. Danh sách hộp cáp cung cấp dịch vụ Internet băng thông rộng"],
           ["TT", "Địa chỉ lắp đặt", "Mạng thông tin di động (ghi tên doanh nghiệp)", "Ghi chú"]]
    for i, t in enumerate(["Phúc Lợi", "Phúc Thọ", "Tân Lập", "Tân Thành", "Đông Phúc", "Tây Phúc"], 1):
        m41.append([i, f"Thôn {t}", "VNPT, Viettel", ""])
    m41 += [[], ["2. Danh sách các trạm thu, phát sóng thông tin di động"],
            ["TT", "Tên thôn/bản/khu phố", "Hộp cáp cung cấp dịch vụ truy cập Internet băng rộng", "Ghi chú"],
            [1, "Thôn Phúc Lợi", "Trạm BTS Viettel THA123", ""], [2, "Thôn Tân Lập", "Trạm BTS VNPT THA456", ""]]
    put(root, f"{G4}/4.1 Hạ tầng băng rộng/mau-4.1.xlsx", sheet(m41))
    m45 = [["Mẫu số 4.5. Danh sách các khu vực công cộng, điểm du lịch cộng đồng, ... có wifi công cộng trên địa bàn xã"], [],
           ["STT", "Khu vực/tên điểm du lịch cộng đồng", "Địa chỉ (Số nhà/thôn)", "Ghi chú"],
           [1, "Khu vực UBND xã", "Thôn Tân Lập", ""], [2, "Hội trường UBND xã", "Thôn Tân Lập", ""],
           [3, "Nhà văn hóa thôn Phúc Lợi", "Thôn Phúc Lợi", ""], [4, "Nhà văn hóa thôn Phúc Thọ", "Thôn Phúc Thọ", ""],
           [5, "Chợ Tân Phúc", "Thôn Tân Thành", ""], [6, "Đền Phúc Linh", "Thôn Đông Phúc", "Điểm du lịch cộng đồng"],
           ["", "Tổng cộng", "", ""], [], ["- Tổng số điểm công cộng có wifi: 6"]]
    put(root, f"{G4}/4.5 Wifi công cộng/mau-4.5.xlsx", sheet(m45))
    # 4.3 is computed from Mẫu 1.4 (computers); its folder holds the signed list too.
    put(root, f"{G4}/4.3 Máy tính cho CBCC/Danh-sach-CBCC-co-may-tinh.pdf", signed_pdf("Danh sách CBCC có máy tính (Mẫu 1.4)", ["23/23 CBCC có máy tính phục vụ công việc."]))
    for rel in ["README.txt"]:
        pass


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "..", "vi-du"))
