// hoso — the officer's desk. Everything drawn from the JSON of /api/ (the pipeline's results).
"use strict";
const $ = (id) => document.getElementById(id);
const S = { status: null, check: null, fp: null, docs: null, screen: "mo" };

function el(tag, attrs, ...kids) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
    else if (k === "class") e.className = v;
    else e.setAttribute(k, v === true ? "" : v);
  }
  for (const k of kids.flat()) if (k !== null && k !== undefined) e.append(k instanceof Node ? k : String(k));
  return e;
}
const enc = encodeURIComponent;
const encPath = (p) => p.split("/").map(enc).join("/");

async function api(path, body) {
  const opt = body === undefined ? {} : { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) };
  const r = await fetch(path, opt);
  let j = null;
  try { j = await r.json(); } catch (_) { j = null; }
  if (!r.ok) throw new Error((j && (j.loi || j.Message)) || ("Lỗi " + r.status));
  return j;
}

function say(msg, good) {
  const t = $("thong-bao");
  t.textContent = msg;
  t.className = "thong-bao" + (good ? " tot" : "");
  if (!msg) t.classList.add("an");
}

function show(screen) {
  S.screen = screen;
  document.querySelectorAll(".man").forEach((m) => m.classList.toggle("an", m.id !== "man-" + screen));
  document.querySelectorAll("#thanh-muc button").forEach((b) => b.classList.toggle("chon", b.dataset.man === screen));
  document.body.dataset.man = screen;
  if (screen === "lap" || screen === "ky") loadDocs();
}

function navState() {
  const open = !!(S.status && S.status.ho_so);
  const lvl = S.check && S.check.cap && S.check.cap !== "xa";
  document.querySelectorAll("#thanh-muc button").forEach((b) => {
    if (b.classList.contains("can-ho-so")) b.disabled = !open;
    if (b.classList.contains("chi-xa")) b.classList.toggle("an", !!lvl);
    if (b.classList.contains("chi-cap-tren")) b.classList.toggle("an", !lvl);
  });
  document.querySelectorAll("section .chi-xa").forEach((x) => x.classList.toggle("an", !!lvl));
}

// ---------- open / create ----------
async function loadStatus() {
  S.status = await api("/api/trang-thai");
  $("dang-mo").textContent = S.status.ho_so ? "Hồ sơ: " + S.status.ho_so : "Chưa mở hồ sơ";
  $("lap-noi-ghi").textContent = S.status.ket_qua || "";
  const recent = $("gan-day");
  recent.replaceChildren();
  for (const p of S.status.gan_day) recent.append(el("li", {}, el("a", { onclick: () => openDossier(p) }, p)));
  if (!S.status.gan_day.length) recent.append(el("li", { class: "nhat" }, "Chưa có"));
  const sel = $("tao-bo");
  if (!sel.options.length) {
    for (const s of S.status.bo_tieu_chi) sel.append(el("option", { value: s.id }, s.id + " — " + s.title));
    $("tao-nam").value = new Date().getFullYear();
  }
  navState();
}

async function browse(path) {
  try {
    const d = await api("/api/thu-muc" + (path ? "?duong_dan=" + enc(path) : ""));
    $("thu-muc-hien-tai").textContent = d.duong_dan;
    $("duong-dan").value = d.duong_dan;
    $("len-tren").disabled = !d.cha;
    $("len-tren").onclick = () => browse(d.cha);
    const roots = $("o-goc");
    roots.replaceChildren(...d.goc.map((g) => el("button", { type: "button", onclick: () => browse(g) }, "Ổ " + g)));
    const list = $("ds-thu-muc");
    list.replaceChildren();
    for (const f of d.thu_muc) {
      list.append(el("li", { class: f.ho_so ? "la-ho-so" : null, ondblclick: () => (f.ho_so ? openDossier(f.path) : browse(f.path)), onclick: () => browse(f.path), "data-ten": f.name, title: f.path },
        el("span", { class: "bieu-tuong", "aria-hidden": "true" }), f.name, f.ho_so ? el("span", { class: "nhan-hs" }, "hồ sơ") : null));
    }
    if (!d.thu_muc.length) list.append(el("li", { class: "nhat" }, "(không có thư mục con)"));
    const here = $("mo-thu-muc-nay");
    here.classList.toggle("an", !d.la_ho_so);
    here.onclick = () => openDossier(d.duong_dan);
    const parent = d.duong_dan.replace(/[\\/]+$/, "");
    $("tao-duong-dan").placeholder = parent + (parent.includes("\\") ? "\\" : "/") + "HoSo-moi";
  } catch (e) { say(e.message); }
}

async function openDossier(path) {
  try {
    await api("/api/mo", { duong_dan: path });
    say("");
    for (const id of ["lap-ket-qua", "dg-ket-qua", "xem-truoc", "huong-dan-vsign", "tien-do"]) $(id).classList.add("an");
    await loadStatus();
    S.fp = null;
    await recheck();
    show("tong-quan");
  } catch (e) { say(e.message); }
}

$("form-mo").addEventListener("submit", (ev) => { ev.preventDefault(); openDossier($("duong-dan").value.trim()); });
$("form-tao").addEventListener("submit", async (ev) => {
  ev.preventDefault();
  try {
    await api("/api/tao", { duong_dan: $("tao-duong-dan").value.trim(), bo: $("tao-bo").value, nam: parseInt($("tao-nam").value, 10), cap: $("tao-cap").value });
    say("Đã tạo hồ sơ mẫu. Điền hoso.toml, so-lieu.xlsx và đặt tài liệu minh chứng vào thư mục từng chỉ tiêu; trang này tự kiểm tra lại khi tệp thay đổi.", true);
    await loadStatus();
    await recheck();
    show("tong-quan");
  } catch (e) { say(e.message); }
});

// ---------- check ----------
async function recheck() {
  if (!S.status || !S.status.ho_so) return;
  const c = await api("/api/kiem-tra");
  S.check = c;
  S.fp = c.dau_van_tay;
  navState();
  if (c.doc_khong_duoc) { drawUnreadable(c); return; }
  if (c.cap === "xa") { drawCommune(c); } else { drawLevel(c); }
  $("tu-kiem-tra").textContent = "Đã kiểm tra lúc " + new Date().toLocaleTimeString("vi-VN");
}

function drawUnreadable(c) {
  $("tq-don-vi").textContent = "Hồ sơ chưa đọc được — sửa các dòng dưới đây";
  $("tq-bo").textContent = "";
  $("tq-nam").textContent = "";
  $("tq-dat").textContent = "–";
  $("tq-ket-luan").replaceChildren(el("ul", { id: "khong-doc-duoc" }, c.doc_khong_duoc.map((m) => el("li", {}, m))),
    el("p", { class: "nhat" }, "Mở hoso.toml trong thư mục hồ sơ bằng Notepad, điền rồi lưu: trang tự kiểm tra lại."));
  $("tq-dem").replaceChildren(el("div", { class: "o" }, el("b", { id: "so-loi" }, c.doc_khong_duoc.length), "lỗi phải sửa"));
  $("dem-loi").textContent = c.doc_khong_duoc.length;
  $("bang-chi-tieu").tBodies[0].replaceChildren();
  $("bang-mau-bieu").tBodies[0].replaceChildren();
  $("ts-tom").textContent = "Hồ sơ chưa đọc được.";
  $("ds-loi").replaceChildren(el("div", { class: "nhom", "data-chi-tieu": "" }, el("h3", {}, "Chung"),
    el("ul", {}, c.doc_khong_duoc.map((m) => el("li", {}, m, el("div", {}, "Tệp: ", el("span", { class: "tep" }, "hoso.toml")))))));
  $("ds-canh-bao").replaceChildren(el("p", { class: "nhat" }, "Không có."));
}

function badge(ev, word) { return el("span", { class: "danh-gia " + ev, "data-eval": ev }, word); }

function drawHead(c) {
  $("tq-don-vi").textContent = c.don_vi;
  $("tq-bo").textContent = "Bộ tiêu chí: " + c.bo_tieu_chi + " — " + c.ten_bo_tieu_chi;
  $("tq-nam").textContent = "Năm đánh giá: " + c.nam + (c.van_ban && c.van_ban.so ? " · Báo cáo số " + c.van_ban.so + " ngày " + c.van_ban.ngay : "");
}

function drawCommune(c) {
  drawHead(c);
  $("tq-dat").textContent = c.dat + "/" + c.tong;
  $("tq-dat").parentElement.querySelector("small").textContent = "tiêu chí đạt";
  $("tq-ket-luan").replaceChildren(el("strong", {}, c.ket_luan), " — ", c.cau_ket_luan);
  $("tq-dem").replaceChildren(
    el("div", { class: "o" }, el("b", { id: "so-loi" }, c.errors.length), "lỗi phải sửa"),
    el("div", { class: "o" }, el("b", { id: "so-canh-bao" }, c.warnings.length), "cảnh báo"),
    el("div", { class: "o" }, el("b", {}, c.lists.length), "mẫu biểu đã đọc"));
  $("dem-loi").textContent = c.errors.length || "";
  const lb = $("bang-mau-bieu").tBodies[0];
  lb.replaceChildren();
  for (const l of c.lists) {
    lb.append(el("tr", { "data-mau": l.code },
      el("td", {}, "Mẫu " + l.code, el("div", { class: "nhat" }, l.title)),
      el("td", {}, el("a", { class: "tep", href: "/api/tep/ho-so/" + encPath(l.file), target: "_blank" }, l.file)),
      el("td", {}, l.rows),
      el("td", {}, l.measures.map((m) => el("div", { class: "ty-le" }, m.text, m.chi_tieu.length ? el("span", { class: "nhat" }, " → chỉ tiêu " + m.chi_tieu.join(", ")) : "")))));
  }
  if (!c.lists.length) lb.append(el("tr", {}, el("td", { colspan: 4, class: "nhat" }, "Chưa có mẫu biểu nào trong hồ sơ")));
  const tb = $("bang-chi-tieu").tBodies[0];
  tb.replaceChildren();
  for (const i of c.indicators) {
    const detail = el("tr", { class: "chi-tiet an", "data-cua": i.code },
      el("td", {}), el("td", { colspan: 5 },
        el("strong", {}, "Tài liệu minh chứng đã có:"),
        i.evidence.length ? el("ul", {}, i.evidence.map((f) => el("li", {}, el("a", { class: "tep", href: "/api/tep/ho-so/" + encPath(f), target: "_blank" }, f))))
          : el("div", { class: "chua-ky" }, "Chưa có tệp nào"),
        i.asked.length ? el("div", {}, el("strong", {}, "Hồ sơ chứng minh cần có (theo hướng dẫn):"), el("ul", {}, i.asked.map((a) => el("li", {}, a)))) : null));
    const row = el("tr", { class: "dong-chi-tieu" + (i.parent ? " con" : ""), "data-code": i.code, onclick: () => detail.classList.toggle("an") },
      el("td", { class: "ma" }, i.code),
      el("td", {}, i.name),
      el("td", {}, i.target || "–"),
      el("td", {}, i.value || "–"),
      el("td", { class: "o-danh-gia" }, badge(i.evaluation, i.word)),
      el("td", {}, i.evidence.length + " tệp"));
    tb.append(row, detail);
  }
  drawProblems(c);
}

function drawProblems(c) {
  $("ts-tom").textContent = c.errors.length || c.warnings.length
    ? c.errors.length + " lỗi, " + c.warnings.length + " cảnh báo. Sửa tệp trong thư mục hồ sơ rồi lưu: trang tự kiểm tra lại."
    : "Hồ sơ đầy đủ, không có thiếu sót.";
  for (const [box, list] of [["ds-loi", c.errors], ["ds-canh-bao", c.warnings]]) {
    const groups = new Map();
    for (const p of list) {
      const k = p.chi_tieu || "";
      if (!groups.has(k)) groups.set(k, []);
      groups.get(k).push(p);
    }
    const keys = [...groups.keys()].sort((a, b) => (a === "" ? -1 : b === "" ? 1 : a.localeCompare(b, "vi", { numeric: true })));
    const name = (code) => { const i = c.indicators.find((x) => x.code === code); return i ? i.name : ""; };
    $(box).replaceChildren(...keys.map((k) => el("div", { class: "nhom", "data-chi-tieu": k },
      el("h3", {}, k ? "Chỉ tiêu " + k + " — " + name(k) : "Chung"),
      el("ul", {}, groups.get(k).map((p) => el("li", {}, p.noi_dung,
        p.tep ? el("div", {}, "Tệp: ", el("span", { class: "tep" }, p.tep)) : null))))));
    if (!list.length) $(box).append(el("p", { class: "nhat" }, "Không có."));
  }
}

function drawLevel(c) {
  drawHead(c);
  const ok = c.nhan.filter((n) => n.ket_luan && n.dat !== undefined);
  $("tq-dat").textContent = c.nhan.length + "/" + (c.nhan.length + c.bi_tu_choi.length);
  $("tq-dat").parentElement.querySelector("small").textContent = "gói hồ sơ dùng được";
  $("tq-ket-luan").replaceChildren(el("strong", {}, c.nhan.filter((n) => n.dat === n.tong).length + " đơn vị đạt mọi tiêu chí"), " · ", c.bi_tu_choi.length + " gói bị từ chối");
  $("tq-dem").replaceChildren();
  $("gn-chung").replaceChildren(...c.loi_chung.map((m) => el("div", { class: "thong-bao" }, m)), ...c.luu_y.map((m) => el("p", { class: "nhat" }, "Lưu ý: " + m)));
  const tb = $("bang-goi-nhan").tBodies[0];
  tb.replaceChildren(...ok.map((n) => el("tr", { "data-goi": n.goi },
    el("td", {}, n.goi, n.goi_huyen ? el("div", { class: "nhat" }, "trong " + n.goi_huyen) : null),
    el("td", {}, n.don_vi),
    el("td", {}, el("span", { class: "danh-gia dat" }, "Nguyên vẹn"), el("div", { class: "nhat" }, n.tep + " tệp, " + n.pdf_da_ky + " PDF đã ký")),
    el("td", {}, n.dat + "/" + n.tong),
    el("td", {}, n.ket_luan),
    el("td", {}, n.khong_dat.join(", ") || "–"))));
  if (!ok.length) tb.append(el("tr", {}, el("td", { colspan: 6, class: "nhat" }, "Chưa có gói nào dùng được")));
  $("ds-tu-choi").replaceChildren(...c.bi_tu_choi.map((f) => el("div", { class: "nhom", "data-goi": f.package },
    el("h3", {}, "Gói " + f.package), el("ul", {}, f.problems.map((p) => el("li", {}, p))))));
  if (!c.bi_tu_choi.length) $("ds-tu-choi").append(el("p", { class: "nhat" }, "Không có."));
}

// Re-check by itself when a file of the dossier changes (a cheap fingerprint, every 2 s).
async function watch() {
  try {
    if (S.status && S.status.ho_so && S.fp) {
      const f = await api("/api/dau-van-tay");
      if (f.dau_van_tay && f.dau_van_tay !== S.fp) await recheck();
    }
  } catch (_) { /* server restarting: try again */ }
  setTimeout(watch, 2000);
}

// ---------- build ----------
$("nut-lap").addEventListener("click", async () => {
  say("");
  $("nut-lap").disabled = true;
  $("tien-do").classList.remove("an");
  $("lap-ket-qua").classList.add("an");
  try {
    let j = await api("/api/lap", { cho_phep_thieu: $("cho-phep-thieu").checked });
    while (j.chay) {
      drawProgress(j);
      await new Promise((r) => setTimeout(r, 150));
      j = await api("/api/lap");
    }
    drawProgress(j);
    if (j.loi) { say(j.loi); return; }
    $("goi-sha").textContent = j.ket_qua.sha256;
    $("tai-goi").href = "/api/tep/ket-qua/" + enc(j.ket_qua.goi);
    $("tai-goi").setAttribute("download", j.ket_qua.goi);
    $("tai-goi").dataset.goi = j.ket_qua.goi;
    say("Đã lập hồ sơ: " + j.ket_qua.goi + (j.ket_qua.thieu_sot ? " (bản nháp — còn " + j.ket_qua.thieu_sot + " lỗi)" : "")
      + (j.ket_qua.co_goi_bi_tu_choi ? " (có gói bị từ chối, không đưa vào: xem Gói nhận được)" : ""), true);
    await loadDocs();
    $("lap-ket-qua").classList.remove("an");
  } catch (e) { say(e.message); } finally { $("nut-lap").disabled = false; }
});

function drawProgress(j) {
  $("thanh-chay").style.width = j.phan_tram + "%";
  $("thanh-chay").setAttribute("aria-valuenow", j.phan_tram);
  $("buoc").textContent = j.buoc + " (" + j.phan_tram + "%)";
}

$("mo-thu-muc").addEventListener("click", async () => { try { await api("/api/mo-thu-muc", {}); } catch (e) { say(e.message); } });

async function loadDocs() {
  if (!S.status || !S.status.ho_so) return;
  try { S.docs = await api("/api/tai-lieu"); } catch (_) { return; }
  const list = $("ds-van-ban");
  list.replaceChildren();
  // The build's zip is the preview (named as unsigned); Đóng gói writes the final one.
  const zip = S.docs.other.find((o) => o.name.endsWith("-chua-ky.zip")) || S.docs.other.find((o) => o.name.endsWith(".zip"));
  $("lap-ket-qua").classList.toggle("an", !zip);
  if (zip) {
    $("tai-goi").href = "/api/tep/ket-qua/" + enc(zip.name);
    $("tai-goi").setAttribute("download", zip.name);
    $("tai-goi").dataset.goi = zip.name;
    $("goi-sha").textContent = zip.sha256 || "";
  }
  for (const d of S.docs.pdfs) {
    const docx = d.name.replace(/\.pdf$/, ".docx");
    list.append(el("li", { "data-van-ban": d.name },
      el("span", { class: "ten" }, d.name),
      el("button", { onclick: () => preview(d.current) }, "Xem"),
      el("a", { class: "nut", href: "/api/tep/ket-qua/" + enc(d.current), target: "_blank" }, "Mở PDF"),
      S.docs.other.some((o) => o.name === docx) ? el("a", { class: "nut", href: "/api/tep/ket-qua/" + enc(docx) }, "DOCX") : null));
  }
  drawSigning();
}

function preview(name) {
  const f = $("xem-truoc");
  f.src = "/api/tep/ket-qua/" + enc(name);
  f.classList.remove("an");
}

// ---------- signing (VGCA Sign Service) ----------
function drawSigning() {
  const tb = $("bang-ky").tBodies[0];
  tb.replaceChildren();
  if (!S.docs || !S.docs.pdfs.length) { tb.append(el("tr", {}, el("td", { colspan: 4, class: "nhat" }, "Chưa có văn bản — bấm \"Lập hồ sơ\" trước"))); return; }
  for (const d of S.docs.pdfs) {
    const drop = el("label", { class: "tha" }, "Gửi tệp đã ký (kéo thả vào đây hoặc bấm để chọn)",
      el("input", { type: "file", accept: "application/pdf,.pdf", class: "an-nhan", "data-gui": d.name, onchange: (ev) => ev.target.files[0] && sendSigned(d.name, ev.target.files[0]) }));
    drop.addEventListener("dragover", (ev) => { ev.preventDefault(); drop.classList.add("tren"); });
    drop.addEventListener("dragleave", () => drop.classList.remove("tren"));
    drop.addEventListener("drop", (ev) => { ev.preventDefault(); drop.classList.remove("tren"); if (ev.dataTransfer.files[0]) sendSigned(d.name, ev.dataTransfer.files[0]); });
    tb.append(el("tr", { "data-van-ban": d.name },
      el("td", {}, d.name, el("div", { class: "nhat" }, d.bao_cao ? "Báo cáo: ký duyệt rồi ký phát hành" : "Phụ lục, tài liệu kèm theo")),
      el("td", { class: "nguoi-ky" }, d.broken ? el("span", { class: "chua-ky" }, "Chữ ký hỏng: " + d.broken)
        : d.signers.length ? el("span", { class: "ky-xong" }, "Đã ký: " + d.signers.map((s) => s || "(không rõ tên)").join("; ")) : el("span", { class: "chua-ky" }, "Chưa ký")),
      // A step is done once the file carries as many signatures as the steps before it and itself.
      el("td", {}, d.steps.map((s, i) => d.signers.length > i
        ? el("button", { class: "xong", disabled: true, "data-endpoint": s.endpoint, "data-xong": "1" }, "✓ " + s.label)
        : el("button", { class: "chinh", disabled: i > d.signers.length, "data-endpoint": s.endpoint, onclick: (ev) => signWith(d, s.endpoint, ev.target) }, s.label))),
      el("td", {}, drop)));
  }
}

function signRequest(d, endpoint) {
  const st = S.status, c = S.check || {};
  const sid = "?sid=" + enc(st.ma_ky_so);
  const req = {
    FileName: st.goc + "/api/tep/ket-qua/" + enc(d.current) + sid,
    FileUploadHandler: st.goc + "/api/ky-so/" + enc(d.name) + sid,
    SessionId: st.ma_ky_so,
    MetaData: [{ Key: "TenVanBan", Value: d.name }, { Key: "DonVi", Value: c.don_vi || "" }],
  };
  if (endpoint === "SignIssued") {
    req.DocNumber = (c.van_ban && c.van_ban.so) || "";
    req.IssuedDate = (c.van_ban && c.van_ban.ngay) || "";
  }
  return req;
}

function signWith(d, endpoint, button) {
  say("");
  button.disabled = true;
  let answered = false;
  let ws;
  const fail = (msg) => {
    if (answered) return;
    answered = true;
    button.disabled = false;
    $("huong-dan-vsign").classList.remove("an");
    say(msg);
  };
  try { ws = new WebSocket(S.status.ky_so.replace(/\/$/, "") + "/" + endpoint); } catch (e) { fail("Không kết nối được phần mềm ký số: " + e.message); return; }
  const timer = setTimeout(() => { fail("Phần mềm ký số không trả lời. Kiểm tra VGCA Sign Service đã chạy chưa, hoặc ký bằng vSignPDF theo hướng dẫn dưới đây."); try { ws.close(); } catch (_) {} }, 120000);
  ws.onopen = () => ws.send(JSON.stringify(signRequest(d, endpoint)));
  ws.onerror = () => { clearTimeout(timer); fail("Không kết nối được phần mềm ký số VGCA Sign Service trên máy này (" + S.status.ky_so + "). Ký bằng vSignPDF theo hướng dẫn dưới đây rồi gửi tệp đã ký."); };
  ws.onmessage = async (m) => {
    clearTimeout(timer);
    let r = {};
    try { r = JSON.parse(m.data); } catch (_) { r = { Status: -1, Message: "trả lời không đọc được" }; }
    try { ws.close(); } catch (_) {}
    if (Number(r.Status) !== 0) { fail("Ký số không thành công: " + (r.Message || ("mã " + r.Status))); return; }
    answered = true;
    button.disabled = false;
    $("huong-dan-vsign").classList.add("an");
    say("Đã ký " + d.name + " (" + endpoint + ")", true);
    await loadDocs();
  };
}

async function sendSigned(name, file) {
  say("");
  try {
    const r = await fetch("/api/ky-so/" + enc(name), { method: "POST", headers: { "Content-Type": "application/pdf" }, body: file });
    const j = await r.json();
    if (!r.ok || !j.Status) throw new Error(j.Message || j.loi || "không nhận được tệp");
    say("Đã nhận tệp đã ký: " + j.FileName, true);
    await loadDocs();
  } catch (e) { say(e.message); }
}

// ---------- package ----------
$("nut-dong-goi").addEventListener("click", async () => {
  say("");
  $("nut-dong-goi").disabled = true;
  try {
    const p = await api("/api/dong-goi", {});
    $("dg-ten").textContent = p.goi;
    $("dg-sha").textContent = p.sha256;
    $("dg-tai").href = "/api/tep/ket-qua/" + enc(p.goi);
    $("dg-tai").dataset.goi = p.goi;
    $("dg-tai").setAttribute("download", p.goi);
    const tb = $("bang-nguoi-ky").tBodies[0];
    tb.replaceChildren(...p.van_ban.map((v) => el("tr", { "data-van-ban": v.name }, el("td", {}, v.name),
      el("td", {}, v.signers.length ? v.signers.join("; ") : el("span", { class: "chua-ky" }, "Chưa ký")))));
    $("dg-canh-bao").replaceChildren(...(p.canh_bao || []).map((w) => el("li", {}, w)));
    $("dg-ket-qua").classList.remove("an");
    say("Đã đóng gói: " + p.goi, true);
  } catch (e) { say(e.message); } finally { $("nut-dong-goi").disabled = false; }
});

document.querySelectorAll("#thanh-muc button").forEach((b) => b.addEventListener("click", () => show(b.dataset.man)));

(async function start() {
  try {
    await loadStatus();
    if (S.status.ho_so) { await recheck(); show("tong-quan"); } else { show("mo"); }
    browse("");
  } catch (e) { say(e.message); }
  watch();
})();
