"""A stand-in for the VGCA Sign Service (the national CA's local signing service) for hoso's tests.

It listens like the real one: a WebSocket over TLS on the loopback (self-signed certificate made
here), one path per endpoint (/SignApproved, /SignIssued, /SignAppendix). For each request it
downloads FileName, signs it with pyHanko and a test certificate (a new signature field each time,
an incremental update), posts the signed file back to FileUploadHandler as multipart/form-data,
and answers {"Status": 0, "FileName": ..., "FileServer": ...}. Every request is logged (JSON lines).
"""

import asyncio
import datetime
import io
import json
import os
import ssl
import sys
import threading
import urllib.request
import uuid

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "fixtures"))
from make_signed_pdf import throwaway_identity  # noqa: E402

from cryptography import x509  # noqa: E402
from cryptography.hazmat.primitives import hashes, serialization  # noqa: E402
from cryptography.hazmat.primitives.asymmetric import rsa  # noqa: E402
from cryptography.x509.oid import NameOID  # noqa: E402
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter  # noqa: E402
from pyhanko.sign import fields, signers  # noqa: E402
from pyhanko_certvalidator.registry import SimpleCertificateStore  # noqa: E402

SIGNERS = {
    "SignApproved": "LÊ VĂN HÙNG",
    "SignIssued": "UBND XÃ TÂN PHÚC",
    "SignAppendix": "UBND XÃ TÂN PHÚC",
}


def tls_context(workdir):
    """A self-signed server certificate for 127.0.0.1 (chromium runs with --ignore-certificate-errors)."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = datetime.datetime.now(datetime.timezone.utc)
    import ipaddress

    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=30))
        .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), critical=False)
        .sign(key, hashes.SHA256())
    )
    cp, kp = os.path.join(workdir, "standin.crt"), os.path.join(workdir, "standin.key")
    with open(cp, "wb") as f:
        f.write(cert.public_bytes(serialization.Encoding.PEM))
    with open(kp, "wb") as f:
        f.write(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.TraditionalOpenSSL, serialization.NoEncryption()))
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(cp, kp)
    return ctx


# The empty field hoso put at the ND30 place for each endpoint (forms/layout/chu-ky.toml).
FIELDS = {"SignApproved": "NguoiKy", "SignIssued": "CoQuan", "SignAppendix": "CoQuan"}


def empty_fields(pdf):
    from pyhanko.pdf_utils.reader import PdfFileReader

    r = PdfFileReader(io.BytesIO(pdf))
    return [name for name, _value, _ref in fields.enumerate_sig_fields(r, filled_status=False)]


def sign_pdf(pdf, cn, field, prefer=None):
    """Signs into the empty field `prefer` when the PDF has it, else into a new field `field`."""
    if prefer and prefer in empty_fields(pdf):
        field = prefer
    cert, key = throwaway_identity(cn)
    signer = signers.SimpleSigner(signing_cert=cert, signing_key=key, cert_registry=SimpleCertificateStore.from_certs([cert]))
    meta = signers.PdfSignatureMetadata(field_name=field, md_algorithm="sha256", subfilter=fields.SigSeedSubFilter.PADES, reason="Thử nghiệm hoso")
    out = signers.sign_pdf(IncrementalPdfFileWriter(io.BytesIO(pdf)), meta, signer=signer)
    return out.getvalue()


def post_multipart(url, name, data):
    boundary = "----vgca" + uuid.uuid4().hex
    body = (
        ("--%s\r\nContent-Disposition: form-data; name=\"uploadfile\"; filename=\"%s\"\r\nContent-Type: application/pdf\r\n\r\n" % (boundary, name)).encode()
        + data
        + ("\r\n--%s--\r\n" % boundary).encode()
    )
    req = urllib.request.Request(url, data=body, method="POST", headers={"Content-Type": "multipart/form-data; boundary=" + boundary})
    with urllib.request.urlopen(req, timeout=30) as r:
        return json.loads(r.read().decode("utf-8"))


class Standin:
    def __init__(self, port, workdir, log_path):
        self.port, self.workdir, self.log_path = port, workdir, log_path
        self.loop = None
        self.ready = threading.Event()
        self.count = 0

    def log(self, entry):
        with open(self.log_path, "a", encoding="utf-8") as f:
            f.write(json.dumps(entry, ensure_ascii=False) + "\n")

    async def handler(self, ws):
        path = ws.request.path.strip("/")
        msg = await ws.recv()
        req = json.loads(msg)
        entry = {"endpoint": path, "request": req}
        try:
            if path not in SIGNERS:
                raise ValueError("endpoint lạ: " + path)
            with urllib.request.urlopen(req["FileName"], timeout=30) as r:
                pdf = r.read()
            self.count += 1
            signed = await asyncio.get_running_loop().run_in_executor(None, sign_pdf, pdf, SIGNERS[path], "VGCA%d" % self.count, FIELDS[path])
            entry["fields_before"] = empty_fields(pdf)
            name = req["FileUploadHandler"].split("/api/ky-so/")[1].split("?")[0]
            up = post_multipart(req["FileUploadHandler"], urllib.parse.unquote(name), signed)
            entry["upload"] = up
            if not up.get("Status"):
                raise ValueError(up.get("Message", "upload refused"))
            answer = {"Status": 0, "Message": "", "FileName": up["FileName"], "FileServer": up["FileServer"]}
        except Exception as e:  # the page must see a failure, not a hang
            entry["error"] = repr(e)
            answer = {"Status": 1, "Message": "Lỗi stand-in: %r" % e}
        self.log(entry)
        await ws.send(json.dumps(answer, ensure_ascii=False))

    def run(self):
        import websockets.asyncio.server as wss

        async def main():
            ctx = tls_context(self.workdir)
            async with wss.serve(self.handler, "127.0.0.1", self.port, ssl=ctx, max_size=64 * 1024 * 1024):
                self.ready.set()
                await asyncio.Future()

        self.loop = asyncio.new_event_loop()
        self.loop.run_until_complete(main())

    def start(self):
        t = threading.Thread(target=self.run, daemon=True)
        t.start()
        if not self.ready.wait(20):
            raise RuntimeError("stand-in did not start")


import urllib.parse  # noqa: E402
