"""`ottawa serve`: a built site served on this machine only (127.0.0.1), for a look in a
browser; the standard library's server, never meant for the internet."""

from __future__ import annotations

import functools
import sys
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

from ottawa_cli.errors import UsageError

HOST = "127.0.0.1"


class _Quiet(SimpleHTTPRequestHandler):
    """Requests logged one line each on stderr, the address and nothing the client chose to
    say (a path is shown with its unsafe characters made visible)."""

    def log_message(self, format: str, *args: object) -> None:
        from ottawa_cli.safe_text import one_line

        sys.stderr.write(one_line(format % args) + "\n")


def serve_folder(folder: str, port: int) -> None:
    """Serve the folder until interrupted; the address is printed on stdout once it listens.
    Ctrl-C closes the server and is raised on to the caller, which removes the folder."""
    handler = functools.partial(_Quiet, directory=folder)
    try:
        server = ThreadingHTTPServer((HOST, port), handler)
    except OSError as error:
        raise UsageError(f"cannot listen on {HOST}:{port}: {error.strerror or error}") from None
    with server:
        print(f"Serving http://{HOST}:{server.server_address[1]}/ (Ctrl-C stops)", flush=True)
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            # Ends the run as any interrupt does (exit 130), once the server is closed and,
            # on the way out, the folder removed.
            print("Stopped.", file=sys.stderr)
            raise
