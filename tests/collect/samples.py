"""Test payloads (pages, PDFs, bombs) and a real HTTP server on 127.0.0.1 for the collect and extract tests.

Loaded by path (see ``load_samples`` in the test modules) so it works under any pytest import mode.
"""

from __future__ import annotations

import gzip
import http.server
import io
import threading
import time
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable


REPO = Path(__file__).resolve().parents[2]
SMALL_CAP = 200_000  # bytes: the tests' --max-bytes


# --------------------------------------------------------------------------- payload builders
def article(title: str, date: str, paragraphs: list[str], lang: str = "fr", charset: str | None = "utf-8",
            extra_head: str = "") -> str:
    """An article page with navigation and a footer around the main text."""
    meta = f'<meta charset="{charset}">' if charset else ""
    body = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        f'<!DOCTYPE html><html lang="{lang}"><head>{meta}<title>{title}</title>'
        f'<meta property="article:published_time" content="{date}">{extra_head}</head><body>'
        '<nav><ul><li><a href="/">Accueil</a></li><li><a href="/news/">Actualités</a></li></ul></nav>'
        f"<main><article><h1>{title}</h1>{body}</article></main>"
        '<footer><p>Mentions légales · Plan du site · Contact</p></footer></body></html>'
    )


FR = [
    "La métropole a signé un accord de partage de données avec les opérateurs de trottinettes, "
    "après deux années de tensions sur l'occupation des trottoirs et le stationnement sauvage.",
    "Les plateformes s'engagent à transmettre chaque mois leurs données de trajets anonymisées, "
    "tandis que la ville réserve des emplacements dédiés dans les quartiers les plus fréquentés.",
    "L'adjoint aux mobilités parle d'une coopération exemplaire, quand l'opposition municipale "
    "dénonce une délégation du service public à des entreprises privées.",
]
EN = [
    "The city council voted on Tuesday to ban short-term rentals in three central districts, "
    "a decision the platform immediately said it would challenge in court.",
    "Officials argued that the measure protects housing for residents, while the company "
    "accused the administration of ignoring the income of thousands of local hosts.",
    "Neighbourhood associations welcomed the vote and called for stricter enforcement of the "
    "registration rules that the platform has resisted for years.",
]
DE = [
    "Die Stadtverwaltung hat mit dem Fahrdienstvermittler eine Vereinbarung über den Austausch "
    "von Verkehrsdaten geschlossen, nachdem monatelang über Lizenzen gestritten wurde.",
    "Der Bürgermeister sprach von einem Neuanfang, während die Taxiverbände eine Klage gegen "
    "die Genehmigung angekündigt haben und weitere Proteste planen.",
]


def pdf_document(pages: list[list[str]], title: str = "", author: str = "") -> bytes:
    """A text PDF made with reportlab (one list of lines per page)."""
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    c = canvas.Canvas(buffer)
    if title:
        c.setTitle(title)
    if author:
        c.setAuthor(author)
    for lines in pages:
        text = c.beginText(50, 780)
        for line in lines:
            text.textLine(line)
        c.drawText(text)
        c.showPage()
    c.save()
    return buffer.getvalue()


def scanned_pdf() -> bytes:
    """A PDF whose only page holds a drawing and no text layer (like a scan)."""
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    c = canvas.Canvas(buffer)
    c.rect(50, 50, 400, 600, fill=1)
    c.showPage()
    c.save()
    return buffer.getvalue()


def raw_pdf(content: bytes) -> bytes:
    """A minimal one-page PDF whose content stream is ``content`` compressed with FlateDecode."""
    stream = zlib.compress(content, 9)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


def pdf_bomb(expanded: int = 60_000_000) -> bytes:
    """A small PDF whose content stream inflates to ``expanded`` bytes."""
    return raw_pdf(b"BT /F1 12 Tf 72 712 Td (Bomb) Tj ET\n" + b" " * expanded)


def gzip_bomb(expanded: int = 20_000_000) -> bytes:
    """A gzip body of a few kB that inflates to ``expanded`` bytes."""
    buffer = io.BytesIO()
    with gzip.GzipFile(fileobj=buffer, mode="wb", compresslevel=9) as handle:
        chunk = b"<p>" + b"a" * 65_533
        for _ in range(expanded // len(chunk)):
            handle.write(chunk)
    return buffer.getvalue()


PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"\x00" * 200


# --------------------------------------------------------------------------- the server
@dataclass
class Route:
    """One path: status, headers, body, optional delay; ``sequence`` gives answers for successive hits."""

    status: int = 200
    headers: dict[str, str] = field(default_factory=lambda: {"Content-Type": "text/html; charset=utf-8"})
    body: bytes = b""
    sleep: float = 0.0
    sequence: list["Route"] | None = None


@dataclass
class Hit:
    path: str
    at: float
    user_agent: str


class LocalServer:
    """Threaded HTTP server with a route table and a request log (path, time, user agent)."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.log: list[Hit] = []
        self._lock = threading.Lock()
        outer = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: object) -> None:  # keep pytest output clean
                pass

            def do_GET(self) -> None:  # noqa: N802 - http.server naming
                outer._serve(self)

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        self.base = f"http://127.0.0.1:{self.port}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        self.thread.start()

    def _serve(self, handler: http.server.BaseHTTPRequestHandler) -> None:
        path = handler.path
        with self._lock:
            self.log.append(Hit(path, time.monotonic(), handler.headers.get("User-Agent", "")))
            route = self.routes.get(path)
            if route is not None and route.sequence:
                n = sum(1 for h in self.log if h.path == path) - 1
                route = route.sequence[min(n, len(route.sequence) - 1)]
        if route is None:
            route = Route(404, {"Content-Type": "text/html"}, b"<html><body>not found</body></html>")
        if route.sleep:
            time.sleep(route.sleep)
        try:
            handler.send_response(route.status)
            for key, value in route.headers.items():
                handler.send_header(key, value)
            handler.send_header("Content-Length", str(len(route.body)))
            handler.end_headers()
            handler.wfile.write(route.body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (size cap, timeout): expected

    def add(self, path: str, body: bytes | str = b"", status: int = 200, content_type: str = "text/html; charset=utf-8",
            headers: dict[str, str] | None = None, sleep: float = 0.0) -> str:
        """Serve ``body`` at ``path``; return the full URL."""
        data = body.encode("utf-8") if isinstance(body, str) else body
        all_headers = {"Content-Type": content_type} if content_type else {}
        all_headers.update(headers or {})
        self.routes[path] = Route(status, all_headers, data, sleep)
        return self.base + path

    def add_sequence(self, path: str, answers: list[Route]) -> str:
        """Serve successive answers at ``path`` (the last one repeats)."""
        self.routes[path] = Route(sequence=answers)
        return self.base + path

    def hits(self, path: str | None = None) -> list[Hit]:
        """Requests received (for ``path`` only when given)."""
        with self._lock:
            return [h for h in self.log if path is None or h.path == path]

    def reset_log(self) -> None:
        """Forget the requests received so far."""
        with self._lock:
            self.log.clear()

    def close(self) -> None:
        """Stop serving."""
        self.httpd.shutdown()
        self.httpd.server_close()


def make_server(configure: Callable[[LocalServer], None]) -> LocalServer:
    """Start a server and let ``configure`` fill its routes."""
    server = LocalServer()
    configure(server)
    return server


def write_sources(path: Path, rows: list[dict[str, str]]) -> Path:
    """Write a sources TSV with the union of the rows' columns."""
    columns: list[str] = []
    for row in rows:
        columns.extend(c for c in row if c not in columns)
    lines = ["\t".join(columns)] + ["\t".join(row.get(c, "") for c in columns) for row in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path
