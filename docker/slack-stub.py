"""Local stand-in for Slack incoming webhooks (docker-compose service "slack").

Point a monitor's webhook_url at http://slack:8080/<anything>; every POST is
printed to the container log (docker compose logs -f slack) and answered "ok",
like Slack does. GET /received lists what arrived (path and JSON body), oldest first.
"""

import json
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

received = []
lock = threading.Lock()


class Handler(BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        try:
            text = json.dumps(json.loads(body), indent=2, ensure_ascii=False)
        except ValueError:
            text = body.decode("utf-8", "replace")
        print(f"POST {self.path}\n{text}", flush=True)
        with lock:
            received.append({"path": self.path, "body": body.decode("utf-8", "replace")})
        self._reply(200, b"ok")

    def do_GET(self):
        if self.path == "/received":
            with lock:
                self._reply(200, json.dumps(received).encode(), "application/json")
        else:
            self._reply(200, b"slack stub")

    def _reply(self, status, payload, content_type="text/plain"):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, *args):
        pass


if __name__ == "__main__":
    port = int(sys.argv[1]) if len(sys.argv) > 1 else 8080
    print(f"slack stub listening on :{port}", flush=True)
    ThreadingHTTPServer(("0.0.0.0", port), Handler).serve_forever()
