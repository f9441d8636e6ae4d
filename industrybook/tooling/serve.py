"""A folder served over 127.0.0.1 on a free port, in a background thread, for the browser checks
(screenshots, Lighthouse, the HTML book's tests): nothing leaves the machine."""
from __future__ import annotations

import functools
import http.server
import threading
from pathlib import Path


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # one line a request would bury the test and tool output
        pass


def serve(directory: Path) -> http.server.ThreadingHTTPServer:
    """Serve ``directory`` until ``shutdown()``; the URL is ``http://127.0.0.1:{server_address[1]}``."""
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0),
                                            functools.partial(_QuietHandler, directory=str(directory)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd
