"""Local stand-in for Slack incoming webhooks (docker-compose service "slack").

Point a monitor's webhook_url at http://slack:8080/<anything>; every POST is
printed to the container log (docker compose logs -f slack) and answered "ok",
like Slack does.
"""

import json
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class Handler(BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        try:
            text = json.dumps(json.loads(body), indent=2, ensure_ascii=False)
        except ValueError:
            text = body.decode("utf-8", "replace")
        print(f"POST {self.path}\n{text}", flush=True)
        self._reply(200, b"ok")

    def do_GET(self):
        self._reply(200, b"slack stub")

    def _reply(self, status, payload):
        self.send_response(status)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, *args):
        pass


if __name__ == "__main__":
    port = int(sys.argv[1]) if len(sys.argv) > 1 else 8080
    print(f"slack stub listening on :{port}", flush=True)
    ThreadingHTTPServer(("0.0.0.0", port), Handler).serve_forever()
