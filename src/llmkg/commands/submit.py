"""`llmkg submit FILE`, `llmkg withdraw ID` and `llmkg import FORMAT FILE… --server URL`: submissions
to a running llmkg server.

Each prints the report as `llmkg validate` does and exits 1 when the server refuses (a Violation,
a bad token, a bad file), 0 when it accepted.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlencode

from .. import formats
from ..config import Settings
from ..errors import LlmkgError, bad_request
from ..exchange.importers import Problem
from ..exchange.importers.record import short_name
from ..submissions.imports import MEDIA_TYPES

DEFAULT_SERVER = "http://127.0.0.1:8000"


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    remote = argparse.ArgumentParser(add_help=False)
    remote.add_argument("--server", default=os.environ.get("LLMKG_SERVER", DEFAULT_SERVER),
                        help=f"the llmkg server (env LLMKG_SERVER; default {DEFAULT_SERVER})")
    remote.add_argument("--token", default=os.environ.get("LLMKG_TOKEN"),
                        help="your token, from `llmkg token create` (env LLMKG_TOKEN)")
    remote.add_argument("--format", choices=["text", "json"], default="text", help="how to print the answer")
    s = subparsers.add_parser(
        "submit", parents=[remote], help="send an RDF file to a running server as a submission",
        description="Send FILE (Turtle, N-Triples, JSON-LD, RDF/XML or TriG without graph names; the format "
        "follows the extension) to POST /submissions. The server validates it in the context of its store; with "
        "no Violation it is committed as its own named graph and the command prints its id, graph and warnings; "
        "otherwise nothing is written and the command prints the report and exits 1. "
        "Try `llmkg validate FILE` first.")
    s.add_argument("file", metavar="FILE", help="the RDF file to submit")
    s.add_argument("--description", help="what the submission says and why (recorded with it)")
    s.add_argument("--source-url", help="where the statements come from (recorded as dct:source)")
    s.set_defaults(func=cmd_submit)
    w = subparsers.add_parser(
        "withdraw", parents=[remote], help="withdraw a submission (its submitter or an admin)",
        description="Withdraw submission ID (DELETE /submissions/ID): its named graph is removed from the store "
        "and its file from data/submissions/. Only its submitter or an admin token may.")
    w.add_argument("id", metavar="ID", help="the submission's id, as `llmkg submit` printed it")
    w.set_defaults(func=cmd_withdraw)


def cmd_submit(args: argparse.Namespace, settings: Settings) -> int:
    path = Path(args.file)
    fmt = formats.by_extension(path.name)
    if fmt is None or fmt.kind != "rdf":
        raise bad_request(f"cannot tell the RDF format of {path.name}: use one of "
                          f"{', '.join(f.extension for f in formats.RDF_FORMATS)}", file=str(path))
    if not path.is_file():
        raise bad_request(f"no such file: {path}", file=str(path))
    params = {k: v for k, v in (("description", args.description), ("source_url", args.source_url)) if v}
    url = args.server.rstrip("/") + "/submissions" + (f"?{urlencode(params)}" if params else "")
    status, answer = call("POST", url, _token(args), path.read_bytes(), fmt.media_type)
    return show(answer, status, args.format, args.server)


def cmd_withdraw(args: argparse.Namespace, settings: Settings) -> int:
    status, answer = call("DELETE", f"{args.server.rstrip('/')}/submissions/{args.id}", _token(args))
    return show(answer, status, args.format, args.server)


def send_imports(args: argparse.Namespace, fmt: str, files: list[Path]) -> int:
    """Each file to the server as its own submission (or, with --dry-run, to POST /validate): what
    the server answers per file; 1 if it refused any."""
    for flag in ("replace", "no_build"):
        if getattr(args, flag):
            raise bad_request(f"--{flag.replace('_', '-')} applies to imports into data/, not with --server: a "
                              "submission is never replaced (withdraw it and send the new file)",
                              parameter=f"--{flag.replace('_', '-')}")
    route = "/validate" if args.dry_run else "/submissions"
    token = "" if args.dry_run else _token(args)
    refused = 0
    for f in files:
        params = {"import": fmt, "name": short_name(str(f)), "description": args.description,
                  "skip_unknown_licenses": "true" if args.skip_unknown_licenses else None}
        url = f"{args.server.rstrip('/')}{route}?{urlencode({k: v for k, v in params.items() if v})}"
        status, answer = call("POST", url, token, f.read_bytes(), MEDIA_TYPES[fmt][0])
        print(f"{f}:", flush=True)
        if args.dry_run and "error" not in answer:
            code = _show_check(answer)
        else:
            code = show(answer, status, "text", args.server)
        refused += code != 0
        sys.stdout.flush()
    if refused:
        print(f"{refused} of {len(files)} file(s) refused", file=sys.stderr)
    return 1 if refused else 0


def _show_check(answer: dict) -> int:
    """A dry run's answer (POST /validate): the importer's problems, the report, 1 if it does not conform."""
    from ..cli import _result_line

    for line in problem_lines(answer):
        print(line)
    report = answer.get("report") or {}
    for r in report.get("results", []):
        print(_result_line(r))
    verdict = "conforms" if report.get("conforms") else "does not conform"
    print(f"{verdict}: {report.get('violations', 0)} violation(s), {report.get('warnings', 0)} warning(s); "
          "nothing written")
    return 0 if report.get("conforms") else 1


def _token(args: argparse.Namespace) -> str:
    if not args.token:
        raise LlmkgError("no token: pass --token or set LLMKG_TOKEN (an operator makes one with "
                         "`llmkg token create NAME`)", 401, "unauthorized")
    return args.token


def call(method: str, url: str, token: str, data: bytes | None = None,
         media_type: str | None = None) -> tuple[int, dict]:
    """(HTTP status, JSON answer) of one request; errors of the server are answers too."""
    headers = {"Authorization": f"Bearer {token}", "Accept": "application/json"}
    if media_type:
        headers["Content-Type"] = media_type
    req = urllib.request.Request(url, data=data, headers=headers, method=method)
    try:
        with urllib.request.urlopen(req, timeout=600) as resp:
            return resp.status, json.loads(resp.read() or b"{}")
    except urllib.error.HTTPError as e:
        raw = e.read()
        try:
            return e.code, json.loads(raw)
        except ValueError:
            return e.code, {"error": {"status": e.code, "message": raw.decode("utf-8", "replace")[:500]}}
    except urllib.error.URLError as e:
        raise LlmkgError(f"cannot reach the server {url}: {e.reason}", 502, "bad-gateway") from None


def show(answer: dict, status: int, how: str, server: str) -> int:
    from ..cli import _result_line

    if how == "json":
        print(json.dumps(answer, indent=2, ensure_ascii=False))
    elif "error" in answer:
        err = answer["error"]
        where = ", ".join(f"{k} {v}" for k, v in (err.get("where") or {}).items())
        print(f"error: {err.get('message')}" + (f" ({where})" if where else ""), file=sys.stderr)
        report = err.get("details") if isinstance(err.get("details"), dict) else None
        for r in (report or {}).get("results", []):
            print(_result_line(r), file=sys.stderr)
        for line in problem_lines(report or {}):
            print(line, file=sys.stderr)
    else:
        verb = {"withdrawn": "withdrawn"}.get(answer.get("status", ""), "accepted" if answer.get("created", True)
                                                                          else "already accepted (same file)")
        print(f"{verb}: submission {answer['id']}\n  graph {answer.get('graph')}\n  "
              f"{server.rstrip('/')}{answer.get('href', '')}")
        for line in problem_lines(answer):
            print(line)
        report = answer.get("report") or {}
        for r in report.get("results", []):
            print(_result_line(r))
        if report:
            print(f"conforms: {report.get('violations', 0)} violation(s), {report.get('warnings', 0)} warning(s)")
    return 0 if status < 400 else 1


def problem_lines(answer: dict) -> list[str]:
    """What an importer could not map (`imported.problems` of an answer, or `problems` of an
    import error's details), one line each: `warning: FILE:LINE [RECORD] FIELD: MESSAGE`."""
    found = (answer.get("imported") or {}).get("problems") or answer.get("problems") or []
    return [f"{p.get('severity', 'warning')}: {_problem(p)}" for p in found if isinstance(p, dict)]


def _problem(p: dict) -> Problem:
    return Problem(p.get("file", ""), p.get("record", ""), p.get("field", ""), p.get("message", ""), p.get("line"))
