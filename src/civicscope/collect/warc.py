"""One WARC file per collection run (warcio): the web-archiving record of what was received."""

from __future__ import annotations

import datetime as dt
import io
import json
import logging
import threading
from pathlib import Path
from typing import Any, Mapping, Sequence

from civicscope import __version__

logger = logging.getLogger(__name__)

# headers describing the transfer, not the payload we store (already decoded, whole)
_TRANSFER_HEADERS = frozenset({"content-encoding", "transfer-encoding", "content-length"})


class WarcLog:
    """Append-only, thread-safe WARC writer; each record is flushed so a killed run keeps its records."""

    def __init__(self, path: str | Path, info: Mapping[str, Any]) -> None:
        from warcio.warcwriter import WARCWriter

        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._handle = open(self.path, "ab")
        self._writer = WARCWriter(self._handle, gzip=True)
        self._lock = threading.Lock()
        fields = {"software": f"civicscope/{__version__}", "format": "WARC File Format 1.1", **{k: str(v) for k, v in info.items()}}
        record = self._writer.create_warcinfo_record(self.path.name, fields)
        self._write(record)

    def _write(self, record: Any) -> None:
        with self._lock:
            self._writer.write_record(record)
            self._handle.flush()

    def response(
        self,
        url: str,
        status: int,
        reason: str,
        headers: Sequence[tuple[str, str]],
        body: bytes,
        request_headers: Mapping[str, str],
    ) -> None:
        """Record a request/response pair; the payload is stored decoded (Content-Encoding removed)."""
        from warcio.statusandheaders import StatusAndHeaders

        kept = [(k, v) for k, v in headers if k.lower() not in _TRANSFER_HEADERS]
        original = [f"{k}: {v}" for k, v in headers if k.lower() == "content-encoding"]
        if original:
            kept.append(("X-Civicscope-Decoded-From", "; ".join(original)))
        kept.append(("Content-Length", str(len(body))))
        http_headers = StatusAndHeaders(f"{status} {reason or ''}".strip(), kept, protocol="HTTP/1.1")
        response = self._writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=http_headers)
        path = url.split("://", 1)[-1]
        path = "/" + path.split("/", 1)[1] if "/" in path else "/"
        req_headers = StatusAndHeaders(f"GET {path} HTTP/1.1", list(request_headers.items()), is_http_request=True)
        request = self._writer.create_warc_record(
            url,
            "request",
            http_headers=req_headers,
            warc_headers_dict={"WARC-Concurrent-To": response.rec_headers.get_header("WARC-Record-ID")},
        )
        self._write(response)
        self._write(request)

    def resource(self, uri: str, body: bytes, content_type: str) -> None:
        """Record a local file as a resource record."""
        record = self._writer.create_warc_record(
            uri, "resource", payload=io.BytesIO(body), warc_content_type=content_type
        )
        self._write(record)

    def note(self, uri: str, data: Mapping[str, Any]) -> None:
        """Record run metadata (e.g. a failure with no response) as a metadata record."""
        payload = json.dumps(dict(data), ensure_ascii=False, sort_keys=True).encode("utf-8")
        record = self._writer.create_warc_record(
            uri, "metadata", payload=io.BytesIO(payload), warc_content_type="application/json"
        )
        self._write(record)

    def close(self) -> None:
        """Close the file."""
        with self._lock:
            self._handle.close()


def run_warc_name(now: dt.datetime | None = None) -> str:
    """Name of the WARC file for a run started ``now`` (UTC)."""
    now = now or dt.datetime.now(dt.timezone.utc)
    return f"collect-{now.strftime('%Y%m%dT%H%M%S%fZ')}.warc.gz"
